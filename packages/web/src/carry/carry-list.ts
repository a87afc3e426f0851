/** The list to carry as words on a page: one model, in the patient's language, for the print view, the PDF and the card. */
import type { Allergy, Medication, Patient } from '../api/types.ts';
import type { MessageKey } from '../i18n/index.ts';
import { emergencyNumberFor } from '../patient/emergency-numbers.ts';
import { formatLocalDate } from '../patient/medicine-status.ts';
import { localDateIn } from '../patient/zoned-time.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The server sends the emergency contact with the patient; older cached copies may lack it. */
export type CarryPatient = Patient & { emergencyContact?: string | null };

export interface CareTeamContact {
  name: string;
  phone: string | null;
}

export interface CarryInput {
  patient: CarryPatient;
  medications: readonly Medication[];
  allergies: readonly Allergy[];
  /** Null when it was never read on this device. */
  careTeam: CareTeamContact | null;
}

export interface CarryMedicine {
  name: string;
  amount: string;
  when: string;
  why: string;
  dates: string;
}

export interface CarryList {
  title: string;
  patientLine: string;
  printedLine: string;
  allergiesTitle: string;
  /** "Penicillin: rash"; empty when none is known (then `noAllergies` is shown). */
  allergies: string[];
  noAllergies: string;
  medicinesTitle: string;
  columns: CarryMedicine;
  medicines: CarryMedicine[];
  noMedicines: string;
  careTeamTitle: string;
  careTeamName: string | null;
  careTeamPhone: string;
  emergencyContactTitle: string;
  emergencyContact: string;
  emergencyLine: string;
  emergencyNumber: string;
  card: WalletCard;
}

export interface WalletCard {
  title: string;
  name: string;
  allergiesLine: string;
  emergencyLine: string;
  careTeamLine: string;
  medicinesTitle: string;
  /** "Amoxicillin 500 mg: each day at 08:00, 20:00". */
  medicines: string[];
  /** Said when not every medicine fits ("+2 more on my full list"); the caller decides how many fit. */
  more: (hidden: number) => string;
}

/** Medicines still taken on the patient's today: not stopped, and not past their end date. */
export function currentMedicines(medications: readonly Medication[], today: string): Medication[] {
  return medications
    .filter((m) => m.stoppedAt === null && (m.endDate === null || m.endDate >= today))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function whenText(t: Translate, medication: Medication): string {
  const timing = medication.timing;
  switch (timing.type) {
    case 'fixed-times':
      return t('meds.whenFixed', { times: timing.times.join(', ') });
    case 'every-hours':
      return t('meds.whenEvery', { hours: timing.hours });
    case 'as-needed':
      return t('meds.whenAsNeeded', { hours: timing.minIntervalHours, max: timing.maxPerDay });
  }
}

/** Builds the list as it is printed at `now`. */
export function carryList(input: CarryInput, t: Translate, locale: string, now: Date): CarryList {
  const { patient, careTeam } = input;
  const today = localDateIn(patient.timeZone, now);
  const medicines = currentMedicines(input.medications, today).map((m) => ({
    name: m.name,
    amount: m.amount,
    when: whenText(t, m),
    why: m.reason,
    dates:
      m.endDate === null
        ? t('carry.since', { start: formatLocalDate(m.startDate, locale) })
        : t('carry.fromTo', { start: formatLocalDate(m.startDate, locale), end: formatLocalDate(m.endDate, locale) }),
  }));
  const allergies = input.allergies.map((a) =>
    a.reaction.trim() === '' ? a.substance : `${a.substance}: ${a.reaction}`,
  );
  const number = emergencyNumberFor(patient.country);
  const phone = careTeam?.phone ?? null;
  const phoneLine = phone === null ? t('carry.noPhone') : t('carry.phone', { phone });
  const emergencyLine = t('carry.emergencyNumber', { number });
  return {
    title: t('carry.docTitle'),
    patientLine: t('carry.patient', { name: patient.name }),
    printedLine: t('carry.printed', { date: formatLocalDate(today, locale) }),
    allergiesTitle: t('carry.allergies'),
    allergies,
    noAllergies: t('carry.noAllergies'),
    medicinesTitle: t('carry.medicines'),
    columns: {
      name: t('carry.col.name'),
      amount: t('carry.col.amount'),
      when: t('carry.col.when'),
      why: t('carry.col.why'),
      dates: t('carry.col.dates'),
    },
    medicines,
    noMedicines: t('carry.noMedicines'),
    careTeamTitle: t('carry.careTeam'),
    careTeamName: careTeam?.name ?? null,
    careTeamPhone: phoneLine,
    emergencyContactTitle: t('carry.emergencyContact'),
    emergencyContact: patient.emergencyContact?.trim() || t('carry.noEmergencyContact'),
    emergencyLine,
    emergencyNumber: number,
    card: {
      title: t('carry.cardTitle'),
      name: patient.name,
      allergiesLine: t('carry.cardAllergies', {
        list:
          input.allergies.length === 0 ? t('carry.noAllergies') : input.allergies.map((a) => a.substance).join(', '),
      }),
      emergencyLine,
      careTeamLine: phone === null ? (careTeam?.name ?? t('carry.noPhone')) : t('carry.cardTeam', { phone }),
      medicinesTitle: t('carry.cardMedicines'),
      medicines: medicines.map((m) => `${m.name} ${m.amount}: ${m.when}`),
      more: (hidden) => t('carry.cardMore', { count: hidden }),
    },
  };
}
