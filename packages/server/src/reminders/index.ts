/** Reminders: planning, durable jobs, the dispatcher and the runner that `aftercare start` starts. */
export { startJobRunner, runDueJobs, queueAlertNotices, backoffMs, MAX_ATTEMPTS, newRunnerState } from './runner.ts';
export type { RunnerConfig, RunnerDeps, RunnerState } from './runner.ts';
export { planPatient, planDuePatients, wantedJobs } from './planner.ts';
export { dispatch, toNotification } from './dispatch.ts';
export { DEFAULT_REMINDER_SETTINGS, ReminderSettingsSchema, reminderSettingsOf } from './settings.ts';
export { afterQuietHours, isQuietTime } from './quiet-hours.ts';
export { replanOnChanges } from './replan-hook.ts';
