/** 0005: durable jobs (reminders and their delivery), the in-app inbox, reminder settings and what was planned when. */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Planning the same reminder twice finds this key taken and adds nothing.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    // 1 for jobs the planner owns (it may move or cancel them while they wait), 0 for the others.
    .addColumn('planned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // The runner's hot path: pending jobs by due time.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_patient').on('jobs').columns(['patient_id', 'planned', 'status']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    // No foreign key: erasing a patient removes their jobs and notifications in either order.
    .addColumn('job_id', 'text')
    .execute();
  // One inbox row per job and recipient, whatever happens to the job.
  await db.schema
    .createIndex('notifications_job_recipient')
    .on('notifications')
    .columns(['job_id', 'recipient_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notifications_recipient')
    .on('notifications')
    .columns(['recipient_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('reminder_settings')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().notNull().references('patients.id'))
    .addColumn('check_in_time', 'text', (c) => c.notNull())
    .addColumn('visit_day_before', 'integer', (c) => c.notNull())
    .addColumn('visit_hours_before', 'integer', (c) => c.notNull())
    .addColumn('dose_repeat_every_minutes', 'integer', (c) => c.notNull())
    .addColumn('dose_repeat_times', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // What the planner last did for each patient: a changed zone or an old plan means "plan again".
  await db.schema
    .createTable('reminder_plans')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().notNull().references('patients.id'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_plans_planned_at').on('reminder_plans').column('planned_at').execute();

  // The runner looks for recent and recently escalated alerts to tell the team about.
  await db.schema.createIndex('alerts_created_at').on('alerts').column('created_at').execute();
  await db.schema.createIndex('alerts_escalated_at').on('alerts').column('escalated_at').execute();
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('alerts_escalated_at').execute();
  await db.schema.dropIndex('alerts_created_at').execute();
  await db.schema.dropTable('reminder_plans').execute();
  await db.schema.dropTable('reminder_settings').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('jobs').execute();
}
