/**
 * The fuzz wall: hostile bodies, path parameters and queries on every operation of the OpenAPI document, sent by a
 * caller allowed on the route. Every answer is a 2xx or a 4xx with a message (never a 5xx, a stack or SQL), the app
 * keeps answering, and what was stored is unchanged by every refused request (a row journal names the rows each
 * request wrote, so the check costs what the request wrote, not the size of the tables).
 */
import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { closeTestStores } from '@aftercare/store/testing';
import { buildWorld, type Caller, type World } from './fixture.ts';
import { errorMessageOf, readOperations, urlOf, type Operation } from './catalogue.ts';
import { bodyFor, paramsFor, prepare } from './requests.ts';
import { mutatedBody, nastyBodyText, nastyString } from './nasty.ts';
import { describeChange, watchRows, type RowChange, type RowWatch, type Watched } from './row-journal.ts';

/**
 * Runs per route and kind of input (body, path, query); FUZZ_RUNS raises it for the long run. Ten keeps the everyday
 * run to a few minutes on a shared machine now that there are ~90 operations.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

/**
 * Requests one world serves before the next operation gets a fresh one. Accepted writes make the world grow (a long
 * run gives patient A thousands of medicines, and every later medicine write plans reminders for all of them): a
 * fresh world keeps each request's cost, and the run, bounded. The everyday run needs three worlds.
 */
const WORLD_REQUESTS = Number(process.env.FUZZ_WORLD_REQUESTS ?? 1_000);

/** FUZZ_ONLY (a regular expression on "METHOD /path") narrows the run to some operations, to chase one finding. */
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : new RegExp(process.env.FUZZ_ONLY);

/** A long run says how far it got after each operation (requests, heap, time): where it stalls or grows shows. */
const PROGRESS = RUNS > 10;

/**
 * Sessions come and go with sign-in and sign-out (the fuzz may hit logout); a refused password is counted by the
 * sign-in throttle on purpose; a WebAuthn challenge is used up by any answer that names it, even a refused one (one
 * use, on purpose).
 */
const NOT_COMPARED = new Set(['sessions', 'login_failures', 'webauthn_challenges']);

/** The audit trail only grows: any request may add to it, none may change or remove a row of it. */
const AUDIT = 'audit_events';

function watchedAs(table: string): Watched {
  if (table === AUDIT) {
    return 'rewrites';
  }
  return NOT_COMPARED.has(table) ? 'none' : 'all';
}

/** The changes to the audit trail among `changes`, as failure lines. */
function auditRewrites(changes: RowChange[]): string[] {
  const lost = changes.filter((change) => change.table === AUDIT);
  return lost.length === 0 ? [] : [`changed or lost audit rows: ${lost.slice(0, 2).map(describeChange).join(' | ')}`];
}

/** Leaks of insides: stack frames, driver codes, SQL. */
const INSIDES =
  /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|SQLITE_|sqlite3|syntax error at|relation "|select .{1,80} from |insert into |violates .{1,60}constraint/i;

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD, as a browser would send). */
function encodeLoosely(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

/** The body without the parts of the request it quotes back ("we do not serve <type>"): an echo is no leak. */
function withoutEcho(body: string, input: Fuzzed): string {
  let decoded = input.url;
  try {
    decoded = decodeURIComponent(input.url);
  } catch {
    // Badly encoded on purpose: compare with the raw text.
  }
  const sent = [...decoded.split(/[/?&=]/), input.payload ?? ''].filter((part) => part.length > 3);
  return sent.reduce((text, part) => text.replaceAll(part, ''), body);
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
];

interface Fuzzed {
  url: string;
  payload?: string;
  contentType?: string;
}

/**
 * "12345 requests in 600 s (heap 150 MB)": the totals a run can be quoted by. With NODE_OPTIONS=--expose-gc the heap
 * is measured after a full collection, so a run shows what it keeps (a leak) rather than what it has not freed yet.
 */
function progress(requests: number, started: number): string {
  const seconds = Math.round((Date.now() - started) / 1000);
  (globalThis as { gc?: () => void }).gc?.();
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
  return `${String(requests)} requests in ${String(seconds)} s (heap ${String(heap)} MB)`;
}

function hasBody(op: Operation): boolean {
  return op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'DELETE';
}

describe('the fuzz wall on sqlite', () => {
  let world: World;
  let operations: Operation[];
  let journal: RowWatch;
  /** Builds the world the next requests go to, and starts watching its rows. */
  async function startWorld(): Promise<void> {
    world = await buildWorld('sqlite');
    journal = await watchRows(world.t.store, watchedAs);
  }

  async function endWorld(): Promise<void> {
    await world.t.app.close();
    await closeTestStores();
  }

  /** What is wrong with the app after the fuzz: it must still answer, and still let a caller in. */
  async function stillAnswers(): Promise<string[]> {
    const problems: string[] = [];
    const health = await world.t.app.inject({ url: '/healthz' });
    if (health.statusCode !== 200) {
      problems.push(`after the fuzz /healthz answered ${String(health.statusCode)}`);
    }
    await world.refresh(world.callers.admin1);
    const me = await world.t.app.inject({ url: '/api/v1/me', headers: { cookie: world.callers.admin1.cookie ?? '' } });
    if (me.statusCode !== 200) {
      problems.push(`after the fuzz /api/v1/me answered ${String(me.statusCode)}`);
    }
    return problems;
  }

  beforeAll(async () => {
    await startWorld();
    operations = (await readOperations(world.t.app)).filter(
      (op) => !op.streaming && (ONLY === undefined || ONLY.test(op.key)),
    );
  });
  afterAll(endWorld);

  /** Sends one input and returns what is wrong with the answer or with the data afterwards (empty when all is well). */
  async function probe(op: Operation, input: Fuzzed, caller: Caller): Promise<string[]> {
    await world.refresh(caller);
    // A sign-in again may set the fixture's password back: not the fuzzed request's doing (the audit trail still is).
    const problems = auditRewrites(await journal.changes());
    const response: LightMyRequestResponse = await world.t.app.inject({
      method: op.method as 'GET',
      url: input.url,
      headers: {
        cookie: caller.cookie ?? '',
        ...(input.contentType === undefined ? {} : { 'content-type': input.contentType }),
      },
      ...(input.payload === undefined ? {} : { payload: input.payload }),
    });
    // inject() hands each answer to a fake socket that finishes writing in setImmediate callbacks, and those hold the
    // whole request and answer. A GET over synchronous SQLite completes in promise jobs alone, so a run of GETs never
    // let the event loop reach its immediates: every answer stayed in memory (a 4 GB heap ran out on the record
    // downloads of the long run). One turn of the loop per request lets them finish.
    await nextTurnOfTheLoop();
    const status = response.statusCode;
    if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) {
      problems.push(`answered ${String(status)}: ${response.body.slice(0, 200)}`);
    }
    if (status >= 400 && errorMessageOf(response.body) === undefined) {
      problems.push(`error body without a message: ${response.body.slice(0, 200)}`);
    }
    if (status >= 400 && INSIDES.test(withoutEcho(response.body, input))) {
      problems.push(`error body shows insides: ${response.body.slice(0, 300)}`);
    }
    const accepted = status < 300 && op.method !== 'GET';
    // An accepted write may change what it likes but the audit trail: only that is worth reading then.
    const changes = await journal.changes(accepted ? [AUDIT] : undefined);
    problems.push(...auditRewrites(changes));
    const stored = changes.filter((change) => change.table !== AUDIT);
    if (!accepted && stored.length > 0) {
      problems.push(
        `answered ${String(status)} but changed stored data: ${stored.slice(0, 3).map(describeChange).join(' | ')}`,
      );
    }
    return problems;
  }

  it(
    'answers every hostile input with a 2xx or a clear 4xx and keeps stored data intact',
    async () => {
      const failures: string[] = [];
      let requests = 0;
      let worlds = 1;
      let served = 0;
      const started = Date.now();
      for (const op of operations) {
        if (served >= WORLD_REQUESTS) {
          failures.push(...(await stillAnswers()).map((problem) => `before ${op.key}: ${problem}`));
          await endWorld();
          await startWorld();
          worlds += 1;
          served = 0;
        }
        const { admin1: admin, patientA: patient } = world.callers;
        // A fuzzed request may have ended a session (sign out everywhere, a new password): prepare() needs live ones.
        await world.refresh(admin);
        await world.refresh(patient);
        const prepared = await prepare(op, world, 'A');
        const params = { ...paramsFor(op, world, 'A'), ...prepared.params };
        const validBody = prepared.body ?? bodyFor(op, world, 'A').body ?? {};
        const validUrl = urlOf(op, params);
        // What prepare() made (a fresh alert…) belongs to the baseline: only the fuzzed requests are judged.
        for (const problem of auditRewrites(await journal.changes())) {
          failures.push(`${op.key} [prepare] ${problem}`);
        }
        const inputs: Record<string, fc.Arbitrary<Fuzzed>> = {};
        const bodies = fc
          .tuple(
            fc.oneof(nastyBodyText, mutatedBody(validBody)),
            fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, fc.constant(undefined)),
          )
          .map(([payload, contentType]): Fuzzed => ({ url: validUrl, payload, contentType }));
        if (hasBody(op)) {
          inputs.body = bodies;
          // The patient's own writes take other paths (check-ins, doses): hostile bodies from the patient too.
          if (op.access === 'patient-record') {
            inputs['body as patient'] = bodies;
          }
        }
        if (op.pathParams.length > 0) {
          inputs.path = fc.tuple(fc.constantFrom(...op.pathParams), nastyString).map(([name, value]) => ({
            url: op.path.replace(/\{(\w+)\}/g, (_all, param: string) =>
              encodeLoosely(param === name ? value : (params[param] ?? '')),
            ),
          }));
        }
        inputs.query = fc
          .array(fc.tuple(fc.constantFrom(...op.queryParams, '__proto__', 'constructor', 'limit', 'x'), nastyString), {
            minLength: 1,
            maxLength: 4,
          })
          .map((pairs) => ({
            url: `${validUrl}?${pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`).join('&')}`,
            ...(hasBody(op) ? { payload: JSON.stringify(validBody), contentType: 'application/json' } : {}),
          }));
        for (const [kind, arbitrary] of Object.entries(inputs)) {
          const result = await fc.check(
            fc.asyncProperty(arbitrary, async (input) => {
              requests += 1;
              served += 1;
              const problems = await probe(op, input, kind === 'body as patient' ? patient : admin);
              if (problems.length > 0) {
                throw new Error(problems.join('\n'));
              }
            }),
            { numRuns: RUNS, endOnFailure: true },
          );
          if (result.failed) {
            const input = JSON.stringify(result.counterexample?.[0]).slice(0, 300);
            failures.push(
              `${op.key} [${kind}] seed ${String(result.seed)} ${input}\n  ${String(result.errorInstance).slice(0, 500)}`,
            );
          }
        }
        if (PROGRESS) {
          console.info(`fuzz: ${progress(requests, started)} after ${op.key}`);
        }
      }
      failures.push(...(await stillAnswers()));
      console.info(
        `fuzz: ${progress(requests, started)} over ${String(operations.length)} operations, ${String(worlds)} worlds`,
      );
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(requests).toBeGreaterThanOrEqual(operations.length * RUNS);
    },
    // Generous: the route count grows, and CI machines are shared (FUZZ_RUNS=500, 109,000 requests, took 8 minutes
    // on a loaded 2-core machine).
    120_000 + RUNS * 30_000,
  );
});
