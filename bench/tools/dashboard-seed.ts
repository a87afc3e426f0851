/**
 * Seeds a migrated Aftercare database with one large organisation for the dashboard benchmark, in bulk SQL on the
 * store's own schema: per-patient facts are computed here (100,000 rows), the ~10 million observations (check-ins
 * with pain and temperature, dose events, alerts, questions, messages) are expanded by the database itself.
 */
import { randomUUID } from 'node:crypto';
import BetterSqlite from 'better-sqlite3';
import pg from 'pg';
import { parseCheckIn, triage, TriageRulesSchema, type TriagePlan } from '../../packages/core/src/index.ts';
import rulesJson from '../../packages/plans/bone-marrow-harvest/triage.json' with { type: 'json' };
import { BACKFILL_COUNTS } from '../../packages/store/src/sql/migrations/0013-dashboard-counts.ts';
import { BACKFILL_RECENT_READINGS } from '../../packages/store/src/sql/migrations/0014-recent-readings.ts';
import { BACKFILL_POSTGRES_NAME_SEARCH } from '../../packages/store/src/sql/migrations/0017-dashboard-name-search.ts';
import { BACKFILL_SQLITE_NAME_TRIGRAMS } from '../../packages/store/src/sql/migrations/0019-name-trigrams.ts';
import { progress } from './knobs.ts';

/** The seeded world's "now": fixed, so a cached database stays right whatever the day it is read. */
export const SEED_NOW = '2026-11-25T12:00:00.000Z';
const NOW_S = Date.parse(SEED_NOW) / 1000;
const DAY_S = 86_400;
const HOUR_S = 3600;
export const PLAN_ID = 'bone-marrow-harvest';

export interface SeedFacts {
  orgId: string;
  /** The clinician whose unread messages the dashboard counts. */
  clinicianId: string;
  patients: number;
  counts: Record<'checkIns' | 'doseEvents' | 'alerts' | 'questions' | 'messages', number>;
  observations: number;
  seedSeconds: number;
}

/** What differs between the dialects: how to make an id and an ISO instant from epoch seconds, and how to run SQL. */
interface SeedDialect {
  /** A random id (UUID v4), as the store and the PWA make them. */
  uuid: string;
  /**
   * A time-ordered id (UUID v7 layout) for the rows of the big tables: they are inserted in time order, so their
   * primary-key index grows at its end instead of at random places (the dashboard never reads by these ids).
   */
  rowId: string;
  instant: (seconds: string) => string;
  epoch: (instant: string) => string;
  run: (statement: string) => Promise<void>;
  count: (table: string) => Promise<number>;
  insertRows: (table: string, columns: string[], rows: unknown[][]) => Promise<void>;
}

const FIRST = ['Ana', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon', 'Kemal', 'Lucia'];
const MORE_FIRST = ['Mateo', 'Nora', 'Omar', 'Paula', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wen', 'Yara'];
const LAST = ['Garcia', 'Smith', 'Martinez', 'Nguyen', 'Okafor', 'Rossi', 'Schmidt', 'Silva', 'Kowalski', 'Haddad'];
const MORE_LAST = ['Lopez', 'Brown', 'Jansen', 'Moreau', 'Novak', 'Ortiz', 'Park', 'Quispe', 'Reyes', 'Tanaka'];
const FIRST_NAMES = [...FIRST, ...MORE_FIRST];
const LAST_NAMES = [...LAST, ...MORE_LAST];

/** A UUID v7-shaped id whose first 48 bits count up: ids made in order sort in order. */
function timeOrderedId(sequence: number): string {
  const prefix = sequence.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-7${random.slice(15)}`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** SQL string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The stored triage JSON of a real check-in of each disposition, from the plan's own rules. */
function triageTexts(): Record<'self-care' | 'contact-provider' | 'emergency', string> {
  const plan: TriagePlan = {
    triage: TriageRulesSchema.parse(rulesJson),
    settings: { feverThreshold: { value: 38, unit: 'C' } },
  };
  const of = (input: unknown): string => JSON.stringify(triage(plan, parseCheckIn(plan, input)));
  const texts = {
    'self-care': of({ text: 'hip sore, walked a bit', pain: { score: 3, medicineTaken: true } }),
    'contact-provider': of({ text: 'chills tonight', temperature: { value: 38.4, unit: 'C' } }),
    emergency: of({ text: 'blood soaked through the bandage' }),
  };
  for (const [want, text] of Object.entries(texts)) {
    const got = (JSON.parse(text) as { disposition: string }).disposition;
    if (got !== want) {
      throw new Error(`seed check-in for ${want} triages as ${got}: update the seed texts`);
    }
  }
  return texts;
}

/** One row of the per-patient facts table: everything the bulk statements need to expand a patient's history. */
function patientFacts(n: number): unknown[] {
  const days = (n % 30) + 1; // day of recovery 1..30: procedures spread over the last month
  const quiet = n % 33 === 0; // ~3% stopped checking in 3 days ago
  const procedureS = Math.floor(NOW_S / DAY_S) * DAY_S - days * DAY_S;
  const createdS = procedureS + 18 * HOUR_S; // enrolled on the evening of the procedure
  const checkInSlots = quiet ? Math.max(0, 2 * days - 6) : 2 * days; // morning and evening
  const doseSlots = quiet ? Math.max(0, 4 * days - 13) : 4 * days - 1;
  // A few hundred open alerts (a quarter of them emergencies), some acknowledged, on the latest check-in.
  const openLevel = checkInSlots > 0 && n % 250 === 7 ? (n % 1000 === 7 ? 'emergency' : 'contact-provider') : null;
  const lastCheckInS = checkInSlots > 0 ? checkInSlotS(createdS, n, checkInSlots - 1) : null;
  return [
    n,
    randomUUID(),
    randomUUID(),
    `${FIRST_NAMES[n % FIRST_NAMES.length] ?? 'Ana'} ${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Garcia'}`,
    new Date(procedureS * 1000).toISOString().slice(0, 10),
    createdS,
    new Date(createdS * 1000).toISOString(),
    checkInSlots,
    doseSlots,
    openLevel,
    n % 500 === 7 ? 'acknowledged' : 'open',
    lastCheckInS === null ? null : new Date(lastCheckInS * 1000).toISOString(),
    n % 97 === 0 ? new Date((NOW_S - DAY_S) * 1000).toISOString() : null, // ~1% follow-ups closed
    n % 20 === 0 ? 1 : 0, // an open question
    n % 40 === 0 ? 0 : 1, // the clinician has read the thread
    n % 5 === 0 ? 'es' : 'en',
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
}

const FACT_COLUMNS = [
  'n',
  'id',
  'user_id',
  'name',
  'procedure_date',
  'created_s',
  'created_at',
  'check_in_slots',
  'dose_slots',
  'open_level',
  'open_status',
  'last_check_in_at',
  'closed_at',
  'open_question',
  'read_by_clinician',
  'language',
  'med_pain',
  'med_antibiotic',
  'med_vitamins',
];

/** Check-in k of patient n: twice a day from the evening of the procedure, a few minutes apart between patients. */
function checkInSlotS(createdS: number, n: number, k: number): number {
  return createdS + 2 * HOUR_S + k * 12 * HOUR_S + (n % 50) * 60;
}

/** The same formula in SQL (keep the two in step). */
const CHECK_IN_AT = `s.created_s + ${2 * HOUR_S} + k * ${12 * HOUR_S} + (s.n % 50) * 60`;
const DOSE_AT = `s.created_s + ${HOUR_S / 2} + k * ${6 * HOUR_S} + (s.n % 40) * 60`;

/** The bulk statements, the same for both dialects but for ids and instants. */
function statements(d: SeedDialect, orgId: string, clinicianId: string): string[] {
  const t = triageTexts();
  const disposition = `case when k = s.check_in_slots - 1 and s.open_level is not null then s.open_level
    when (s.n * 31 + k) % 50 = 0 then 'contact-provider' else 'self-care' end`;
  const tenths = `(365 + (s.n * 7 + k) % 14)`;
  const payload = `'{"language":"' || x.language || '","text":"' || case x.disposition
      when 'emergency' then 'blood soaked through the bandage'
      when 'contact-provider' then 'chills tonight' else 'hip sore, walked a bit' end
    || '","temperature":{"value":' || case when x.disposition = 'self-care' then cast(x.tenths / 10 as text) || '.' || cast(x.tenths % 10 as text) else '38.4' end
    || ',"unit":"C"},"pain":{"score":' || cast((x.n + x.k) % 8 as text) || ',"medicineTaken":true}}'`;
  const clinician = literal(clinicianId);
  return [
    `insert into patients (id, org_id, name, email, phone, date_of_birth, procedure_date, harvest_site, marrow_use,
        language, time_zone, country, emergency_contact, created_at, last_check_in_at, last_activity_at, plan_id,
        follow_up_closed_at, follow_up_closed_by, follow_up_close_reason)
      select id, ${literal(orgId)}, name, null, null, null, procedure_date, case when n % 4 = 0 then 'sternum' else 'hip' end,
        case when n % 3 = 0 then 'own' else 'donor' end, language,
        case when language = 'es' then 'Europe/Madrid' else 'America/Chicago' end,
        case when language = 'es' then 'ES' else 'US' end, null, created_at,
        last_check_in_at, coalesce(last_check_in_at, created_at), ${literal(PLAN_ID)},
        closed_at, case when closed_at is null then null else ${clinician} end,
        case when closed_at is null then null else 'recovered' end
      from seed_patients order by created_s, n`,
    `insert into users (id, org_id, email, email_key, name, role, password_hash, language, patient_id, disabled_at, created_at)
      select user_id, ${literal(orgId)}, 'patient' || cast(n as text) || '@example.org', 'patient' || cast(n as text) || '@example.org', name,
        'patient', 'not-a-hash', language, id, null, created_at
      from seed_patients order by created_s, n`,
    `insert into enrolments (id, patient_id, plan_id, plan_version, return_to_work, enrolled_at, enrolled_by)
      select ${d.uuid}, id, ${literal(PLAN_ID)}, '1.0.0', null, created_at, ${clinician} from seed_patients order by created_s, n`,
    `insert into medications (id, patient_id, current_version, added_at)
      select m.id, s.id, 1, s.created_at from seed_patients s
      join (select n, med_pain as id from seed_patients union all select n, med_antibiotic from seed_patients
        union all select n, med_vitamins from seed_patients) m on m.n = s.n`,
    `insert into medication_versions (medication_id, version, name, kind, amount, timing, reason, start_date, end_date,
        plan_item, effective_from, stopped_at, changed_by)
      select med_pain, 1, 'Pain medicine', 'prescription', '1 tablet',
        '{"type":"as-needed","minIntervalHours":4,"maxPerDay":6}', 'pain', procedure_date, null, 'pain-relief',
        created_at, null, ${clinician} from seed_patients
      union all
      select med_antibiotic, 1, 'Antibiotic', 'prescription', '1 capsule',
        '{"type":"fixed-times","times":["08:00","20:00"]}', 'infection', procedure_date, null, 'antibiotic',
        created_at, null, ${clinician} from seed_patients
      union all
      select med_vitamins, 1, 'Folic acid and iron', 'vitamin', '1 tablet', '{"type":"fixed-times","times":["08:00"]}',
        'red blood cells', procedure_date, null, 'vitamins-folic-acid-iron', created_at, null, ${clinician}
      from seed_patients`,
    `insert into check_ins (id, patient_id, submitted_at, payload, triage, disposition, idempotency_key, recorded_by)
      select ${d.rowId}, x.id, ${d.instant('x.at_s')}, ${payload},
        case x.disposition when 'emergency' then ${literal(t.emergency)}
          when 'contact-provider' then ${literal(t['contact-provider'])} else ${literal(t['self-care'])} end,
        x.disposition, ${d.uuid}, x.user_id
      from (select s.id, s.user_id, s.n, s.language, k, ${CHECK_IN_AT} as at_s, ${tenths} as tenths,
          ${disposition} as disposition
        from seed_patients s join seed_numbers on k < s.check_in_slots) x
      -- In time order, as they arrive: a patient's history is spread over the table, as in real use.
      order by x.at_s, x.n`,
    `insert into alerts (id, patient_id, check_in_id, level, status, created_at, acknowledged_by, acknowledged_at,
        acknowledge_note, resolved_by, resolved_at, escalated_at)
      select ${d.rowId}, y.patient_id, y.check_in_id, y.level, y.status, y.created_at,
        case when y.status = 'open' then null else ${clinician} end,
        case when y.status = 'open' then null else ${d.instant(`y.at_s + ${HOUR_S / 2}`)} end,
        case when y.status = 'open' then null else 'Called the patient.' end,
        case when y.status = 'resolved' then ${clinician} else null end,
        case when y.status = 'resolved' then ${d.instant(`y.at_s + ${2 * HOUR_S}`)} else null end,
        null
      from (select c.patient_id, c.id as check_in_id, c.disposition as level, c.submitted_at as created_at,
          ${d.epoch('c.submitted_at')} as at_s,
          case when s.open_level is not null and c.submitted_at = s.last_check_in_at then s.open_status
            else 'resolved' end as status
        from check_ins c join seed_patients s on s.id = c.patient_id
        where c.disposition <> 'self-care') y`,
    `insert into dose_events (id, patient_id, medication_id, medication_version, scheduled_for, status, at,
        idempotency_key, recorded_by)
      select ${d.rowId}, x.id, x.medication_id, 1, case when x.k % 3 = 0 then null else ${d.instant('x.at_s')} end,
        case when (x.n + x.k) % 9 = 0 then 'skipped' else 'taken' end, ${d.instant('x.at_s')}, ${d.uuid}, x.user_id
      from (select s.id, s.user_id, s.n, k, ${DOSE_AT} as at_s,
          case k % 3 when 0 then s.med_pain when 1 then s.med_antibiotic else s.med_vitamins end as medication_id
        from seed_patients s join seed_numbers on k < s.dose_slots) x
      order by x.at_s, x.n`,
    `insert into questions (id, patient_id, appointment_id, text, asked_at, answer, created_at)
      select ${d.rowId}, s.id, null,
        case k when 0 then 'When can I go back to work?' when 1 then 'Can I shower with the bandage on?'
          when 2 then 'Should I take the vitamins?' when 3 then 'Is the bruise normal?' else 'When is my blood test?' end,
        null, case when k = 4 and s.open_question = 1 then null else 'Answered on the phone.' end,
        ${d.instant(`s.created_s + ${HOUR_S} + k * ${4 * HOUR_S}`)}
      from seed_patients s join seed_numbers on k < 5 order by s.created_s + k * 4, s.n`,
    `insert into messages (id, patient_id, author_id, body, created_at)
      select ${d.rowId}, s.id, case when k = 1 then s.user_id else ${clinician} end,
        case k when 0 then 'Welcome home. Please send a check-in each evening.' when 1 then 'Thanks, feeling a bit better.'
          else 'Good to hear. Call us if anything changes.' end,
        ${d.instant(`s.created_s + ${2 * HOUR_S} + k * ${3 * HOUR_S}`)}
      from seed_patients s join seed_numbers on k < 3 order by s.created_s + k * 3, s.n`,
    `insert into read_marks (user_id, patient_id, thread, read_at)
      select ${clinician}, id, 'messages', ${d.instant(`created_s + ${12 * HOUR_S}`)}
      from seed_patients where read_by_clinician = 1`,
  ];
}

const BIG_TABLES = [
  'check_ins',
  'dose_events',
  'alerts',
  'questions',
  'messages',
  'medications',
  'medication_versions',
];

/** Seeds an empty migrated SQLite file. Secondary indexes and the activity triggers are set aside and rebuilt. */
export async function seedSqlite(file: string, patients: number): Promise<SeedFacts> {
  const started = performance.now();
  const db = new BetterSqlite(file);
  try {
    // Bulk load: a rollback journal (it keeps only the few pages that existed before) instead of a WAL that would
    // hold every new page twice, no syncs (a failed seed is thrown away), a large cache for the random-id indexes.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -4000000');
    db.pragma('temp_store = MEMORY');
    db.function('bench_uuid', { deterministic: false }, () => randomUUID());
    let sequence = 0;
    db.function('bench_row_id', { deterministic: false }, () => timeOrderedId(sequence++));
    const quoted = BIG_TABLES.map(literal).join(', ');
    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${quoted})`,
      )
      .all();
    const triggers = db
      .prepare<[], { name: string; sql: string }>(
        `select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('patients', 'check_ins', 'enrolments')
          and name not like 'audit%'`,
      )
      .all();
    const dialect: SeedDialect = {
      uuid: 'bench_uuid()',
      rowId: 'bench_row_id()',
      instant: (seconds) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`,
      epoch: (instant) => `cast(strftime('%s', ${instant}) as integer)`,
      run: (statement) => {
        db.exec(statement);
        return Promise.resolve();
      },
      count: (table) =>
        Promise.resolve(db.prepare<[], { n: number }>(`select count(*) as n from ${table}`).get()?.n ?? 0),
      insertRows: (table, columns, rows) => {
        const insert = db.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        db.transaction(() => {
          for (const row of rows) {
            insert.run(...row);
          }
        })();
        return Promise.resolve();
      },
    };
    for (const { name } of [...indexes, ...triggers]) {
      db.exec(`drop ${indexes.some((i) => i.name === name) ? 'index' : 'trigger'} ${name}`);
    }
    const facts = await seedWith(dialect, patients, 'SQLite');
    const rebuilding = performance.now();
    for (const { sql } of [...indexes, ...triggers]) {
      db.exec(sql);
    }
    progress(`SQLite: rebuilt ${String(indexes.length)} indexes in ${seconds(rebuilding)}`);
    // The triggers that keep the dashboard's counts, name search and trends were set aside: fill them as migrations
    // 0013, 0014 and 0019 do.
    for (const statement of [...BACKFILL_COUNTS, ...BACKFILL_SQLITE_NAME_TRIGRAMS, BACKFILL_RECENT_READINGS.sqlite]) {
      const filling = performance.now();
      db.exec(statement);
      progress(`SQLite: ${/^\s*(\w+ \w+ \w+)/.exec(statement)?.[1] ?? 'backfill'} ${seconds(filling)}`);
    }
    db.pragma('journal_mode = WAL');
    return { ...facts, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

/** Seeds an empty migrated PostgreSQL database; triggers and foreign-key checks are off for the session (replica). */
export async function seedPostgres(url: string, patients: number): Promise<SeedFacts> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    await client.query(`set work_mem = '256MB'`);
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1)
        and indexname not in (select conname from pg_constraint)`,
      [BIG_TABLES],
    );
    const dialect: SeedDialect = {
      uuid: 'gen_random_uuid()::text',
      // PostgreSQL 18's uuidv7() is monotonic within a session.
      rowId: 'uuidv7()::text',
      instant: (seconds) => `to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      epoch: (instant) => `extract(epoch from (${instant})::timestamptz)::bigint`,
      run: async (statement) => {
        await client.query(statement);
      },
      count: async (table) =>
        Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n ?? 0),
      insertRows: async (table, columns, rows) => {
        const chunk = Math.floor(60_000 / columns.length);
        for (let start = 0; start < rows.length; start += chunk) {
          const part = rows.slice(start, start + chunk);
          const values = part.map(
            (_row, r) => `(${columns.map((_c, c) => `$${String(r * columns.length + c + 1)}`).join(', ')})`,
          );
          await client.query(`insert into ${table} (${columns.join(', ')}) values ${values.join(', ')}`, part.flat());
        }
      },
    };
    // Unique constraints of the big tables too (no foreign key points at them): built once, sorted, at the end.
    const uniques = await client.query<{ conname: string; tbl: string; def: string }>(
      `select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint
        where contype = 'u' and conrelid::regclass::text = any($1)`,
      [BIG_TABLES],
    );
    for (const { indexname } of indexes.rows) {
      await client.query(`drop index ${indexname}`);
    }
    for (const { conname, tbl } of uniques.rows) {
      await client.query(`alter table ${tbl} drop constraint ${conname}`);
    }
    const facts = await seedWith(dialect, patients, 'PostgreSQL');
    const rebuilding = performance.now();
    for (const { conname, tbl, def } of uniques.rows) {
      await client.query(`alter table ${tbl} add constraint ${conname} ${def}`);
    }
    for (const { indexdef } of indexes.rows) {
      await client.query(indexdef);
    }
    progress(
      `PostgreSQL: rebuilt ${String(indexes.rows.length + uniques.rows.length)} indexes in ${seconds(rebuilding)}`,
    );
    // The triggers were off (replica): fill the dashboard's counts, trends and name search as migrations 0013, 0014
    // and 0017 do.
    for (const statement of [...BACKFILL_COUNTS, BACKFILL_RECENT_READINGS.postgres, ...BACKFILL_POSTGRES_NAME_SEARCH]) {
      const filling = performance.now();
      await client.query(statement);
      progress(`PostgreSQL: ${/^\s*(\w+ \w+ \w+)/.exec(statement)?.[1] ?? 'backfill'} ${seconds(filling)}`);
    }
    await client.query('vacuum (analyze)');
    return { ...facts, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function seedWith(d: SeedDialect, patients: number, label: string): Promise<Omit<SeedFacts, 'seedSeconds'>> {
  const orgId = randomUUID();
  const clinicianId = randomUUID();
  const createdAt = new Date((NOW_S - 60 * DAY_S) * 1000).toISOString();
  await d.insertRows('organisations', ['id', 'name', 'created_at'], [[orgId, 'Benchmark Donor Centre', createdAt]]);
  await d.insertRows(
    'users',
    ['id', 'org_id', 'email', 'email_key', 'name', 'role', 'password_hash', 'language', 'patient_id', 'created_at'],
    [
      [
        clinicianId,
        orgId,
        'nurse@example.org',
        'nurse@example.org',
        'Nia Nurse',
        'clinician',
        'not-a-hash',
        'en',
        null,
        createdAt,
      ],
    ],
  );
  await d.run(
    `create temp table seed_patients (n integer primary key, id text, user_id text, name text, procedure_date text,
      created_s bigint, created_at text, check_in_slots integer, dose_slots integer, open_level text, open_status text,
      last_check_in_at text, closed_at text, open_question integer, read_by_clinician integer, language text,
      med_pain text, med_antibiotic text, med_vitamins text)`,
  );
  await d.run(`create temp table seed_numbers (k integer primary key)`);
  await d.insertRows(
    'seed_numbers',
    ['k'],
    Array.from({ length: 120 }, (_v, k) => [k]),
  );
  const facts = Array.from({ length: patients }, (_v, i) => patientFacts(i + 1));
  await d.insertRows('seed_patients', FACT_COLUMNS, facts);
  await d.run('begin');
  for (const statement of statements(d, orgId, clinicianId)) {
    const started = performance.now();
    await d.run(statement);
    progress(`${label}: ${/insert into (\w+)/.exec(statement)?.[1] ?? 'statement'} ${seconds(started)}`);
  }
  await d.run('commit');
  const counts = {
    checkIns: await d.count('check_ins'),
    doseEvents: await d.count('dose_events'),
    alerts: await d.count('alerts'),
    questions: await d.count('questions'),
    messages: await d.count('messages'),
  };
  await d.run('drop table seed_patients');
  await d.run('drop table seed_numbers');
  return {
    orgId,
    clinicianId,
    patients,
    counts,
    observations: Object.values(counts).reduce((a, b) => a + b, 0),
  };
}
