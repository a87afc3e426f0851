/**
 * The plan items a care-team form edits before saving (medicines, allergies, visits, return to work), as plain text
 * fields, and their conversion to what the API takes: prefilled from the plan, checked field by field.
 */
import type { CarePlan } from '@aftercare/core';
import type { Appointment, Language, Medication, MedicationInput, MedicineTiming } from '../api/types.ts';
import { zonedTimeToInstant } from '../patient/zoned-time.ts';

export type TimingType = MedicineTiming['type'];

/** One medicine as the form holds it: every number as typed, so a half-typed value is never lost. */
export interface MedicineDraft {
  key: string;
  include: boolean;
  name: string;
  kind: Medication['kind'];
  amount: string;
  timingType: TimingType;
  /** Fixed times, "08:00, 20:00". */
  times: string;
  hours: string;
  minIntervalHours: string;
  maxPerDay: string;
  reason: string;
  startDate: string;
  /** How many days to take it; empty = no end. */
  courseDays: string;
  planItem: string | null;
}

export interface AllergyDraft {
  key: string;
  substance: string;
  reaction: string;
}

export interface VisitDraft {
  key: string;
  include: boolean;
  withWhom: Appointment['withWhom'];
  reason: string;
  location: string;
  date: string;
  time: string;
}

export interface PlanDraft {
  medicines: MedicineDraft[];
  allergies: AllergyDraft[];
  visits: VisitDraft[];
  returnToWork: string;
  returnToWorkDate: string;
}

let serial = 0;
export function newKey(prefix: string): string {
  serial += 1;
  return `${prefix}-${String(serial)}`;
}

/** `date` plus `days` (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) {
    return date;
  }
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** Whole days from `start` to `end`, both counted (a course of 7 days ends 6 days after it starts). */
export function courseLength(start: string, end: string | null): string {
  if (end === null) {
    return '';
  }
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
  return Number.isFinite(days) && days > 0 ? String(days) : '';
}

function timingFields(
  timing: MedicineTiming,
): Pick<MedicineDraft, 'timingType' | 'times' | 'hours' | 'minIntervalHours' | 'maxPerDay'> {
  return {
    timingType: timing.type,
    times: timing.type === 'fixed-times' ? timing.times.join(', ') : '08:00',
    hours: timing.type === 'every-hours' ? String(timing.hours) : '8',
    minIntervalHours: timing.type === 'as-needed' ? String(timing.minIntervalHours) : '4',
    maxPerDay: timing.type === 'as-needed' ? String(timing.maxPerDay) : '4',
  };
}

/** A stored medicine as a draft (to change it). */
export function draftOfMedicine(medication: MedicationInput): MedicineDraft {
  return {
    key: newKey('med'),
    include: true,
    name: medication.name,
    kind: medication.kind,
    amount: medication.amount,
    ...timingFields(medication.timing),
    reason: medication.reason,
    startDate: medication.startDate,
    courseDays: courseLength(medication.startDate, medication.endDate),
    planItem: medication.planItem,
  };
}

export function blankMedicine(startDate: string): MedicineDraft {
  return draftOfMedicine({
    name: '',
    kind: 'prescription',
    amount: '',
    timing: { type: 'fixed-times', times: ['08:00'] },
    reason: '',
    startDate,
    endDate: null,
    planItem: null,
  });
}

export function blankVisit(date: string): VisitDraft {
  return {
    key: newKey('visit'),
    include: true,
    withWhom: 'primary-care',
    reason: '',
    location: '',
    date,
    time: '09:00',
  };
}

/**
 * What the plan suggests, in the patient's language, from the procedure day: its medicines (those the patient must
 * ask about first left unticked) and its follow-up visits (optional rows, unticked, at 09:00 on the suggested day).
 */
export function draftFromPlan(plan: CarePlan, language: Language, procedureDate: string): PlanDraft {
  const texts = plan.texts[language];
  const asDirected = texts[plan.medicines.amountAsDirectedKey] ?? '';
  return {
    medicines: plan.medicines.templates.map((template) => ({
      ...draftOfMedicine({
        name: texts[template.nameKey] ?? template.id,
        kind: template.kind,
        amount: template.amount ?? asDirected,
        timing: template.timing,
        reason: texts[template.reasonKey] ?? '',
        startDate: procedureDate,
        endDate: template.courseDays === null ? null : addDays(procedureDate, template.courseDays - 1),
        planItem: template.id,
      }),
      include: !template.askFirst,
    })),
    allergies: [],
    visits: plan.followUps.visits.map((visit) => ({
      key: newKey('visit'),
      include: false,
      withWhom: visit.withWhom,
      reason: visit.id,
      location: '',
      date: addDays(procedureDate, visit.suggestedOffsetDays),
      time: '09:00',
    })),
    returnToWork: '',
    returnToWorkDate: '',
  };
}

/** A problem with one field of one row: `field` names the input, `message` is a text key. */
export interface DraftProblem {
  key: string;
  field: string;
  message: 'careteam.error.required' | 'careteam.error.number' | 'careteam.error.times' | 'careteam.error.date';
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positive(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

/** "8:00, 20:00" → ["08:00", "20:00"]; null when any part is not a time of day. */
export function parseTimes(text: string): string[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d:\d\d$/.test(part) ? `0${part}` : part));
  return parts.length > 0 && parts.every((part) => TIME.test(part)) ? [...new Set(parts)].sort() : null;
}

/** The medicine as the API takes it, or the problems that keep it from being saved. */
export function medicineFromDraft(draft: MedicineDraft): { input: MedicationInput } | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const problem = (field: string, message: DraftProblem['message']) =>
    problems.push({ key: draft.key, field, message });
  if (draft.name.trim() === '') {
    problem('name', 'careteam.error.required');
  }
  if (draft.amount.trim() === '') {
    problem('amount', 'careteam.error.required');
  }
  if (!DATE.test(draft.startDate)) {
    problem('startDate', 'careteam.error.date');
  }
  let timing: MedicineTiming | null = null;
  switch (draft.timingType) {
    case 'fixed-times': {
      const times = parseTimes(draft.times);
      if (times === null) {
        problem('times', 'careteam.error.times');
      } else {
        timing = { type: 'fixed-times', times };
      }
      break;
    }
    case 'every-hours': {
      const hours = positive(draft.hours);
      if (hours === null || hours > 168) {
        problem('hours', 'careteam.error.number');
      } else {
        timing = { type: 'every-hours', hours };
      }
      break;
    }
    case 'as-needed': {
      const gap = positive(draft.minIntervalHours);
      const max = positive(draft.maxPerDay);
      if (gap === null || gap > 168) {
        problem('minIntervalHours', 'careteam.error.number');
      }
      if (max === null || !Number.isInteger(max) || max > 48) {
        problem('maxPerDay', 'careteam.error.number');
      }
      if (gap !== null && max !== null) {
        timing = { type: 'as-needed', minIntervalHours: gap, maxPerDay: max };
      }
      break;
    }
  }
  const days = draft.courseDays.trim() === '' ? null : positive(draft.courseDays);
  if (draft.courseDays.trim() !== '' && (days === null || !Number.isInteger(days))) {
    problem('courseDays', 'careteam.error.number');
  }
  if (problems.length > 0 || timing === null) {
    return { problems };
  }
  return {
    input: {
      name: draft.name.trim(),
      kind: draft.kind,
      amount: draft.amount.trim(),
      timing,
      reason: draft.reason.trim(),
      startDate: draft.startDate,
      endDate: days === null ? null : addDays(draft.startDate, days - 1),
      planItem: draft.planItem,
    },
  };
}

export function visitFromDraft(
  draft: VisitDraft,
  timeZone: string,
):
  | { input: { withWhom: Appointment['withWhom']; reason: string; location: string | null; startsAt: string } }
  | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  if (draft.reason.trim() === '') {
    problems.push({ key: draft.key, field: 'reason', message: 'careteam.error.required' });
  }
  if (!DATE.test(draft.date)) {
    problems.push({ key: draft.key, field: 'date', message: 'careteam.error.date' });
  }
  if (!TIME.test(draft.time)) {
    problems.push({ key: draft.key, field: 'time', message: 'careteam.error.times' });
  }
  if (problems.length > 0) {
    return { problems };
  }
  return {
    input: {
      withWhom: draft.withWhom,
      reason: draft.reason.trim(),
      location: draft.location.trim() === '' ? null : draft.location.trim(),
      startsAt: zonedTimeToInstant(draft.date, draft.time, timeZone).toISOString(),
    },
  };
}

/** Everything the enrolment sends about the plan, or every problem found (rows not ticked are left out). */
export function planFieldsOf(
  draft: PlanDraft,
  timeZone: string,
):
  | {
      fields: {
        medications: MedicationInput[];
        allergies: { substance: string; reaction: string }[];
        appointments: {
          withWhom: Appointment['withWhom'];
          reason: string;
          location: string | null;
          startsAt: string;
        }[];
        returnToWork: string | null;
        returnToWorkDate: string | null;
      };
    }
  | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const medications: MedicationInput[] = [];
  for (const medicine of draft.medicines.filter((m) => m.include)) {
    const result = medicineFromDraft(medicine);
    if ('problems' in result) {
      problems.push(...result.problems);
    } else {
      medications.push(result.input);
    }
  }
  const appointments = [];
  for (const visit of draft.visits.filter((v) => v.include)) {
    const result = visitFromDraft(visit, timeZone);
    if ('problems' in result) {
      problems.push(...result.problems);
    } else {
      appointments.push(result.input);
    }
  }
  const allergies = draft.allergies
    .filter((a) => a.substance.trim() !== '' || a.reaction.trim() !== '')
    .map((a) => ({ key: a.key, substance: a.substance.trim(), reaction: a.reaction.trim() }));
  for (const allergy of allergies.filter((a) => a.substance === '')) {
    problems.push({ key: allergy.key, field: 'substance', message: 'careteam.error.required' });
  }
  if (draft.returnToWorkDate !== '' && !DATE.test(draft.returnToWorkDate)) {
    problems.push({ key: 'returnToWork', field: 'returnToWorkDate', message: 'careteam.error.date' });
  }
  if (problems.length > 0) {
    return { problems };
  }
  return {
    fields: {
      medications,
      allergies: allergies.map(({ substance, reaction }) => ({ substance, reaction })),
      appointments,
      returnToWork: draft.returnToWork.trim() === '' ? null : draft.returnToWork.trim(),
      returnToWorkDate: draft.returnToWorkDate === '' ? null : draft.returnToWorkDate,
    },
  };
}
