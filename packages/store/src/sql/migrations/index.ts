/** The versioned migrations, provided in code (no file scanning), applied by Kysely's Migrator. */
import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';
import type { Database } from '../schema.ts';
import * as initial from './0001-initial.ts';
import * as alertEscalation from './0002-alert-escalation.ts';
import * as patientActivity from './0003-patient-activity.ts';
import * as invites from './0004-invites.ts';
import * as reminders from './0005-reminders.ts';
import * as delivery from './0006-delivery.ts';
import * as security from './0007-security.ts';
import * as careteam from './0008-careteam.ts';
import * as carry from './0009-carry.ts';
import * as patient from './0010-patient.ts';
import * as dashboardIndexes from './0011-dashboard-indexes.ts';
import * as passkeys from './0012-passkeys.ts';
import * as dashboardCounts from './0013-dashboard-counts.ts';
import * as recentReadings from './0014-recent-readings.ts';
import * as reminderBurstIndexes from './0015-reminder-burst-indexes.ts';
import * as dashboardNameSearch from './0017-dashboard-name-search.ts';
import * as unreadMessagesIndex from './0018-unread-messages-index.ts';
import * as nameTrigrams from './0019-name-trigrams.ts';
import * as alertWriteIndexes from './0020-alert-write-indexes.ts';
import * as checkInWriteIndex from './0021-check-in-write-index.ts';
import * as checkInTies from './0022-check-in-ties.ts';
import * as disjointActivityIndexes from './0023-disjoint-activity-indexes.ts';

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
  down(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** In order; names sort alphabetically, so keep the four-digit prefix. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-initial': initial,
  '0002-alert-escalation': alertEscalation,
  '0003-patient-activity': patientActivity,
  '0004-invites': invites,
  '0005-reminders': reminders,
  '0006-delivery': delivery,
  '0007-security': security,
  '0008-careteam': careteam,
  '0009-carry': carry,
  '0010-patient': patient,
  '0011-dashboard-indexes': dashboardIndexes,
  '0012-passkeys': passkeys,
  '0013-dashboard-counts': dashboardCounts,
  '0014-recent-readings': recentReadings,
  '0015-reminder-burst-indexes': reminderBurstIndexes,
  '0017-dashboard-name-search': dashboardNameSearch,
  '0018-unread-messages-index': unreadMessagesIndex,
  '0019-name-trigrams': nameTrigrams,
  '0020-alert-write-indexes': alertWriteIndexes,
  '0021-check-in-write-index': checkInWriteIndex,
  '0022-check-in-ties': checkInTies,
  '0023-disjoint-activity-indexes': disjointActivityIndexes,
};

/** Kysely's Migrator over every migration, for this dialect. */
export function migratorFor(db: Kysely<Database>, dialect: DialectName): Migrator {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(MIGRATIONS)) {
    migrations[name] = {
      up: (kysely) => migration.up(kysely, dialect),
      down: (kysely) => migration.down(kysely, dialect),
    };
  }
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Applies every migration not yet applied; running it again does nothing. Each migration runs in a transaction. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  const { error } = await migratorFor(db, dialect).migrateToLatest();
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error('A database migration failed.');
  }
}
