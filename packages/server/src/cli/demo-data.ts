/** The demo: a care team and three patients at day 1, 6 and 20 of recovery, with a believable history. All names are made up. */
import { randomBytes } from 'node:crypto';
import { addDays, localDateOf, parseCheckIn, triage, zonedInstant, type CarePlan } from '@aftercare/core';
import type { Language, Medication, Store, User } from '@aftercare/store';
import { createAccount } from '../services/accounts.ts';
import { enrolPatient, medicationsFromPlan, planOrBadInput, DEFAULT_PLAN_ID } from '../services/enrol.ts';

export interface DemoAccount {
  role: User['role'];
  email: string;
  password: string;
  patientId?: string;
}

/** A check-in the demo patient sends: local day and time, and what they said. */
interface DemoCheckIn {
  day: number;
  time: string;
  text?: string;
  signs?: string[];
  temperature?: { value: number; unit: 'C' | 'F' };
  pain?: { score: number; medicineTaken: boolean };
  /** What the care team did with the alert it raised. */
  followUp?: { note: string; resolve: boolean };
}

interface DemoPatient {
  key: string;
  name: string;
  day: number;
  language: Language;
  timeZone: string;
  country: string;
  harvestSite: 'hip' | 'sternum' | 'both';
  marrowUse: 'donor' | 'own';
  amounts: Record<string, string>;
  allergies: { substance: string; reaction: string }[];
  checkIns: DemoCheckIn[];
  /** Local days on which a scheduled dose was skipped (the others were taken). */
  skippedDays: number[];
  /** Pain medicine taken as needed: local times per day, for the first days. */
  painDoses: string[][];
  /** Stop the pain medicine on this day (recovered enough). */
  stopPainOnDay?: number;
  questions: { text: string; answer?: string }[];
  messages: { fromTeam: boolean; day: number; time: string; body: string }[];
}

/** Random, readable, and long enough for the password rules. */
function demoPassword(): string {
  return randomBytes(12).toString('base64url');
}

const PATIENTS: DemoPatient[] = [
  {
    key: 'alex.rivera',
    name: 'Alex Rivera',
    day: 1,
    language: 'en',
    timeZone: 'America/Chicago',
    country: 'US',
    harvestSite: 'hip',
    marrowUse: 'donor',
    amounts: { 'pain-relief': '1 tablet', antibiotic: '1 capsule', 'vitamins-folic-acid-iron': '1 tablet' },
    allergies: [],
    checkIns: [
      {
        day: 0,
        time: '19:30',
        text: 'Lower back is sore and I am tired. Took my pain pill.',
        pain: { score: 6, medicineTaken: true },
      },
      { day: 1, time: '08:15', text: 'Slept ok. Hip is stiff but better.', pain: { score: 4, medicineTaken: true } },
    ],
    skippedDays: [],
    painDoses: [['15:00', '21:00'], ['07:30']],
    questions: [{ text: 'When can I go back to work?' }, { text: 'Can I shower with the bandage on?' }],
    messages: [
      { fromTeam: true, day: 0, time: '17:00', body: 'Welcome home, Alex. Please send a check-in each evening.' },
      { fromTeam: false, day: 1, time: '08:20', body: 'Thanks! Feeling a bit better this morning.' },
    ],
  },
  {
    key: 'maria.lopez',
    name: 'María López',
    day: 6,
    language: 'es',
    timeZone: 'America/Los_Angeles',
    country: 'US',
    harvestSite: 'hip',
    marrowUse: 'own',
    amounts: { 'pain-relief': '1 tableta', antibiotic: '1 cápsula', 'vitamins-folic-acid-iron': '1 tableta' },
    allergies: [{ substance: 'Penicilina', reaction: 'Sarpullido' }],
    checkIns: [
      { day: 0, time: '20:00', text: 'Me duele la cadera y estoy cansada.', pain: { score: 6, medicineTaken: true } },
      { day: 1, time: '19:45', text: 'Un poco mejor hoy.', pain: { score: 5, medicineTaken: true } },
      { day: 2, time: '20:10', text: 'Caminé un poco por la casa.', pain: { score: 4, medicineTaken: true } },
      { day: 3, time: '19:30', text: 'Bien. Duermo mejor.', pain: { score: 3, medicineTaken: false } },
      { day: 4, time: '20:05', text: 'Todo bien hoy.', pain: { score: 3, medicineTaken: false } },
      {
        day: 5,
        time: '21:00',
        text: 'Tengo escalofríos y me siento débil.',
        temperature: { value: 38.2, unit: 'C' },
        pain: { score: 3, medicineTaken: false },
      },
    ],
    skippedDays: [3],
    painDoses: [['14:00', '20:00'], ['08:00', '14:00', '20:30'], ['09:00', '19:00'], ['10:00']],
    questions: [{ text: '¿Cuándo puedo volver al trabajo?' }, { text: '¿Debo tomar hierro y ácido fólico?' }],
    messages: [
      { fromTeam: true, day: 0, time: '16:00', body: 'Bienvenida a casa, María. Envíe un registro cada noche.' },
      { fromTeam: false, day: 4, time: '20:10', body: 'Hoy me duele menos la cadera.' },
      { fromTeam: true, day: 5, time: '09:00', body: 'Qué bueno. Siga tomando el antibiótico hasta terminarlo.' },
    ],
  },
  {
    key: 'sam.okafor',
    name: 'Sam Okafor',
    day: 20,
    language: 'en',
    timeZone: 'Europe/London',
    country: 'GB',
    harvestSite: 'both',
    marrowUse: 'donor',
    amounts: { 'pain-relief': '2 tablets', antibiotic: '1 tablet', 'vitamins-folic-acid-iron': '1 tablet' },
    allergies: [{ substance: 'Sticking plaster (adhesive)', reaction: 'Itchy skin' }],
    checkIns: [
      { day: 0, time: '20:00', text: 'Back and hip pain, very tired.', pain: { score: 7, medicineTaken: false } },
      { day: 1, time: '20:00', text: 'Sore but ok.', pain: { score: 5, medicineTaken: true } },
      {
        day: 2,
        time: '18:30',
        text: 'I feel sick and threw up after lunch.',
        pain: { score: 4, medicineTaken: true },
        followUp: {
          note: 'Called Sam: small meals, fluids, take the antibiotic with food. Feeling better by evening.',
          resolve: true,
        },
      },
      ...Array.from({ length: 17 }, (_, index) => ({
        day: index + 3,
        time: '20:00',
        text:
          index < 5 ? 'Less sore today.' : index < 12 ? 'Feeling more like myself.' : 'Good day. Back to normal walks.',
        pain: { score: Math.max(0, 3 - Math.floor(index / 4)), medicineTaken: index < 4 },
      })),
    ],
    skippedDays: [4, 9, 15],
    painDoses: [
      ['12:00', '18:00', '23:00'],
      ['07:00', '13:00', '19:00'],
      ['08:00', '16:00'],
      ['09:00', '18:00'],
      ['10:00'],
      ['10:00'],
      ['21:00'],
    ],
    stopPainOnDay: 10,
    questions: [
      {
        text: 'When can I go back to work?',
        answer: 'Desk work from next Monday; no heavy lifting for two more weeks.',
      },
      { text: 'Should I take iron and folic acid?', answer: 'Yes, one tablet a day for a month.' },
      { text: 'Is it normal that the spot still feels bruised?' },
    ],
    messages: [
      { fromTeam: true, day: 0, time: '15:00', body: 'Welcome home, Sam. Send a check-in each evening.' },
      { fromTeam: false, day: 8, time: '10:00', body: 'Wound check went fine, thanks.' },
      { fromTeam: true, day: 15, time: '11:00', body: 'Your blood test results look good. See you in a month.' },
    ],
  },
];

export interface DemoResult {
  orgId: string;
  accounts: DemoAccount[];
}

/**
 * Loads the demo into a migrated store, as of `now`. Every run makes a new organisation and new e-mail addresses.
 * @example const { accounts } = await loadDemo(store, new Date());
 */
export async function loadDemo(store: Store, now: Date): Promise<DemoResult> {
  const plan = planOrBadInput(DEFAULT_PLAN_ID);
  const run = randomBytes(3).toString('hex');
  const domain = 'demo.aftercare.example';
  const accounts: DemoAccount[] = [];
  return store.transaction(async (tx) => {
    const org = await tx.createOrganisation('Demo Donor Centre', now.toISOString());
    // A fictional number (555-01xx is reserved for examples) for the care team's "call us" links.
    await tx.updateOrganisationContact(org.id, { phone: '+1 555 010 0100' });
    const team = async (role: 'admin' | 'clinician', name: string, local: string) => {
      const password = demoPassword();
      const email = `${local}.${run}@${domain}`;
      const user = await createAccount(tx, { orgId: org.id, name, email, password, role }, now);
      accounts.push({ role, email, password });
      return user;
    };
    await team('admin', 'Demo Administrator', 'admin');
    const clinician = await team('clinician', 'Dr Robin Demo', 'clinician');
    for (const patient of PATIENTS) {
      accounts.push(await loadPatient(tx, plan, patient, org.id, clinician, now, `${patient.key}.${run}@${domain}`));
    }
    return { orgId: org.id, accounts };
  });
}

async function loadPatient(
  tx: Store,
  plan: CarePlan,
  demo: DemoPatient,
  orgId: string,
  clinician: User,
  now: Date,
  email: string,
): Promise<DemoAccount> {
  const today = localDateOf(now, demo.timeZone);
  const procedureDate = addDays(today, -demo.day);
  const at = (day: number, time: string) => zonedInstant(addDays(procedureDate, day), time, demo.timeZone);
  const past = (instant: Date) => instant.getTime() <= now.getTime();
  const enrolledAt = at(0, '13:00') > now ? now : at(0, '13:00');
  const password = demoPassword();
  const medications = medicationsFromPlan(plan, demo.language, procedureDate).map((medication) => ({
    ...medication,
    amount: (medication.planItem === null ? undefined : demo.amounts[medication.planItem]) ?? medication.amount,
  }));
  const visits = plan.followUps.visits;
  const { patient, account } = await enrolPatient(
    tx,
    {
      name: demo.name,
      email,
      procedureDate,
      harvestSite: demo.harvestSite,
      marrowUse: demo.marrowUse,
      language: demo.language,
      timeZone: demo.timeZone,
      country: demo.country,
      returnToWork:
        demo.language === 'es'
          ? 'Puede volver al trabajo en unos 7 días.'
          : 'Most people go back to work within a week.',
      medications,
      allergies: demo.allergies,
      appointments: visits.map((visit) => ({
        withWhom: visit.withWhom,
        reason: visit.id,
        location: 'Demo Donor Centre, Clinic 2',
        startsAt: at(visit.suggestedOffsetDays, visit.id === 'blood-tests' ? '09:30' : '10:00').toISOString(),
      })),
      account: { email, password },
    },
    orgId,
    clinician.id,
    enrolledAt,
  );
  if (account === null) {
    throw new Error('demo patient without an account');
  }
  const meds = await tx.listMedications(patient.id);
  await loadDoses(tx, demo, meds, account.id, at, past);

  for (const entry of demo.checkIns) {
    let submittedAt = at(entry.day, entry.time);
    if (entry.temperature !== undefined && !past(submittedAt)) {
      // The fever check-in must exist whatever the hour: it came in an hour ago.
      submittedAt = new Date(now.getTime() - 3_600_000);
    }
    if (!past(submittedAt)) {
      continue;
    }
    const { followUp, day: _day, time: _time, ...fields } = entry;
    const checkIn = parseCheckIn(plan, { language: demo.language, ...fields });
    const result = triage(plan, checkIn);
    const stored = await tx.recordCheckIn({
      patientId: patient.id,
      submittedAt: submittedAt.toISOString(),
      payload: checkIn,
      triage: result,
      disposition: result.disposition,
      idempotencyKey: null,
      recordedBy: account.id,
    });
    if (stored.alert !== null && followUp !== undefined) {
      const acknowledgedAt = new Date(submittedAt.getTime() + 40 * 60_000);
      await tx.acknowledgeAlert(stored.alert.id, clinician.id, followUp.note, acknowledgedAt.toISOString());
      if (followUp.resolve) {
        await tx.resolveAlert(
          stored.alert.id,
          clinician.id,
          new Date(acknowledgedAt.getTime() + 3 * 3_600_000).toISOString(),
        );
      }
    }
  }

  const appointments = await tx.listAppointments(patient.id);
  for (const [index, question] of demo.questions.entries()) {
    const visit = appointments[index % Math.max(1, appointments.length)];
    const created = await tx.addQuestion({
      patientId: patient.id,
      appointmentId: visit?.id ?? null,
      text: question.text,
      createdAt: at(0, '18:00') > now ? now.toISOString() : at(0, '18:00').toISOString(),
    });
    if (question.answer !== undefined && visit !== undefined && past(new Date(visit.startsAt))) {
      await tx.updateQuestion(created.id, { askedAt: visit.startsAt, answer: question.answer });
    }
  }
  for (const message of demo.messages) {
    const createdAt = at(message.day, message.time);
    if (past(createdAt)) {
      await tx.addMessage({
        patientId: patient.id,
        authorId: message.fromTeam ? clinician.id : account.id,
        body: message.body,
        createdAt: createdAt.toISOString(),
      });
    }
  }
  return { role: 'patient', email, password, patientId: patient.id };
}

async function loadDoses(
  tx: Store,
  demo: DemoPatient,
  meds: Medication[],
  patientUserId: string,
  at: (day: number, time: string) => Date,
  past: (instant: Date) => boolean,
): Promise<void> {
  for (const medication of meds) {
    if (medication.planItem === 'pain-relief') {
      for (const [day, times] of demo.painDoses.entries()) {
        for (const time of times) {
          const taken = at(day, time);
          if (past(taken) && (demo.stopPainOnDay === undefined || day < demo.stopPainOnDay)) {
            await tx.recordDose({
              patientId: medication.patientId,
              medicationId: medication.id,
              medicationVersion: medication.version,
              scheduledFor: null,
              status: 'taken',
              at: taken.toISOString(),
              idempotencyKey: null,
              recordedBy: patientUserId,
            });
          }
        }
      }
      if (demo.stopPainOnDay !== undefined && past(at(demo.stopPainOnDay, '09:00'))) {
        await tx.stopMedication(medication.id, patientUserId, at(demo.stopPainOnDay, '09:00').toISOString());
      }
      continue;
    }
    if (medication.timing.type !== 'fixed-times') {
      continue;
    }
    for (let day = 0; day <= demo.day; day += 1) {
      if (medication.endDate !== null && addDays(medication.startDate, day) > medication.endDate) {
        break;
      }
      for (const [slot, time] of medication.timing.times.entries()) {
        const scheduled = at(day, time);
        // The first doses start after getting home from the procedure (afternoon of day 0).
        if (!past(scheduled) || (day === 0 && time < '14:00')) {
          continue;
        }
        const skipped = demo.skippedDays.includes(day) && slot === 0;
        const takenAt = new Date(scheduled.getTime() + (skipped ? 0 : ((day * 7 + slot * 5) % 40) * 60_000));
        await tx.recordDose({
          patientId: medication.patientId,
          medicationId: medication.id,
          medicationVersion: medication.version,
          scheduledFor: scheduled.toISOString(),
          status: skipped ? 'skipped' : 'taken',
          at: (past(takenAt) ? takenAt : scheduled).toISOString(),
          idempotencyKey: null,
          recordedBy: patientUserId,
        });
      }
    }
  }
}
