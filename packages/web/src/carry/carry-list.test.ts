import { beforeAll, describe, expect, it } from 'vitest';
import type { Medication } from '../api/types.ts';
import { LANGUAGES, loadWords, translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { carryList, type CarryInput } from './carry-list.ts';
import { parseCareTeam } from './care-team-cache.ts';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);

const antibiotic: Medication = {
  id: 'a',
  version: 1,
  name: 'Amoxicillin',
  kind: 'prescription',
  amount: '500 mg',
  timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
  reason: 'infection',
  startDate: '2026-11-19',
  endDate: '2026-11-25',
  stoppedAt: null,
  effectiveFrom: '2026-11-19T12:00:00.000Z',
  planItem: null,
};

const input: CarryInput = {
  patient: {
    id: 'p',
    name: 'Sam Okafor',
    procedureDate: '2026-11-19',
    harvestSite: 'hip',
    marrowUse: 'donor',
    language: 'en',
    timeZone: 'America/Chicago',
    country: 'GB',
  },
  medications: [antibiotic],
  allergies: [],
  careTeam: { name: 'North Clinic', phone: null },
};

// The app loads the words beyond the sign-in page's on demand; these tests use them.
beforeAll(async () => {
  await Promise.all(LANGUAGES.map(loadWords));
});

describe('carryList', () => {
  it('keeps a course through its last day in the patient’s zone, and says what is missing in plain words', () => {
    // 05:00 UTC on the 26th is still the 25th in Chicago: the course's last day.
    const list = carryList(input, en, 'en', new Date('2026-11-26T05:00:00.000Z'));
    expect(list.medicines).toEqual([
      {
        name: 'Amoxicillin',
        amount: '500 mg',
        when: 'Each day at 08:00, 20:00',
        why: 'infection',
        dates: 'Nov 19, 2026 to Nov 25, 2026',
      },
    ]);
    expect(list.emergencyLine).toBe('Emergency: call 999');
    expect(list.careTeamPhone).toBe('Ask your care team for their phone number.');
    expect(list.emergencyContact).toBe('None written down');
    expect(list.card.allergiesLine).toBe('Allergies: No known allergies');
    expect(list.card.careTeamLine).toBe('North Clinic');
    expect(list.card.medicines).toEqual(['Amoxicillin 500 mg: Each day at 08:00, 20:00']);
    expect(carryList(input, en, 'en', new Date('2026-11-26T07:00:00.000Z')).medicines).toEqual([]);
  });
});

describe('parseCareTeam', () => {
  it('reads what was saved and ignores anything else', () => {
    expect(parseCareTeam('{"name":"North Clinic","phone":"+1 555"}')).toEqual({
      name: 'North Clinic',
      phone: '+1 555',
    });
    expect(parseCareTeam('{"name":"North Clinic","phone":null}')).toEqual({ name: 'North Clinic', phone: null });
    expect(parseCareTeam('{"name":3}')).toBeNull();
    expect(parseCareTeam('not json')).toBeNull();
    expect(parseCareTeam(null)).toBeNull();
  });
});
