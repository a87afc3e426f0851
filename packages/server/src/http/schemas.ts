/** Zod shapes of what the API sends and accepts, shared by the routes (they also make the OpenAPI document). */
import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
export const InstantSchema = z.string().describe('ISO 8601 instant in UTC');
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-25.')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      message: 'This is not a real calendar date.',
    },
  );
export const LanguageSchema = z.enum(['en', 'es']);
export const RoleSchema = z.enum(['admin', 'clinician', 'patient', 'caregiver']);
export const EmailSchema = z.email('Enter an e-mail address like name@example.org.').max(254);
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Use an IANA time zone such as America/Chicago.' },
  );
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US.');
export const NameSchema = z.string().trim().min(1, 'Enter a name.').max(200);
/** Length is checked again by the password rules, with a friendlier message. */
export const PasswordSchema = z.string().min(1, 'Enter a password.').max(1024);

export const IdParams = z.object({ id: IdSchema });
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const MeSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  language: LanguageSchema,
  patientId: z.string().nullable(),
});

export const UserSummarySchema = MeSchema.extend({ disabledAt: InstantSchema.nullable(), createdAt: InstantSchema });

export const PatientSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  procedureDate: z.string(),
  harvestSite: z.enum(['hip', 'sternum', 'both']),
  marrowUse: z.enum(['donor', 'own']),
  language: LanguageSchema,
  timeZone: z.string(),
  country: z.string(),
  emergencyContact: z.string().nullable(),
  createdAt: InstantSchema,
});

export const PatientSummarySchema = PatientSchema.extend({
  day: z.number().int(),
  openAlerts: z.object({ emergency: z.number().int(), contactProvider: z.number().int() }),
  lastCheckInAt: InstantSchema.nullable(),
});

export const EnrolmentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string(),
  planVersion: z.string(),
  returnToWork: z.string().nullable(),
  returnToWorkDate: z.string().nullable().describe('The planned day back at work'),
  enrolledAt: InstantSchema,
  enrolledBy: z.string(),
});

export const MedicineTimingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('fixed-times'),
    times: z
      .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:00.'))
      .min(1)
      .max(24),
  }),
  z.object({ type: z.literal('every-hours'), hours: z.number().positive().max(168) }),
  z.object({
    type: z.literal('as-needed'),
    minIntervalHours: z.number().positive().max(168),
    maxPerDay: z.number().int().positive().max(48),
  }),
]);

export const MedicationInputSchema = z.object({
  name: NameSchema,
  kind: z.enum(['prescription', 'over-the-counter', 'vitamin', 'herb']),
  amount: z.string().trim().min(1, 'Say how much to take.').max(200),
  timing: MedicineTimingSchema,
  reason: z.string().trim().max(500),
  startDate: LocalDateSchema,
  endDate: LocalDateSchema.nullable(),
  planItem: z.string().max(100).nullable(),
});

export const MedicationSchema = MedicationInputSchema.extend({
  id: z.string(),
  version: z.number().int(),
  patientId: z.string(),
  name: z.string(),
  amount: z.string(),
  reason: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  effectiveFrom: InstantSchema,
  stoppedAt: InstantSchema.nullable(),
  changedBy: z.string(),
});

export const AllergyInputSchema = z.object({
  substance: z.string().trim().min(1, 'Name what you are allergic to.').max(200),
  reaction: z.string().trim().max(500),
});
export const AllergySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  substance: z.string(),
  reaction: z.string(),
  createdAt: InstantSchema,
});

export const DoseSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  medicationId: z.string(),
  medicationVersion: z.number().int(),
  scheduledFor: InstantSchema.nullable(),
  status: z.enum(['taken', 'skipped']),
  at: InstantSchema,
  idempotencyKey: z.string().nullable(),
  recordedBy: z.string(),
});

export const WithWhomSchema = z.enum(['primary-care', 'hematologist', 'other']);
export const AppointmentInputSchema = z.object({
  withWhom: WithWhomSchema,
  reason: z.string().trim().min(1, 'Say what the visit is for.').max(200),
  location: z.string().trim().max(300).nullish(),
  startsAt: z.iso.datetime({ offset: true, message: 'Use a date and time like 2026-11-30T09:30:00Z.' }),
});
export const AppointmentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  withWhom: WithWhomSchema,
  reason: z.string(),
  location: z.string().nullable(),
  startsAt: InstantSchema,
  createdBy: z.string(),
  createdAt: InstantSchema,
  cancelledAt: InstantSchema.nullable(),
});

export const QuestionSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  appointmentId: z.string().nullable(),
  text: z.string(),
  askedAt: InstantSchema.nullable(),
  answer: z.string().nullable(),
  createdAt: InstantSchema,
});

export const DispositionSchema = z.enum(['emergency', 'contact-provider', 'self-care']);
export const TriageResultSchema = z.object({
  disposition: DispositionSchema,
  reasons: z.array(z.object({ sign: z.string(), level: DispositionSchema, evidence: z.string() })),
  advice: z.string(),
});

export const CheckInRecordSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  submittedAt: InstantSchema,
  payload: z.unknown(),
  triage: z.unknown(),
  disposition: DispositionSchema,
  idempotencyKey: z.string().nullable(),
  recordedBy: z.string(),
});

export const AlertSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  checkInId: z.string(),
  level: z.enum(['emergency', 'contact-provider']),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  createdAt: InstantSchema,
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: InstantSchema.nullable(),
  acknowledgeNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: InstantSchema.nullable(),
  escalatedAt: InstantSchema.nullable(),
});

export const MessageSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  authorId: z.string(),
  body: z.string(),
  createdAt: InstantSchema,
});

/** The error responses every route may give, for the OpenAPI document. */
export const commonErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  429: ErrorSchema,
  500: ErrorSchema,
} as const;
