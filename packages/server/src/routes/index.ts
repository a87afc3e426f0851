/** Every API route, area by area: each area lists its endpoints (one file per endpoint or small group). */
import type { RouteModule } from '../http/types.ts';
import { health } from './system/health.ts';
import { openapi } from './system/openapi.ts';
import { setup } from './setup/setup.ts';
import { login } from './auth/login.ts';
import { logout } from './auth/logout.ts';
import { me } from './me/me.ts';
import { getPlanRoute } from './plans/get-plan.ts';
import { triageRoute } from './triage/triage.ts';
import { listPatients } from './patients/list-patients.ts';
import { enrolPatientRoute } from './patients/enrol-patient.ts';
import { getPatient } from './patients/get-patient.ts';
import {
  addAllergy,
  addMedication,
  changeMedication,
  listMedications,
  stopMedication,
} from './medications/medications.ts';
import { listDoses, recordDose } from './doses/doses.ts';
import { addAppointment, listAppointments } from './appointments/appointments.ts';
import { addQuestion, listQuestions, updateQuestion } from './questions/questions.ts';
import { listCheckIns, recordCheckIn } from './check-ins/check-ins.ts';
import { acknowledgeAlert, listAlertDetails, listAlerts, resolveAlert } from './alerts/alerts.ts';
import { listMessages, sendMessage } from './messages/messages.ts';
import { addTeamMember, listTeam } from './team/team.ts';
import { disableAccount, enableAccount } from './team/team-status.ts';
import { dashboard } from './dashboard/dashboard.ts';
import { eventStream } from './events/events.ts';
import { getPatientRecord } from './patients/patient-record.ts';
import { exportPatientRoute, importPatientRoute } from './export/export-patient.ts';
import { fhirRoutes } from './fhir/fhir-routes.ts';
import { planDefinitionRoute } from './fhir/plan-definition-route.ts';
import { acceptInviteRoute, createInviteRoute, getInviteRoute } from './invites/invites.ts';

export const routeAreas: Record<string, readonly RouteModule[]> = {
  system: [health, openapi],
  setup: [setup],
  auth: [login, logout, me],
  plans: [getPlanRoute],
  triage: [triageRoute],
  patients: [listPatients, enrolPatientRoute, getPatient, getPatientRecord],
  medications: [listMedications, addMedication, changeMedication, stopMedication, addAllergy],
  doses: [recordDose, listDoses],
  appointments: [listAppointments, addAppointment],
  questions: [listQuestions, addQuestion, updateQuestion],
  'check-ins': [recordCheckIn, listCheckIns],
  alerts: [listAlerts, listAlertDetails, acknowledgeAlert, resolveAlert],
  messages: [listMessages, sendMessage],
  team: [listTeam, addTeamMember, disableAccount, enableAccount],
  dashboard: [dashboard],
  events: [eventStream],
  invites: [createInviteRoute, getInviteRoute, acceptInviteRoute],
  fhir: [exportPatientRoute, importPatientRoute, planDefinitionRoute, fhirRoutes],
};

export const apiRoutes: readonly RouteModule[] = Object.values(routeAreas).flat();
