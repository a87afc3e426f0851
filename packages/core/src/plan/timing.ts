/** When a medicine is taken: fixed local times, every N hours, or as needed (the same shape as the store's MedicineTiming). */
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';

/** A local wall-clock time "HH:MM" in the patient's own time zone. */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are "HH:MM" (24-hour clock)');

export const MedicineTimingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed-times'), times: z.array(LocalTimeSchema).min(1).max(24) }),
  z.strictObject({ type: z.literal('every-hours'), hours: z.number().positive().max(72) }),
  z.strictObject({
    type: z.literal('as-needed'),
    minIntervalHours: z.number().positive().max(72),
    maxPerDay: z.number().int().min(1).max(24),
  }),
]);
export type MedicineTiming = z.infer<typeof MedicineTimingSchema>;

/**
 * The problems a timing of the right shape may still have (duplicate times, more doses a day than the
 * interval allows); `path` prefixes each issue. Empty when the timing makes sense.
 */
export function medicineTimingIssues(timing: MedicineTiming, path = 'timing'): FieldIssue[] {
  switch (timing.type) {
    case 'fixed-times': {
      const issues: FieldIssue[] = [];
      timing.times.forEach((time, index) => {
        if (timing.times.indexOf(time) !== index) {
          issues.push({ path: `${path}.times[${index}]`, message: `${time} is listed twice` });
        }
      });
      return issues;
    }
    case 'every-hours':
      return [];
    case 'as-needed': {
      // Doses at least minIntervalHours apart fit at most ceil(24 / interval) times into one day.
      const mostThatFit = Math.ceil(24 / timing.minIntervalHours);
      return timing.maxPerDay > mostThatFit
        ? [
            {
              path: `${path}.maxPerDay`,
              message: `at most ${mostThatFit} doses fit in a day when doses are ${timing.minIntervalHours} hours apart`,
            },
          ]
        : [];
    }
  }
}
