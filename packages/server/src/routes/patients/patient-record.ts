/** GET /api/v1/patients/:id/record: everything the care team's record page shows, in one audited read. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import {
  AllergySchema,
  AppointmentSchema,
  CheckInRecordSchema,
  commonErrors,
  DoseSchema,
  EnrolmentSchema,
  IdParams,
  MedicationSchema,
  MessageSchema,
  PatientSchema,
  QuestionSchema,
  RoleSchema,
} from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { recoveryDay } from '@aftercare/core';
import { AlertDetailSchema } from '../alerts/alerts.ts';
import { PlanChangeSchema } from '../plan-changes/plan-changes.ts';
import { FollowUpSchema } from './follow-up.ts';

/** A plan change as the record lists it: who made it is in `people` (changedBy). */
const PlanChangeRecordSchema = PlanChangeSchema.omit({ by: true, unseen: true }).extend({ changedBy: z.string() });

/** How much history the page shows at once (newest first). */
const HISTORY = 200;

export const getPatientRecord: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/record',
    {
      config: { access: 'team-record', audit: { action: 'patient.record.read', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary:
          "The care team's view of one patient: details, medicines, allergies, check-ins, doses, visits, questions, messages and alerts, with the names of the people involved",
        params: IdParams,
        response: {
          200: z.object({
            patient: PatientSchema,
            enrolment: EnrolmentSchema.nullable(),
            day: z.number().int(),
            medications: z.array(MedicationSchema),
            allergies: z.array(AllergySchema),
            checkIns: z.array(CheckInRecordSchema),
            doses: z.array(DoseSchema),
            appointments: z.array(AppointmentSchema),
            questions: z.array(QuestionSchema),
            messages: z.array(MessageSchema),
            alerts: z.array(AlertDetailSchema),
            people: z.record(z.string(), z.object({ name: z.string(), role: RoleSchema })),
            followUp: FollowUpSchema,
            planChanges: z.array(PlanChangeRecordSchema),
            unreadMessages: z.number().int().describe("Messages from the patient's side the caller has not read"),
            caregivers: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const page = { limit: HISTORY };
      const [enrolment, medications, allergies, checkIns, doses, appointments, questions, messages, alerts] =
        await Promise.all([
          deps.store.getEnrolment(patient.id),
          deps.store.listMedications(patient.id),
          deps.store.listAllergies(patient.id),
          deps.store.listCheckIns(patient.id, page),
          deps.store.listDoses(patient.id, page),
          deps.store.listAppointments(patient.id),
          deps.store.listQuestions(patient.id),
          deps.store.listMessages(patient.id, { limit: 500 }),
          deps.store.listAlertDetails({ orgId: user.orgId, patientId: patient.id, limit: HISTORY }),
        ]);
      const [followUp, planChanges, unread, caregivers] = await Promise.all([
        deps.store.getFollowUp(patient.id),
        deps.store.listPlanChanges(patient.id, page),
        deps.store.countUnreadMessages(user.id, [patient.id], ['patient', 'caregiver']),
        deps.store.listCaregivers(patient.id),
      ]);
      const ids = new Set([
        ...planChanges.map((c) => c.changedBy),
        ...(followUp.closedBy === null ? [] : [followUp.closedBy]),
        ...messages.map((m) => m.authorId),
        ...checkIns.map((c) => c.recordedBy),
        ...medications.map((m) => m.changedBy),
      ]);
      const people: Record<string, { name: string; role: z.infer<typeof RoleSchema> }> = {};
      for (const person of await deps.store.getUsers([...ids])) {
        // Only people of this organisation (all of them are; this keeps it so).
        if (person.orgId === user.orgId) {
          people[person.id] = { name: person.name, role: person.role };
        }
      }
      return {
        patient,
        enrolment: enrolment ?? null,
        day: recoveryDay(patient.procedureDate, patient.timeZone, deps.clock.now()),
        medications,
        allergies,
        checkIns,
        doses,
        appointments,
        questions,
        messages,
        alerts,
        people,
        followUp,
        planChanges,
        unreadMessages: unread[0]?.unread ?? 0,
        caregivers: caregivers.map((c) => ({ id: c.id, name: c.name })),
      };
    },
  );
};
