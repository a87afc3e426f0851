import { describe, expect, it } from 'vitest';
import { readingStats } from '../../../plans/src/reading-grade.ts';
import { isForCaregivers, notificationText, type TextFacts } from './texts.ts';

const FACTS: TextFacts[] = [
  { kind: 'dose', repeat: 0, medicine: 'Cefalexin', amount: '500 mg' },
  { kind: 'dose', repeat: 1, medicine: 'Cefalexin', amount: '500 mg' },
  { kind: 'caregiver-dose', time: '09:00' },
  { kind: 'visit', when: 'day-before', time: '10:30' },
  { kind: 'visit', when: 'hours-before', time: '10:30' },
  { kind: 'check-in' },
  { kind: 'alert', level: 'emergency' },
  { kind: 'alert', level: 'contact-provider' },
  { kind: 'alert-escalated' },
];

describe('notification texts', () => {
  it.each(FACTS.map((facts) => [JSON.stringify(facts), facts] as const))(
    '%s reads at grade 6 or lower in English and has a Spanish text',
    (_name, facts) => {
      const en = notificationText('en', facts);
      expect(readingStats(`${en.title}. ${en.body}`).grade).toBeLessThanOrEqual(6);
      const es = notificationText('es', facts);
      expect(es.title).not.toBe(en.title);
      expect(es.body.length).toBeGreaterThan(0);
    },
  );

  it.each(FACTS.filter(isForCaregivers).map((facts) => [JSON.stringify(facts), facts] as const))(
    '%s has a caregiver text about "the person you help", grade 6 or lower',
    (_name, facts) => {
      const en = notificationText('en', facts, true);
      expect(en.body).toContain('the person you help');
      expect(readingStats(`${en.title}. ${en.body}`).grade).toBeLessThanOrEqual(6);
      expect(notificationText('es', facts, true).body).toContain('la persona que cuidas');
    },
  );

  it('says "Time for your medicine", never a name, in a dose title', () => {
    expect(notificationText('en', FACTS[0] as TextFacts).title).toBe('Time for your medicine');
  });
});
