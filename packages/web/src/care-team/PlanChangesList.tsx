/** A list of plan changes in plain words, each with when and who made it (newest first). */
import type { CarePlan } from '@aftercare/core';
import type { PlanChange } from '../api/careteam.ts';
import type { Role } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatInstant } from './format.ts';
import { describePlanChange } from './plan-change-text.ts';

export function PlanChangesList<C extends PlanChange>({
  changes,
  plan,
  timeZone,
  authorOf,
}: {
  changes: readonly C[];
  plan: CarePlan | null;
  timeZone: string;
  authorOf: (change: C) => { name: string; role: Role } | undefined;
}) {
  const { t, locale, language } = useI18n();
  return (
    <ul className="plan-changes">
      {changes.map((change) => {
        const author = authorOf(change);
        return (
          <li key={change.id}>
            <p>{describePlanChange(change, { t, locale, language, plan, timeZone })}</p>
            <p className="muted">
              <time dateTime={change.at}>{formatInstant(locale, change.at)}</time>
              {author !== undefined &&
                ` · ${t('careteam.change.by', { name: author.name, role: t(`careteam.change.role.${author.role}`) })}`}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
