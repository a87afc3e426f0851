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
  removeAllergy,
  changeMedication,
  listMedications,
  stopMedication,
} from './medications/medications.ts';
import { listDoses, recordDose } from './doses/doses.ts';
import { addAppointment, listAppointments, updateAppointment } from './appointments/appointments.ts';
import { addQuestion, listQuestions, updateQuestion } from './questions/questions.ts';
import { listCheckIns, recordCheckIn } from './check-ins/check-ins.ts';
import { acknowledgeAlert, listAlertDetails, listAlerts, resolveAlert } from './alerts/alerts.ts';
import { listMessages, markMessagesRead, sendMessage } from './messages/messages.ts';
import { addTeamMember, listTeam } from './team/team.ts';
import { disableAccount, enableAccount } from './team/team-status.ts';
import { dashboard } from './dashboard/dashboard.ts';
import { eventStream } from './events/events.ts';
import { getPatientRecord } from './patients/patient-record.ts';
import { exportPatientRoute, importPatientRoute } from './export/export-patient.ts';
import { fhirRoutes } from './fhir/fhir-routes.ts';
import { planDefinitionRoute } from './fhir/plan-definition-route.ts';
import { acceptInviteRoute, createInviteRoute, getInviteRoute } from './invites/invites.ts';
import { getPreferences, updatePreferences } from './preferences/preferences.ts';
import { addMilestone, listMilestones, removeMilestone } from './milestones/milestones.ts';
import { getOrganisation, updateOrganisation } from './organisation/organisation.ts';
import {
  createCalendarFeedRoute,
  getCalendarFeedRoute,
  readCalendarFeedRoute,
  revokeCalendarFeedRoute,
  visitCalendarRoute,
} from './calendar/calendar.ts';

import { updateEnrolment } from './enrolment/update-enrolment.ts';
import { closeFollowUp, reopenFollowUp } from './patients/follow-up.ts';
import { listPlanChanges, markPlanChangesSeen } from './plan-changes/plan-changes.ts';
import { createCaregiverInvite, listCaregivers, removeCaregiver } from './caregivers/caregivers.ts';

import { changePassword, signOutEverywhere } from './account/account.ts';
import { accessLogRoute, searchAuditRoute } from './audit/audit.ts';
import { downloadRecordRoute, erasePatientRoute } from './rights/rights.ts';

import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications/notifications.ts';
import { getReminderSettings, putReminderSettings } from './reminder-settings/reminder-settings.ts';
import { pushRoutes } from './push/push.ts';
import { passkeyRoutes } from './passkeys/passkeys.ts';

export const routeAreas: Record<string, readonly RouteModule[]> = {
  system: [health, openapi],
  setup: [setup],
  auth: [login, logout, me],
  plans: [getPlanRoute],
  triage: [triageRoute],
  patients: [listPatients, enrolPatientRoute, getPatient, getPatientRecord],
  medications: [listMedications, addMedication, changeMedication, stopMedication, addAllergy, removeAllergy],
  doses: [recordDose, listDoses],
  appointments: [listAppointments, addAppointment, updateAppointment],
  questions: [listQuestions, addQuestion, updateQuestion],
  'check-ins': [recordCheckIn, listCheckIns],
  alerts: [listAlerts, listAlertDetails, acknowledgeAlert, resolveAlert],
  messages: [listMessages, sendMessage, markMessagesRead],
  team: [listTeam, addTeamMember, disableAccount, enableAccount],
  dashboard: [dashboard],
  events: [eventStream],
  invites: [createInviteRoute, getInviteRoute, acceptInviteRoute],
  fhir: [exportPatientRoute, importPatientRoute, planDefinitionRoute, fhirRoutes],
  preferences: [getPreferences, updatePreferences],
  milestones: [listMilestones, addMilestone, removeMilestone],
  organisation: [getOrganisation, updateOrganisation],
  calendar: [
    visitCalendarRoute,
    getCalendarFeedRoute,
    createCalendarFeedRoute,
    revokeCalendarFeedRoute,
    readCalendarFeedRoute,
  ],
  careteam: [updateEnrolment, closeFollowUp, reopenFollowUp, listPlanChanges, markPlanChangesSeen],
  caregivers: [createCaregiverInvite, listCaregivers, removeCaregiver],
  account: [changePassword, signOutEverywhere],
  audit: [searchAuditRoute, accessLogRoute],
  rights: [downloadRecordRoute, erasePatientRoute],
  notifications: [listNotifications, markNotificationRead, markAllNotificationsRead],
  'reminder-settings': [getReminderSettings, putReminderSettings],
  push: pushRoutes,
  passkeys: passkeyRoutes,
};

export const apiRoutes: readonly RouteModule[] = Object.values(routeAreas).flat();
