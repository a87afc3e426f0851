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
import { acknowledgeAlert, listAlerts, resolveAlert } from './alerts/alerts.ts';
import { listMessages, sendMessage } from './messages/messages.ts';
import { addTeamMember, listTeam } from './team/team.ts';

export const routeAreas: Record<string, readonly RouteModule[]> = {
  system: [health, openapi],
  setup: [setup],
  auth: [login, logout, me],
  plans: [getPlanRoute],
  triage: [triageRoute],
  patients: [listPatients, enrolPatientRoute, getPatient],
  medications: [listMedications, addMedication, changeMedication, stopMedication, addAllergy],
  doses: [recordDose, listDoses],
  appointments: [listAppointments, addAppointment],
  questions: [listQuestions, addQuestion, updateQuestion],
  'check-ins': [recordCheckIn, listCheckIns],
  alerts: [listAlerts, acknowledgeAlert, resolveAlert],
  messages: [listMessages, sendMessage],
  team: [listTeam, addTeamMember],
};

export const apiRoutes: readonly RouteModule[] = Object.values(routeAreas).flat();
