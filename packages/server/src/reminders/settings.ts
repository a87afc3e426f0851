/** Reminder settings: what a patient chose, else the defaults (check-in from the plan or 18:00, visits, dose repeats). */
import { z } from 'zod';
import type { CarePlan } from '@aftercare/core';
import type { ReminderSettings, Store } from '@aftercare/store';

/** When the plan names no check-in time. */
export const DEFAULT_CHECK_IN_TIME = '18:00';

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  checkInTime: DEFAULT_CHECK_IN_TIME,
  visitReminders: { dayBefore: true, hoursBefore: 2 },
  doseRepeat: { everyMinutes: 10, times: 3 },
};

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 18:00 (24-hour clock, HH:MM).');

/** What PUT accepts: every part is checked, with a message a person can act on. */
export const ReminderSettingsSchema = z.strictObject({
  checkInTime: LocalTime,
  visitReminders: z.strictObject({
    dayBefore: z.boolean({ message: 'Say true or false.' }),
    hoursBefore: z
      .number({ message: 'Give a whole number of hours from 0 to 48.' })
      .int('Give a whole number of hours from 0 to 48.')
      .min(0, 'Give a whole number of hours from 0 to 48 (0 turns it off).')
      .max(48, 'Give a whole number of hours from 0 to 48.'),
  }),
  doseRepeat: z.strictObject({
    everyMinutes: z
      .number({ message: 'Give a whole number of minutes from 5 to 120.' })
      .int('Give a whole number of minutes from 5 to 120.')
      .min(5, 'Repeat at most every 5 minutes.')
      .max(120, 'Repeat at least every 120 minutes.'),
    times: z
      .number({ message: 'Give a whole number from 0 to 10.' })
      .int('Give a whole number from 0 to 10.')
      .min(0, 'Give a number from 0 (no repeats) to 10.')
      .max(10, 'Repeat at most 10 times.'),
  }),
});

/** The plan's own check-in time when it names one (a later plan schema may), else 18:00. */
export function planCheckInTime(plan: CarePlan | undefined): string {
  const named: unknown = plan === undefined ? undefined : (plan.settings as Record<string, unknown>).checkInTime;
  return typeof named === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(named) ? named : DEFAULT_CHECK_IN_TIME;
}

/** The patient's settings, or the defaults (with the plan's check-in time) when never saved. */
export async function reminderSettingsOf(
  store: Store,
  patientId: string,
  plan: CarePlan | undefined,
): Promise<ReminderSettings> {
  return settingsOrDefaults(await store.getReminderSettings(patientId), plan);
}

/** The settings a patient saved, or the defaults (with the plan's check-in time) when `stored` is undefined. */
export function settingsOrDefaults(stored: ReminderSettings | undefined, plan: CarePlan | undefined): ReminderSettings {
  return stored ?? { ...DEFAULT_REMINDER_SETTINGS, checkInTime: planCheckInTime(plan) };
}
