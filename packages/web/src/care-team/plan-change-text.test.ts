import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, loadWords, translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { describePlanChange } from './plan-change-text.ts';
import { draftFromPlan, medicineFromDraft, parseTimes, planFieldsOf } from './plan-draft.ts';
import { boneMarrowHarvestPlan } from '@aftercare/plans';

const context = (language: 'en' | 'es') => ({
  t: (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values),
  locale: language,
  language,
  plan: boneMarrowHarvestPlan,
  timeZone: 'America/Chicago',
});

// The app loads the words beyond the sign-in page's on demand; these tests use them.
beforeAll(async () => {
  await Promise.all(LANGUAGES.map(loadWords));
});

describe('plan changes in words', () => {
  it('says what changed in a medicine, in English and Spanish', () => {
    const change = {
      id: 'c1',
      at: '2026-11-25T15:00:00.000Z',
      kind: 'medicine-changed' as const,
      subjectId: 'm1',
      details: { name: 'Acetaminophen', before: { amount: '1 tablet' }, after: { amount: '2 tablets' } },
    };
    expect(describePlanChange(change, context('en'))).toBe('Acetaminophen changed: amount 2 tablets.');
    expect(describePlanChange(change, context('es'))).toBe('Acetaminophen cambió: cantidad 2 tablets.');
  });

  it("names the plan's visits by their short name and says when, in the patient's zone", () => {
    const change = {
      id: 'c2',
      at: '2026-11-25T15:00:00.000Z',
      kind: 'visit-added' as const,
      subjectId: 'v1',
      details: { reason: 'wound-check', startsAt: '2026-11-27T15:00:00.000Z' },
    };
    expect(describePlanChange(change, context('en'))).toMatch(/^New visit: Wound check, Nov 27, 2026, 9:00\s?AM\.$/);
  });
});

describe('plan drafts', () => {
  it('prefills the plan medicines (ask-first ones unticked) and its visits as optional rows', () => {
    const draft = draftFromPlan(boneMarrowHarvestPlan, 'en', '2026-11-19');
    expect(draft.medicines.map((m) => [m.planItem, m.include])).toEqual([
      ['pain-relief', true],
      ['antibiotic', true],
      ['vitamins-folic-acid-iron', false],
    ]);
    expect(draft.medicines[1]).toMatchObject({ courseDays: '7', times: '08:00, 20:00' });
    expect(draft.visits.map((v) => [v.reason, v.include, v.date])).toEqual([
      ['wound-check', false, '2026-11-26'],
      ['blood-tests', false, '2026-12-03'],
    ]);
    const planned = planFieldsOf(
      { ...draft, visits: draft.visits.map((v) => ({ ...v, include: true })) },
      'America/Chicago',
    );
    expect('fields' in planned && planned.fields.appointments[0]?.startsAt).toBe('2026-11-26T15:00:00.000Z');
    expect('fields' in planned && planned.fields.medications[1]?.endDate).toBe('2026-11-25');
  });

  it('refuses half-typed values field by field instead of sending them', () => {
    const [pain] = draftFromPlan(boneMarrowHarvestPlan, 'en', '2026-11-19').medicines;
    const bad = medicineFromDraft({ ...pain!, amount: ' ', maxPerDay: '2.5', courseDays: 'x' });
    expect('problems' in bad && bad.problems.map((p) => p.field).sort()).toEqual(['amount', 'courseDays', 'maxPerDay']);
    expect(parseTimes('8:00, 20:00')).toEqual(['08:00', '20:00']);
    expect(parseTimes('8 am')).toBeNull();
  });
});
