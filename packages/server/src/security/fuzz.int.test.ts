/**
 * The fuzz wall: hostile bodies, path parameters and queries on every operation of the OpenAPI document, sent by a
 * caller allowed on the route. Every answer is a 2xx or a 4xx with a message (never a 5xx, a stack or SQL), the app
 * keeps answering, and what was stored is unchanged by every refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { closeTestStores } from '@aftercare/store/testing';
import { buildWorld, type Caller, type World } from './fixture.ts';
import { errorMessageOf, readOperations, urlOf, type Operation } from './catalogue.ts';
import { bodyFor, paramsFor, prepare } from './requests.ts';
import { mutatedBody, nastyBodyText, nastyString } from './nasty.ts';
import { diffDumps, dumpTables, watchChanges, type ChangeWatch, type Dump } from './table-dump.ts';

/**
 * Runs per route and kind of input (body, path, query); FUZZ_RUNS raises it for the long run. Ten keeps the everyday
 * run to a few minutes on a shared machine now that there are ~90 operations.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

/**
 * Sessions come and go with sign-in and sign-out (the fuzz may hit logout); the audit trail only grows; a refused
 * password is counted by the sign-in throttle on purpose; a WebAuthn challenge is used up by any answer that names it,
 * even a refused one (one use, on purpose).
 */
const NOT_COMPARED = new Set(['sessions', 'audit_events', 'login_failures', 'webauthn_challenges']);

const compared = (table: string): boolean => !NOT_COMPARED.has(table);
const auditOnly = (table: string): boolean => table === 'audit_events';

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

function hasBody(op: Operation): boolean {
  return op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'DELETE';
}

describe('the fuzz wall on sqlite', () => {
  let world: World;
  let operations: Operation[];
  let baseline: Dump = new Map();
  let changedTables: ChangeWatch;
  beforeAll(async () => {
    world = await buildWorld('sqlite');
    operations = (await readOperations(world.t.app)).filter((op) => !op.streaming);
    changedTables = await watchChanges(world.t.store);
  });
  afterAll(async () => {
    await world.t.app.close();
    await closeTestStores();
  });

  /** Sends one input and returns what is wrong with the answer or with the data afterwards (empty when all is well). */
  async function probe(op: Operation, input: Fuzzed, caller: Caller): Promise<string[]> {
    await world.refresh(caller);
    // A sign-in again may set the fixture's password back: part of the baseline, not of the fuzzed request.
    await absorbChanges();
    const response: LightMyRequestResponse = await world.t.app.inject({
      method: op.method as 'GET',
      url: input.url,
      headers: {
        cookie: caller.cookie ?? '',
        ...(input.contentType === undefined ? {} : { 'content-type': input.contentType }),
      },
      ...(input.payload === undefined ? {} : { payload: input.payload }),
    });
    const problems: string[] = [];
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
    const changed = await absorbChanges();
    if (!accepted && changed.length > 0) {
      problems.push(`answered ${String(status)} but changed stored data: ${changed.slice(0, 3).join(' | ')}`);
    }
    return problems;
  }

  /** Dumps the compared tables written to since the last look, moves them into the baseline, returns the differences. */
  async function absorbChanges(): Promise<string[]> {
    const touched = new Set((await changedTables()).filter(compared));
    if (touched.size === 0) {
      return [];
    }
    const after = await dumpTables(world.t.store, (table) => touched.has(table));
    const before: Dump = new Map([...baseline].filter(([table]) => touched.has(table)));
    for (const [table, rows] of after) {
      baseline.set(table, rows);
    }
    return diffDumps(before, after);
  }

  it(
    'answers every hostile input with a 2xx or a clear 4xx and keeps stored data intact',
    async () => {
      const failures: string[] = [];
      const { admin1: admin, patientA: patient } = world.callers;
      let requests = 0;
      for (const op of operations) {
        // A fuzzed request may have ended a session (sign out everywhere, a new password): prepare() needs live ones.
        await world.refresh(admin);
        await world.refresh(patient);
        const prepared = await prepare(op, world, 'A');
        const params = { ...paramsFor(op, world, 'A'), ...prepared.params };
        const validBody = prepared.body ?? bodyFor(op, world, 'A').body ?? {};
        const validUrl = urlOf(op, params);
        // What prepare() made (a fresh alert…) belongs to the baseline: only the fuzzed requests are judged.
        await changedTables();
        baseline = await dumpTables(world.t.store, compared);
        const auditBefore = await dumpTables(world.t.store, auditOnly);
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
              const problems = await probe(op, input, kind === 'body as patient' ? patient : admin);
              if (problems.length > 0) {
                throw new Error(problems.join('\n'));
              }
            }),
            { numRuns: RUNS, endOnFailure: true },
          );
          const auditAfter = await dumpTables(world.t.store, auditOnly);
          const auditLost = diffDumps(auditBefore, auditAfter).filter((line) => line.startsWith('audit_events -'));
          if (auditLost.length > 0) {
            failures.push(`${op.key} [${kind}] changed or lost audit rows: ${auditLost.slice(0, 2).join(' | ')}`);
          }
          if (result.failed) {
            const input = JSON.stringify(result.counterexample?.[0]).slice(0, 300);
            failures.push(
              `${op.key} [${kind}] seed ${String(result.seed)} ${input}\n  ${String(result.errorInstance).slice(0, 500)}`,
            );
          }
        }
      }
      expect((await world.t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await world.refresh(world.callers.admin1);
      expect(
        (await world.t.app.inject({ url: '/api/v1/me', headers: { cookie: world.callers.admin1.cookie ?? '' } }))
          .statusCode,
      ).toBe(200);
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(requests).toBeGreaterThan(operations.length * RUNS);
      console.info(`fuzz: ${String(requests)} requests over ${String(operations.length)} operations`);
    },
    // Generous: the route count grows, and CI machines are shared (~4,000 requests took 6 minutes under load).
    120_000 + RUNS * 30_000,
  );
});
