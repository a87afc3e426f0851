/** "May I take another dose now?" for as-needed medicines: the minimum interval and a rolling 24-hour maximum. */
import { AftercareError } from '../errors.ts';
import { MS_PER_DAY, MS_PER_HOUR, toEpochMs } from './local-time.ts';
import type { LoggedDose, Instant, MedicationVersion } from './types.ts';

export interface AsNeededStatus {
  allowedNow: boolean;
  /** The first instant another dose is allowed; null when allowed now or when the medicine is stopped. */
  nextAllowedAt: Instant | null;
  /** Doses taken in the 24 hours up to now. */
  takenLast24h: number;
  maxPerDay: number;
  /** Why not now: the daily maximum wins over the interval when both hold, so the message never invites an extra dose. */
  reason: 'ok' | 'too-soon' | 'daily-max' | 'stopped';
}

/**
 * Whether the patient may take a dose of an as-needed medicine at `now`, given every dose logged for it (any version;
 * skipped doses and other medicines are ignored). A dose is allowed when it comes at least minIntervalHours after the
 * latest dose and no 24-hour window containing it would hold more than maxPerDay doses. Doses logged after `now`
 * (a device clock ahead) count as taken, which can only make the answer stricter.
 *
 * Example: asNeededStatus(painRelief, doses, new Date()) → { allowedNow: false, reason: 'too-soon', nextAllowedAt: '…' }
 */
export function asNeededStatus(
  medication: MedicationVersion,
  dosesTaken: readonly LoggedDose[],
  now: Date,
): AsNeededStatus {
  const timing = medication.timing;
  if (timing.type !== 'as-needed') {
    throw new AftercareError('CARE_ERR_BAD_INPUT', 'This medicine has set dose times: it is not taken "as needed".', [
      { path: 'timing.type', message: 'expected "as-needed"' },
    ]);
  }
  const nowMs = toEpochMs(now, 'now');
  const maxPerDay = timing.maxPerDay;
  // Newest first.
  const taken = dosesTaken
    .filter((dose) => dose.medicationId === medication.id && dose.status === 'taken')
    .map((dose) => toEpochMs(dose.at, 'at'))
    .sort((a, b) => b - a);
  const takenLast24h = taken.filter((at) => at > nowMs - MS_PER_DAY).length;
  if (medication.stoppedAt !== null && toEpochMs(medication.stoppedAt, 'stoppedAt') <= nowMs) {
    return { allowedNow: false, nextAllowedAt: null, takenLast24h, maxPerDay, reason: 'stopped' };
  }
  const latest = taken[0];
  const afterInterval = latest === undefined ? -Infinity : latest + Math.round(timing.minIntervalHours * MS_PER_HOUR);
  // A dose at t is within the maximum when the maxPerDay-th newest dose is at least 24 hours before t.
  const maxPerDayth = taken[maxPerDay - 1];
  const underDailyMax = maxPerDayth === undefined ? -Infinity : maxPerDayth + MS_PER_DAY;
  const nextAllowed = Math.max(nowMs, afterInterval, underDailyMax);
  if (nextAllowed === nowMs) {
    return { allowedNow: true, nextAllowedAt: null, takenLast24h, maxPerDay, reason: 'ok' };
  }
  return {
    allowedNow: false,
    nextAllowedAt: new Date(nextAllowed).toISOString(),
    takenLast24h,
    maxPerDay,
    reason: underDailyMax > nowMs ? 'daily-max' : 'too-soon',
  };
}
