/** What the Medicines screen decides: the advice after logging pain, a course's progress, and a medicine form read into the API's shape. */
// The schedule entry alone: the core index would bring the plan schema and zod into the bundle.
import { asNeededStatus, courseProgress } from '@aftercare/core/schedule';
import type { CourseProgress } from '@aftercare/core';
import type { DoseEvent, Medication, MedicationInput, MedicineTiming } from '../api/types.ts';

/** What to tell the patient after they log their pain for an as-needed medicine. */
export type PainAdvice =
  | { kind: 'below-threshold' }
  /** At or above the plan's threshold and a dose is allowed now: show the plan's prompt and "I took it". */
  | { kind: 'take-now' }
  /** A dose is not allowed yet: say when; `reason` tells whether the daily maximum is the limit. */
  | { kind: 'wait'; nextAllowedAt: string; reason: 'too-soon' | 'daily-max' }
  /** Stopped or not in effect: never suggest it. */
  | { kind: 'not-in-use' };

/**
 * Pain at or above `threshold` prompts a dose only when `asNeededStatus` allows one now; otherwise it says when the
 * next dose is allowed, which is never inside the daily maximum.
 *
 * Example: painAdvice(painRelief, doses, 6, 4, new Date()) → { kind: 'take-now' }
 */
export function painAdvice(
  medication: Medication,
  doses: readonly DoseEvent[],
  score: number,
  threshold: number,
  now: Date,
): PainAdvice {
  if (medication.timing.type !== 'as-needed' || medication.stoppedAt !== null) {
    return { kind: 'not-in-use' };
  }
  if (score < threshold) {
    return { kind: 'below-threshold' };
  }
  const status = asNeededStatus(medication, doses, now);
  switch (status.reason) {
    case 'ok':
      return { kind: 'take-now' };
    case 'stopped':
      return { kind: 'not-in-use' };
    case 'too-soon':
    case 'daily-max':
      return status.nextAllowedAt === null
        ? { kind: 'not-in-use' }
        : { kind: 'wait', nextAllowedAt: status.nextAllowedAt, reason: status.reason };
  }
}

/** A course's progress for a scheduled medicine with an end day (an antibiotic); null for anything else. */
export function courseOf(
  medication: Medication,
  doses: readonly DoseEvent[],
  timeZone: string,
  now: Date,
): CourseProgress | null {
  if (medication.timing.type === 'as-needed' || medication.endDate === null) {
    return null;
  }
  return courseProgress(medication, doses, timeZone, now);
}

/** Medicines in use first (by name), stopped ones after. */
export function sortMedicines(medications: readonly Medication[]): Medication[] {
  return [...medications].sort(
    (a, b) => Number(a.stoppedAt !== null) - Number(b.stoppedAt !== null) || a.name.localeCompare(b.name),
  );
}

export type TimingType = MedicineTiming['type'];

/** Field name → message key suffix for problems found before sending. */
export type MedicineFormProblem = 'required' | 'times' | 'number' | 'dates';

export type MedicineFormResult =
  { ok: true; input: MedicationInput } | { ok: false; problems: Record<string, MedicineFormProblem> };

const TIME = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/;

/** "8:00, 20.00" → ["08:00", "20:00"]; null if any part is not a time. */
export function parseTimes(text: string): string[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) {
    return null;
  }
  const times: string[] = [];
  for (const part of parts) {
    const match = TIME.exec(part);
    if (!match?.[1] || !match[2]) {
      return null;
    }
    times.push(`${match[1].padStart(2, '0')}:${match[2]}`);
  }
  return [...new Set(times)].sort();
}

function positive(text: string | undefined): number | null {
  const value = Number((text ?? '').trim().replace(',', '.'));
  return (text ?? '').trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

/** Reads the medicine form's values (by field name) into a MedicationInput, or says which fields need fixing. */
export function medicineFromForm(values: Record<string, string>, planItem: string | null = null): MedicineFormResult {
  const problems: Record<string, MedicineFormProblem> = {};
  const text = (name: string): string => (values[name] ?? '').trim();
  for (const name of ['name', 'amount', 'startDate']) {
    if (text(name) === '') {
      problems[name] = 'required';
    }
  }
  let timing: MedicineTiming | null = null;
  const type = text('timingType');
  if (type === 'fixed-times') {
    const times = parseTimes(text('times'));
    if (times === null) {
      problems.times = 'times';
    } else {
      timing = { type, times };
    }
  } else if (type === 'every-hours') {
    const hours = positive(values.hours);
    if (hours === null) {
      problems.hours = 'number';
    } else {
      timing = { type, hours };
    }
  } else {
    const minIntervalHours = positive(values.minIntervalHours);
    const maxPerDay = positive(values.maxPerDay);
    if (minIntervalHours === null) {
      problems.minIntervalHours = 'number';
    }
    if (maxPerDay === null || !Number.isInteger(maxPerDay)) {
      problems.maxPerDay = 'number';
    } else if (minIntervalHours !== null) {
      timing = { type: 'as-needed', minIntervalHours, maxPerDay };
    }
  }
  const endDate = text('endDate') === '' ? null : text('endDate');
  if (endDate !== null && text('startDate') !== '' && endDate < text('startDate')) {
    problems.endDate = 'dates';
  }
  if (Object.keys(problems).length > 0 || timing === null) {
    return { ok: false, problems };
  }
  const kind = text('kind');
  return {
    ok: true,
    input: {
      name: text('name'),
      kind: kind === 'over-the-counter' || kind === 'vitamin' || kind === 'herb' ? kind : 'prescription',
      amount: text('amount'),
      timing,
      reason: text('reason'),
      startDate: text('startDate'),
      endDate,
      planItem,
    },
  };
}

/** A local date ("2026-03-01") for people ("Mar 1, 2026"), in their language; the date is not shifted by any zone. */
export function formatLocalDate(date: string, locale: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) {
    return date;
  }
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(instant);
}

const FORM_FIELDS = ['name', 'kind', 'amount', 'reason', 'startDate', 'endDate'];

/** Where the server's issue paths ("timing.times.0", "timing.maxPerDay") show on the medicine form. */
export function medicineFieldOf(path: string): string | undefined {
  const [first, second] = path.split('.');
  if (first === 'timing') {
    return second === undefined || second === 'type' ? 'timingType' : second;
  }
  return first !== undefined && FORM_FIELDS.includes(first) ? first : undefined;
}
