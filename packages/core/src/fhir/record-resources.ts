/** The patient's record as FHIR: Patient, Procedure, CarePlan, MedicationStatement, AllergyIntolerance, Appointment. */
import type * as fhir from '@medplum/fhirtypes';
import { checkInQuestionnaireUrl, planDefinitionUrl, PLAN_ITEM_EXTENSION, SYSTEMS } from './codes.ts';
import { localDate, patientRef, personRef, ref, text, type ExportContext } from './context.ts';
import type {
  AllergyRecord,
  AppointmentRecord,
  DoseRecord,
  EnrolmentRecord,
  MedicationRecord,
  VisitWith,
} from './input.ts';
import { describeTiming, toFhirDosage } from './timing.ts';

const LANGUAGE_NAMES = { en: 'English', es: 'Español' } as const;

export function patientResource(context: ExportContext): fhir.Patient {
  const { patient } = context;
  const telecom: fhir.ContactPoint[] = [];
  if (patient.phone !== null) {
    telecom.push({ system: 'phone', value: patient.phone });
  }
  if (patient.email !== null) {
    telecom.push({ system: 'email', value: patient.email });
  }
  return {
    resourceType: 'Patient',
    id: patient.id,
    active: true,
    name: [{ text: patient.name }],
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(patient.dateOfBirth === null ? {} : { birthDate: patient.dateOfBirth }),
    address: [{ country: patient.country }],
    communication: [
      {
        language: {
          coding: [{ system: SYSTEMS.bcp47, code: patient.language, display: LANGUAGE_NAMES[patient.language] }],
          text: LANGUAGE_NAMES[patient.language],
        },
        preferred: true,
      },
    ],
    ...(patient.emergencyContact === null
      ? {}
      : {
          contact: [
            {
              relationship: [{ coding: [{ system: SYSTEMS.contactRole, code: 'C', display: 'Emergency Contact' }] }],
              name: { text: patient.emergencyContact },
            },
          ],
        }),
  };
}

/** The harvest itself, so the CarePlan can point at what it follows. */
export function procedureResource(context: ExportContext): fhir.Procedure {
  const { patient, plan } = context;
  const sites = plan.procedure.sites.filter(
    (site) => patient.harvestSite === 'both' || site.id === patient.harvestSite,
  );
  const use = plan.procedure.marrowUses.find((item) => item.id === patient.marrowUse);
  return {
    resourceType: 'Procedure',
    id: `${patient.id}-procedure`,
    status: 'completed',
    code: { text: text(context, plan.procedure.nameKey) },
    subject: patientRef(context),
    performedDateTime: patient.procedureDate,
    ...(sites.length > 0 ? { bodySite: sites.map((site) => ({ text: text(context, site.textKey) })) } : {}),
    ...(use === undefined ? {} : { note: [{ text: `${use.term}: ${text(context, use.textKey)}` }] }),
  };
}

function medicationStatus(context: ExportContext, medication: MedicationRecord): 'active' | 'completed' | 'stopped' {
  if (medication.stoppedAt !== null) {
    return 'stopped';
  }
  const today = localDate(context.generatedAt, context.patient.timeZone);
  return medication.endDate !== null && medication.endDate < today ? 'completed' : 'active';
}

const KIND_NAMES = {
  prescription: 'Prescription medicine',
  'over-the-counter': 'Over-the-counter medicine',
  vitamin: 'Vitamin',
  herb: 'Herb or plant product',
} as const;

export function medicationStatementResource(
  context: ExportContext,
  medication: MedicationRecord,
): fhir.MedicationStatement {
  const kindLabel = context.plan.medicines.kinds.find((entry) => entry.kind === medication.kind);
  return {
    resourceType: 'MedicationStatement',
    id: medication.id,
    ...(medication.planItem === null
      ? {}
      : { extension: [{ url: PLAN_ITEM_EXTENSION, valueString: medication.planItem }] }),
    identifier: [{ system: SYSTEMS.medicationId, value: medication.id }],
    status: medicationStatus(context, medication),
    category: {
      coding: [{ system: SYSTEMS.medicineKind, code: medication.kind, display: KIND_NAMES[medication.kind] }],
      text: kindLabel === undefined ? KIND_NAMES[medication.kind] : text(context, kindLabel.labelKey),
    },
    medicationCodeableConcept: { text: medication.name },
    subject: patientRef(context),
    effectivePeriod: {
      start: medication.startDate,
      ...(medication.endDate === null ? {} : { end: medication.endDate }),
    },
    dateAsserted: medication.effectiveFrom,
    informationSource: personRef(context, medication.changedBy),
    ...(medication.reason.trim() === '' ? {} : { reasonCode: [{ text: medication.reason }] }),
    dosage: [toFhirDosage(medication, context.language)],
  };
}

export function allergyResource(context: ExportContext, allergy: AllergyRecord): fhir.AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: allergy.id,
    clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active', display: 'Active' }] },
    code: { text: allergy.substance },
    patient: patientRef(context),
    recordedDate: allergy.createdAt,
    ...(allergy.reaction.trim() === '' ? {} : { reaction: [{ manifestation: [{ text: allergy.reaction }] }] }),
  };
}

const WITH_NAMES: Record<VisitWith, string> = {
  'primary-care': 'Primary care',
  hematologist: 'Hematologist',
  other: 'Other',
};
/** The store keeps only a visit's start; FHIR wants an end with it (app-2), so the export assumes this length. */
export const VISIT_MINUTES = 30;

export function appointmentResource(context: ExportContext, appointment: AppointmentRecord): fhir.Appointment {
  const visit = context.plan.followUps.visits.find((item) => item.id === appointment.reason);
  const reasonText = visit === undefined ? appointment.reason : text(context, visit.textKey);
  const end = new Date(Date.parse(appointment.startsAt) + VISIT_MINUTES * 60_000).toISOString();
  const participant: fhir.AppointmentParticipant[] = [
    { actor: patientRef(context), required: 'required', status: 'accepted' },
  ];
  if (appointment.location !== null && appointment.location.trim() !== '') {
    participant.push({ actor: { type: 'Location', display: appointment.location }, status: 'accepted' });
  }
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    status: appointment.cancelledAt === null ? 'booked' : 'cancelled',
    specialty: [
      {
        coding: [{ system: SYSTEMS.visitWith, code: appointment.withWhom, display: WITH_NAMES[appointment.withWhom] }],
        text: WITH_NAMES[appointment.withWhom],
      },
    ],
    reasonCode: [
      visit === undefined
        ? { text: appointment.reason }
        : { coding: [{ system: SYSTEMS.visitReason, code: visit.id }], text: reasonText },
    ],
    description: reasonText,
    start: new Date(appointment.startsAt).toISOString(),
    end,
    minutesDuration: VISIT_MINUTES,
    created: appointment.createdAt,
    participant,
  };
}

export function doseResource(
  context: ExportContext,
  dose: DoseRecord,
  medication: MedicationRecord | undefined,
): fhir.MedicationAdministration {
  return {
    resourceType: 'MedicationAdministration',
    id: dose.id,
    status: dose.status === 'taken' ? 'completed' : 'not-done',
    ...(dose.status === 'skipped'
      ? { statusReason: [{ text: context.language === 'es' ? 'No la tomó' : 'Not taken' }] }
      : {}),
    medicationCodeableConcept: { text: medication?.name ?? 'Medicine' },
    subject: patientRef(context),
    effectiveDateTime: dose.at,
    performer: [{ actor: personRef(context, dose.recordedBy) }],
    ...(medication === undefined ? {} : { supportingInformation: [ref('MedicationStatement', medication.id)] }),
  };
}

const SCHEDULED_TEXT = {
  en: (day: number) => `About day ${day} after the procedure`,
  es: (day: number) => `Cerca del día ${day} después del procedimiento`,
};
const CHECK_IN_TEXT = {
  en: 'Check in each day: how you feel, your temperature, and your pain.',
  es: 'Responda cada día: cómo se siente, su temperatura y su dolor.',
};

/** The plan as it applies to this patient: medicines, visits (booked or still to book), the daily check-in, activity. */
export function carePlanResource(
  context: ExportContext,
  enrolment: EnrolmentRecord,
  medications: readonly MedicationRecord[],
  appointments: readonly AppointmentRecord[],
  procedure: fhir.Procedure,
): fhir.CarePlan {
  const { plan } = context;
  const activity: fhir.CarePlanActivity[] = [];
  for (const medication of medications) {
    const dosage = toFhirDosage(medication, context.language);
    const status = medicationStatus(context, medication);
    activity.push({
      detail: {
        kind: 'MedicationRequest',
        status: status === 'active' ? 'in-progress' : status,
        productCodeableConcept: { text: medication.name },
        ...(dosage.timing === undefined ? {} : { scheduledTiming: dosage.timing }),
        description: `${medication.amount}. ${describeTiming(medication.timing, context.language)}.`,
      },
    });
  }
  for (const appointment of appointments) {
    activity.push({ reference: ref('Appointment', appointment.id) });
  }
  const booked = new Set(appointments.filter((a) => a.cancelledAt === null).map((a) => a.reason));
  for (const visit of plan.followUps.visits.filter((item) => !booked.has(item.id))) {
    activity.push({
      detail: {
        kind: 'Appointment',
        status: 'not-started',
        description: text(context, visit.textKey),
        scheduledString: SCHEDULED_TEXT[context.language](visit.suggestedOffsetDays),
      },
    });
  }
  activity.push({
    detail: {
      kind: 'Task',
      instantiatesCanonical: [`${checkInQuestionnaireUrl(plan.id)}|${plan.version}`],
      status: 'in-progress',
      description: CHECK_IN_TEXT[context.language],
      scheduledTiming: { repeat: { frequency: 1, period: plan.settings.checkInWindowHours, periodUnit: 'h' } },
    },
  });
  for (const key of plan.activity.textKeys) {
    activity.push({ detail: { status: 'in-progress', description: text(context, key) } });
  }
  activity.push({
    detail: {
      status: 'in-progress',
      description: enrolment.returnToWork ?? text(context, plan.activity.returnToWork.textKey),
    },
  });
  return {
    resourceType: 'CarePlan',
    // Derived from the patient, so a read by id finds whose record it is without a lookup.
    id: `${context.patient.id}-care-plan`,
    instantiatesCanonical: [`${planDefinitionUrl(plan.id)}|${enrolment.planVersion}`],
    status: 'active',
    intent: 'plan',
    title: text(context, plan.titleKey),
    description: text(context, plan.summaryKey),
    subject: patientRef(context),
    period: { start: context.patient.procedureDate },
    created: enrolment.enrolledAt,
    author: personRef(context, enrolment.enrolledBy),
    supportingInfo: [ref('Procedure', procedure.id ?? '')],
    activity,
    note: [{ text: text(context, plan.disclaimerKey) }],
  };
}
