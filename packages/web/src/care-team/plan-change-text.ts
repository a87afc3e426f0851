/** A plan change in plain words for the patient and the team: "Acetaminophen changed: amount 1 g." */
import type { CarePlan } from '@aftercare/core';
import type { PlanChange } from '../api/careteam.ts';
import type { Language } from '../api/types.ts';
import type { MessageKey } from '../i18n/index.ts';
import { visitLabel } from './visit-label.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** When a visit is, in the patient's zone and the reader's language. */
function when(locale: string, timeZone: string, iso: unknown): string {
  const instant = new Date(text(iso));
  if (Number.isNaN(instant.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

/** What changed in a medicine, field by field ("amount 2 tablets, when to take it"). */
function medicineWhat(t: Translate, after: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(after)) {
    switch (field) {
      case 'amount':
        parts.push(t('careteam.change.field.amount', { value: text(value) }));
        break;
      case 'timing':
        parts.push(t('careteam.change.field.timing'));
        break;
      case 'reason':
        parts.push(t('careteam.change.field.reason'));
        break;
      case 'endDate':
        parts.push(t('careteam.change.field.endDate', { value: text(value) || t('careteam.change.noEnd') }));
        break;
      case 'name':
        parts.push(t('careteam.change.field.name'));
        break;
      default:
        break;
    }
  }
  return parts.join(', ');
}

export function describePlanChange(
  change: PlanChange,
  context: { t: Translate; locale: string; language: Language; plan: CarePlan | null; timeZone: string },
): string {
  const { t, locale, language, plan, timeZone } = context;
  const details = change.details;
  const visitName = () => visitLabel(plan, language, text(details.reason));
  switch (change.kind) {
    case 'medicine-added':
    case 'medicine-stopped':
      return t(`careteam.change.${change.kind}`, { name: text(details.name) });
    case 'medicine-changed':
      return t('careteam.change.medicine-changed', {
        name: text(details.name),
        what: medicineWhat(t, record(details.after)),
      });
    case 'allergy-added':
    case 'allergy-removed':
      return t(`careteam.change.${change.kind}`, { name: text(details.substance) });
    case 'visit-added':
    case 'visit-changed':
    case 'visit-cancelled':
      return t(`careteam.change.${change.kind}`, {
        name: visitName(),
        when: when(locale, timeZone, details.startsAt),
      });
    case 'return-to-work-changed':
    case 'follow-up-closed':
    case 'follow-up-reopened':
      return t(`careteam.change.${change.kind}`);
  }
}
