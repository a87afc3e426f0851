/** Zod shapes of the FHIR R4 parts an import reads, strict about FHIR's own rules (types, formats, codes), loose about the rest. */
import { z } from 'zod';

// The regular expressions of the FHIR R4 primitive types (https://hl7.org/fhir/R4/datatypes.html).
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

export const FhirDate = z
  .string()
  .regex(new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`), 'not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
export const FhirDateTime = z
  .string()
  .regex(
    new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?$`),
    'not a FHIR dateTime (e.g. 2026-11-30T09:30:00Z)',
  );
export const FhirInstant = z
  .string()
  .regex(new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`), 'not a FHIR instant (e.g. 2026-11-30T09:30:00Z)');
export const FhirTime = z.string().regex(new RegExp(`^${TIME}$`), 'not a FHIR time (hh:mm:ss)');
export const FhirId = z
  .string()
  .regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id (letters, digits, "-" and ".", at most 64)');
const FhirString = z.string().min(1, 'FHIR strings may not be empty').max(1_000_000);
const PositiveInt = z.number().int('must be a whole number').min(1, 'must be 1 or more');
const Decimal = z.number();

export const CodingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export const CodeableConceptSchema = z.looseObject({
  coding: z.array(CodingSchema).optional(),
  text: FhirString.optional(),
});
export type ReadCodeableConcept = z.infer<typeof CodeableConceptSchema>;

export const ReferenceSchema = z.looseObject({
  reference: FhirString.optional(),
  type: z.string().optional(),
  display: FhirString.optional(),
  identifier: z.looseObject({ system: z.string().optional(), value: z.string().optional() }).optional(),
});
export type ReadReference = z.infer<typeof ReferenceSchema>;

export const QuantitySchema = z.looseObject({
  value: Decimal.optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
export type ReadQuantity = z.infer<typeof QuantitySchema>;

const PeriodSchema = z.looseObject({ start: FhirDateTime.optional(), end: FhirDateTime.optional() });

export const PERIOD_UNITS = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'] as const;
const DAYS_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const TimingSchema = z.looseObject({
  event: z.array(FhirDateTime).optional(),
  repeat: z
    .looseObject({
      boundsPeriod: PeriodSchema.optional(),
      boundsDuration: QuantitySchema.optional(),
      boundsRange: z.looseObject({}).optional(),
      count: PositiveInt.optional(),
      duration: Decimal.optional(),
      frequency: PositiveInt.optional(),
      frequencyMax: PositiveInt.optional(),
      period: Decimal.min(0, 'a period cannot be negative').optional(),
      periodMax: Decimal.min(0, 'a period cannot be negative').optional(),
      periodUnit: z.enum(PERIOD_UNITS, { error: `periodUnit is one of ${PERIOD_UNITS.join(', ')}` }).optional(),
      dayOfWeek: z.array(z.enum(DAYS_OF_WEEK)).optional(),
      timeOfDay: z.array(FhirTime).optional(),
      when: z.array(z.string()).optional(),
    })
    .superRefine((repeat, context) => {
      // tim-2: if there's a period, there needs to be period units.
      if (repeat.period !== undefined && repeat.periodUnit === undefined) {
        context.addIssue({ code: 'custom', path: ['periodUnit'], message: 'a period needs its periodUnit (tim-2)' });
      }
      // tim-10: timeOfDay and when do not go together.
      if (repeat.timeOfDay !== undefined && repeat.when !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['when'],
          message: 'timeOfDay and when cannot both be given (tim-10)',
        });
      }
    })
    .optional(),
  code: CodeableConceptSchema.optional(),
});
export type ReadTiming = z.infer<typeof TimingSchema>;

export const DosageSchema = z.looseObject({
  sequence: z.number().int().optional(),
  text: FhirString.optional(),
  patientInstruction: FhirString.optional(),
  timing: TimingSchema.optional(),
  asNeededBoolean: z.boolean().optional(),
  asNeededCodeableConcept: CodeableConceptSchema.optional(),
  doseAndRate: z
    .array(
      z.looseObject({
        doseQuantity: QuantitySchema.optional(),
        doseRange: z.looseObject({ low: QuantitySchema.optional(), high: QuantitySchema.optional() }).optional(),
      }),
    )
    .optional(),
  maxDosePerPeriod: z
    .looseObject({ numerator: QuantitySchema.optional(), denominator: QuantitySchema.optional() })
    .optional(),
});
export type ReadDosage = z.infer<typeof DosageSchema>;

const MedicationX = {
  medicationCodeableConcept: CodeableConceptSchema.optional(),
  medicationReference: ReferenceSchema.optional(),
};

function exactlyOneMedication(
  resource: { medicationCodeableConcept?: unknown; medicationReference?: unknown },
  context: z.RefinementCtx,
): void {
  const count =
    Number(resource.medicationCodeableConcept !== undefined) + Number(resource.medicationReference !== undefined);
  if (count !== 1) {
    context.addIssue({
      code: 'custom',
      path: ['medication[x]'],
      message:
        count === 0
          ? 'the medicine is missing (medicationCodeableConcept or medicationReference)'
          : 'give medicationCodeableConcept or medicationReference, not both',
    });
  }
}

export const MedicationRequestSchema = z
  .looseObject({
    resourceType: z.literal('MedicationRequest'),
    id: FhirId.optional(),
    status: z.enum(['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown']),
    intent: z.enum([
      'proposal',
      'plan',
      'order',
      'original-order',
      'reflex-order',
      'filler-order',
      'instance-order',
      'option',
    ]),
    ...MedicationX,
    subject: ReferenceSchema,
    authoredOn: FhirDateTime.optional(),
    reasonCode: z.array(CodeableConceptSchema).optional(),
    dosageInstruction: z.array(DosageSchema).optional(),
    category: z.array(CodeableConceptSchema).optional(),
    dispenseRequest: z
      .looseObject({ validityPeriod: PeriodSchema.optional(), expectedSupplyDuration: QuantitySchema.optional() })
      .optional(),
    extension: z.array(z.looseObject({ url: z.string(), valueString: z.string().optional() })).optional(),
  })
  .superRefine(exactlyOneMedication);
export type ReadMedicationRequest = z.infer<typeof MedicationRequestSchema>;

export const MedicationStatementSchema = z
  .looseObject({
    resourceType: z.literal('MedicationStatement'),
    id: FhirId.optional(),
    status: z.enum([
      'active',
      'completed',
      'entered-in-error',
      'intended',
      'stopped',
      'on-hold',
      'unknown',
      'not-taken',
    ]),
    ...MedicationX,
    subject: ReferenceSchema,
    effectiveDateTime: FhirDateTime.optional(),
    effectivePeriod: PeriodSchema.optional(),
    dateAsserted: FhirDateTime.optional(),
    reasonCode: z.array(CodeableConceptSchema).optional(),
    dosage: z.array(DosageSchema).optional(),
    category: CodeableConceptSchema.optional(),
    extension: z.array(z.looseObject({ url: z.string(), valueString: z.string().optional() })).optional(),
  })
  .superRefine(exactlyOneMedication);
export type ReadMedicationStatement = z.infer<typeof MedicationStatementSchema>;

export const AllergyIntoleranceSchema = z.looseObject({
  resourceType: z.literal('AllergyIntolerance'),
  id: FhirId.optional(),
  clinicalStatus: CodeableConceptSchema.optional(),
  verificationStatus: CodeableConceptSchema.optional(),
  code: CodeableConceptSchema.optional(),
  patient: ReferenceSchema,
  reaction: z
    .array(
      z.looseObject({
        substance: CodeableConceptSchema.optional(),
        manifestation: z.array(CodeableConceptSchema).min(1, 'a reaction needs at least one manifestation'),
        description: FhirString.optional(),
      }),
    )
    .optional(),
});
export type ReadAllergyIntolerance = z.infer<typeof AllergyIntoleranceSchema>;

export const AppointmentSchema = z
  .looseObject({
    resourceType: z.literal('Appointment'),
    id: FhirId.optional(),
    status: z.enum([
      'proposed',
      'pending',
      'booked',
      'arrived',
      'fulfilled',
      'cancelled',
      'noshow',
      'entered-in-error',
      'checked-in',
      'waitlist',
    ]),
    serviceType: z.array(CodeableConceptSchema).optional(),
    specialty: z.array(CodeableConceptSchema).optional(),
    appointmentType: CodeableConceptSchema.optional(),
    reasonCode: z.array(CodeableConceptSchema).optional(),
    description: FhirString.optional(),
    start: FhirInstant.optional(),
    end: FhirInstant.optional(),
    participant: z
      .array(
        z.looseObject({
          type: z.array(CodeableConceptSchema).optional(),
          actor: ReferenceSchema.optional(),
          status: z.enum(['accepted', 'declined', 'tentative', 'needs-action']),
        }),
      )
      .min(1, 'an appointment needs at least one participant'),
  })
  .superRefine((appointment, context) => {
    // app-2: either start and end are specified, or neither.
    if ((appointment.start === undefined) !== (appointment.end === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [appointment.start === undefined ? 'start' : 'end'],
        message: 'give both start and end, or neither (app-2)',
      });
    }
    appointment.participant.forEach((participant, index) => {
      // app-1: either the type or actor on the participant SHALL be specified.
      if (participant.type === undefined && participant.actor === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['participant', index],
          message: 'a participant needs a type or an actor (app-1)',
        });
      }
    });
  });
export type ReadAppointment = z.infer<typeof AppointmentSchema>;

export const MedicationSchema = z.looseObject({
  resourceType: z.literal('Medication'),
  id: FhirId.optional(),
  code: CodeableConceptSchema.optional(),
});
export type ReadMedication = z.infer<typeof MedicationSchema>;

export const PatientSchema = z.looseObject({ resourceType: z.literal('Patient'), id: FhirId.optional() });

export const LocationSchema = z.looseObject({
  resourceType: z.literal('Location'),
  id: FhirId.optional(),
  name: FhirString.optional(),
});

/** Any resource: a known type and, when given, a valid id and contained resources. */
export const AnyResourceSchema = z.looseObject({
  resourceType: z.string(),
  id: FhirId.optional(),
  contained: z.array(z.looseObject({ resourceType: z.string(), id: FhirId.optional() })).optional(),
});
