/** A patient's visits (and, if asked, the next two weeks of dose times) as calendar events in their language. */
import { getPlan } from '@aftercare/plans';
import { doseOccurrences } from '@aftercare/core/schedule';
import type { Appointment, Medication, Patient, Question, Store } from '@aftercare/store';
import { CALENDAR_TEXTS, fill } from './calendar-texts.ts';
import { icsText, type IcsEvent } from './ics.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A visit's assumed length: the store keeps only its start. */
const VISIT_MINUTES = 60;
const DOSE_MINUTES = 15;
/** Dose times reach this far ahead; the feed is fetched again long before they run out. */
export const FEED_DOSE_DAYS = 14;
/** Past visits stay in the feed this long, so yesterday's visit does not vanish from the phone at once. */
const FEED_PAST_DAYS = 30;
const VISIT_ALARM_MINUTES = 120;

/** The reason in words: a plan visit's own text in the patient's language, else what was typed. */
async function reasonText(store: Store, patient: Patient, reason: string): Promise<string> {
  const enrolment = await store.getEnrolment(patient.id);
  const plan = enrolment === undefined ? undefined : getPlan(enrolment.planId);
  const visit = plan?.followUps.visits.find((candidate) => candidate.id === reason);
  if (plan === undefined || visit === undefined) {
    return reason;
  }
  return plan.texts[patient.language][visit.textKey] ?? plan.texts.en[visit.textKey] ?? reason;
}

export async function visitEvent(
  store: Store,
  patient: Patient,
  appointment: Appointment,
  questions: readonly Question[],
): Promise<IcsEvent> {
  const texts = CALENDAR_TEXTS[patient.language];
  const open = questions.filter((q) => q.appointmentId === appointment.id && q.askedAt === null);
  const description = [
    fill(texts.why, { reason: await reasonText(store, patient, appointment.reason) }),
    '',
    ...(open.length === 0 ? [texts.noQuestions] : [texts.questions, ...open.map((q) => `- ${q.text}`)]),
    '',
    texts.bringList,
  ].join('\n');
  const start = new Date(appointment.startsAt);
  return {
    uid: `appointment-${appointment.id}@aftercare`,
    start,
    end: new Date(start.getTime() + VISIT_MINUTES * MINUTE),
    summary: texts.visitWith[appointment.withWhom],
    description,
    location: appointment.location,
    cancelled: appointment.cancelledAt !== null,
    alarmMinutesBefore: VISIT_ALARM_MINUTES,
  };
}

/** The scheduled doses (fixed times and every N hours; never as-needed) in [now, now + 14 days). */
export function doseEvents(patient: Patient, medications: readonly Medication[], now: Date): IcsEvent[] {
  const texts = CALENDAR_TEXTS[patient.language];
  const byId = new Map(medications.map((m) => [m.id, m]));
  const until = new Date(now.getTime() + FEED_DOSE_DAYS * DAY);
  return doseOccurrences(medications, patient.timeZone, now, until).flatMap((occurrence) => {
    const medication = byId.get(occurrence.medicationId);
    if (medication === undefined) {
      return [];
    }
    const start = new Date(occurrence.scheduledFor);
    return [
      {
        uid: `dose-${occurrence.key.replace(/:/g, '-')}@aftercare`,
        start,
        end: new Date(start.getTime() + DOSE_MINUTES * MINUTE),
        summary: fill(texts.dose, { name: medication.name, amount: medication.amount }),
        description: texts.doseDescription,
      },
    ];
  });
}

/** One visit as a calendar file. */
export async function visitCalendar(
  store: Store,
  patient: Patient,
  appointment: Appointment,
  now: Date,
): Promise<string> {
  const questions = await store.listQuestions(patient.id);
  return icsText({
    name: CALENDAR_TEXTS[patient.language].calendarName,
    timeZone: patient.timeZone,
    stamp: now,
    events: [await visitEvent(store, patient, appointment, questions)],
  });
}

/** The private feed: visits not cancelled from a month ago on, and the dose times when asked for. */
export async function feedCalendar(
  store: Store,
  patient: Patient,
  options: { includeDoses: boolean },
  now: Date,
): Promise<string> {
  const [appointments, questions] = await Promise.all([
    store.listAppointments(patient.id),
    store.listQuestions(patient.id),
  ]);
  const since = now.getTime() - FEED_PAST_DAYS * DAY;
  const visits = appointments.filter((a) => a.cancelledAt === null && Date.parse(a.startsAt) >= since);
  const events: IcsEvent[] = [];
  for (const visit of visits) {
    events.push(await visitEvent(store, patient, visit, questions));
  }
  if (options.includeDoses) {
    const medications = (await store.listMedications(patient.id)).filter((m) => m.stoppedAt === null);
    events.push(...doseEvents(patient, medications, now));
  }
  const texts = CALENDAR_TEXTS[patient.language];
  return icsText({
    name: options.includeDoses ? texts.calendarNameWithDoses : texts.calendarName,
    timeZone: patient.timeZone,
    stamp: now,
    events: events.sort((a, b) => a.start.getTime() - b.start.getTime()),
    refreshHours: 1,
  });
}
