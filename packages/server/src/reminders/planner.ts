/**
 * The planner: a patient's reminders for a rolling window (doses, visits, the daily check-in) as planned jobs, in the
 * patient's zone now. Planning again is safe at any time: jobs already there are kept (or moved), jobs no longer
 * wanted are cancelled. The runner plans every patient never planned, planned in another zone, or planned too long ago.
 */
import { addDays, doseOccurrences, localDateOf, zonedInstant } from '@aftercare/core/schedule';
import type { CarePlan } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type { Medication, NewJob, Patient, ReminderSettings, Store } from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { DEFAULT_PLAN_ID } from '../services/enrol.ts';
import { newJob } from './job-kinds.ts';
import { afterQuietHours, type QuietHours } from './quiet-hours.ts';
import { settingsOrDefaults } from './settings.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A caregiver hears of a dose nobody answered this long after its time. */
export const CAREGIVER_AFTER_MS = HOUR;

/** When the plan has none (a plan without quiet hours never waits). */
const NO_QUIET_HOURS: QuietHours = { start: '00:00', end: '00:00' };

export type PlannerConfig = Pick<Config, 'reminderWindowHours' | 'reminderReplanMinutes'>;

export interface PlannerDeps {
  store: Store;
  clock: Clock;
  config: PlannerConfig;
}

/** What the planner needs to know about a patient, read once. */
export interface PatientContext {
  patient: Patient;
  plan: CarePlan | undefined;
  quiet: QuietHours;
  settings: ReminderSettings;
  /** The follow-up is closed: no more reminders. */
  closed: boolean;
}

export async function patientContext(store: Store, patient: Patient): Promise<PatientContext> {
  const enrolment = await store.getEnrolment(patient.id);
  const followUp = await store.getFollowUp(patient.id);
  const settings = await store.getReminderSettings(patient.id);
  return patientContextOf(patient, enrolment?.planId ?? null, followUp.closedAt, settings);
}

/** The context from what was read: the plan of the latest enrolment, when the follow-up closed, saved settings. */
export function patientContextOf(
  patient: Patient,
  planId: string | null,
  closedAt: string | null,
  stored: ReminderSettings | undefined,
): PatientContext {
  const plan = getPlan(planId ?? DEFAULT_PLAN_ID);
  return {
    patient,
    plan,
    quiet: plan?.settings.quietHours ?? NO_QUIET_HOURS,
    settings: settingsOrDefaults(stored, plan),
    closed: closedAt !== null,
  };
}

/** Every version of the patient's medicines (the schedule needs them all: edits never orphan a dose). */
export async function medicationVersions(store: Store, patientId: string): Promise<Medication[]> {
  const medicines = await store.listMedications(patientId);
  const histories = await Promise.all(medicines.map((medicine) => store.medicationHistory(medicine.id)));
  return histories.flat();
}

/** The jobs wanted for the patient from `now` to the end of the window (pure, given what was read). */
export function wantedJobs(
  context: PatientContext,
  versions: readonly Medication[],
  appointments: readonly { id: string; startsAt: string; cancelledAt: string | null }[],
  now: Date,
  windowHours: number,
): NewJob[] {
  if (context.closed) {
    return [];
  }
  const zone = context.patient.timeZone;
  const patientId = context.patient.id;
  const until = new Date(now.getTime() + windowHours * HOUR);
  const quiet = (at: Date) => afterQuietHours(at, context.quiet, zone);
  const jobs: NewJob[] = [];
  const want = (job: Parameters<typeof newJob>[0], at: Date) => {
    if (at.getTime() >= now.getTime() && at.getTime() < until.getTime() + HOUR) {
      jobs.push(newJob(job, patientId, at, true));
    }
  };

  // Doses from an hour back, so the caregiver's hour-later check of a dose just past is planned too.
  const from = new Date(now.getTime() - CAREGIVER_AFTER_MS);
  for (const dose of doseOccurrences(versions, zone, from, until)) {
    const payload = { medicationId: dose.medicationId, scheduledFor: dose.scheduledFor };
    const at = new Date(dose.scheduledFor);
    want({ kind: 'dose', payload: { ...payload, repeat: 0 } }, quiet(at));
    want({ kind: 'caregiver-dose', payload }, quiet(new Date(at.getTime() + CAREGIVER_AFTER_MS)));
  }

  const today = localDateOf(now, zone);
  for (let day = 0; day <= Math.ceil(windowHours / 24) + 1; day += 1) {
    const localDate = addDays(today, day);
    const at = quiet(zonedInstant(localDate, context.settings.checkInTime, zone));
    if (at.getTime() < until.getTime()) {
      want({ kind: 'check-in', payload: { localDate } }, at);
    }
  }

  for (const appointment of appointments) {
    const startsAt = new Date(appointment.startsAt);
    if (appointment.cancelledAt !== null || startsAt.getTime() <= now.getTime()) {
      continue;
    }
    const visit = { appointmentId: appointment.id, startsAt: startsAt.toISOString() };
    const { dayBefore, hoursBefore } = context.settings.visitReminders;
    if (dayBefore) {
      const eve = addDays(localDateOf(startsAt, zone), -1);
      const at = quiet(zonedInstant(eve, context.settings.checkInTime, zone));
      if (at.getTime() < until.getTime()) {
        want({ kind: 'visit', payload: { ...visit, when: 'day-before' } }, at);
      }
    }
    if (hoursBefore > 0) {
      const exact = new Date(startsAt.getTime() - hoursBefore * HOUR);
      const waited = quiet(exact);
      // Waiting out quiet hours must not push the reminder past the visit itself.
      const at = waited.getTime() < startsAt.getTime() ? waited : exact;
      if (at.getTime() < until.getTime()) {
        want({ kind: 'visit', payload: { ...visit, when: 'hours-before' } }, at);
      }
    }
  }
  return jobs;
}

/**
 * Plans one patient's reminders again from now: adds what is new, moves what changed, cancels what is no longer
 * wanted (a stopped medicine, a cancelled visit, a new time zone). Returns how many jobs are wanted.
 */
export async function planPatient(deps: PlannerDeps, patientId: string): Promise<number> {
  const patient = await deps.store.getPatient(patientId);
  if (patient === undefined) {
    return 0;
  }
  const now = deps.clock.now();
  const context = await patientContext(deps.store, patient);
  const versions = context.closed ? [] : await medicationVersions(deps.store, patientId);
  const appointments = context.closed ? [] : await deps.store.listAppointments(patientId);
  const wanted = wantedJobs(context, versions, appointments, now, deps.config.reminderWindowHours);
  await deps.store.replanJobs(patientId, wanted, now.toISOString(), patient.timeZone);
  return wanted.length;
}

/**
 * Plans every patient that needs it (never planned, zone changed, or planned longer ago than
 * `reminderReplanMinutes`), at most `max` of them; returns how many were planned.
 */
export async function planDuePatients(
  deps: PlannerDeps,
  log: { warn: (obj: object, msg: string) => void },
  /** Patients whose planning failed, with when to try again (so one bad record cannot hold up the others). */
  failedPlans: Map<string, number> = new Map(),
  max = 1000,
): Promise<number> {
  const now = deps.clock.now();
  const plannedBefore = new Date(now.getTime() - deps.config.reminderReplanMinutes * MINUTE).toISOString();
  const due = await deps.store.patientsToPlan(plannedBefore, max + failedPlans.size);
  let planned = 0;
  for (const { patientId } of due) {
    const retryAt = failedPlans.get(patientId);
    if (retryAt !== undefined && retryAt > now.getTime()) {
      continue;
    }
    if (planned >= max) {
      break;
    }
    try {
      await planPatient(deps, patientId);
      failedPlans.delete(patientId);
      planned += 1;
    } catch (error) {
      failedPlans.set(patientId, now.getTime() + deps.config.reminderReplanMinutes * MINUTE);
      log.warn({ patientId, error: error instanceof Error ? error.name : 'unknown' }, 'planning reminders failed');
    }
  }
  return planned;
}
