/** POST /api/v1/patients: enrol a patient (plan, prefilled medicines, allergies, visits, and optionally their login). */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import {
  AllergyInputSchema,
  AppointmentInputSchema,
  commonErrors,
  CountrySchema,
  EmailSchema,
  LanguageSchema,
  LocalDateSchema,
  MedicationInputSchema,
  NameSchema,
  PasswordSchema,
  PatientSchema,
  TimeZoneSchema,
} from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { enrolPatient } from '../../services/enrol.ts';
import { inviteAnswer, issueInvite } from '../../services/invites.ts';
import { InviteAnswerSchema, siteOrigin } from '../invites/invites.ts';

export const EnrolBodySchema = z.object({
  name: NameSchema,
  email: EmailSchema.nullish(),
  phone: z.string().trim().max(40).nullish(),
  dateOfBirth: LocalDateSchema.nullish(),
  procedureDate: LocalDateSchema,
  harvestSite: z.enum(['hip', 'sternum', 'both']),
  marrowUse: z.enum(['donor', 'own']),
  language: LanguageSchema,
  timeZone: TimeZoneSchema,
  country: CountrySchema,
  emergencyContact: z.string().trim().max(300).nullish(),
  planId: z.string().min(1).max(100).optional(),
  returnToWork: z.string().trim().max(500).nullish(),
  returnToWorkDate: LocalDateSchema.nullish(),
  medications: z.array(MedicationInputSchema).max(50).optional(),
  allergies: z.array(AllergyInputSchema).max(50).optional(),
  appointments: z.array(AppointmentInputSchema).max(50).optional(),
  account: z.object({ email: EmailSchema, password: PasswordSchema }).optional(),
});

export const enrolPatientRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients',
    {
      config: { access: 'team', audit: { action: 'patient.create', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary: 'Enrol a patient',
        body: EnrolBodySchema,
        response: {
          201: z.object({
            patient: PatientSchema,
            invite: InviteAnswerSchema.optional().describe('Without `account`: the invite for the patient to join'),
          }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const now = deps.clock.now();
      const body = request.body;
      const { patient, issued } = await deps.store.transaction(async (tx) => {
        const enrolled = await enrolPatient(tx, body, user.orgId, user.id, now);
        // Without a login made now, the patient joins with an invite (link, code or QR code).
        const invite =
          body.account === undefined
            ? await issueInvite(tx, enrolled.patient.id, user.id, now, deps.config.inviteDays)
            : null;
        return { patient: enrolled.patient, issued: invite };
      });
      noteAudit(request, { patientId: patient.id, resourceId: patient.id });
      if (issued === null) {
        return reply.code(201).send({ patient });
      }
      return reply.code(201).send({ patient, invite: await inviteAnswer(issued, siteOrigin(deps, request)) });
    },
  );
};
