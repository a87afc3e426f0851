import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@aftercare/store';
import { buildApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import { defaultConfig } from '../config.ts';
import { runAftercare } from '../testing/run-cli.ts';

const PLAN_DIR = fileURLToPath(new URL('../../../plans/bone-marrow-harvest', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'aftercare-cli-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the aftercare command', () => {
  it('prints help for the command and for every verb', async () => {
    const top = await runAftercare(['--help']);
    expect(top.code).toBe(0);
    for (const verb of ['start', 'migrate', 'demo', 'triage']) {
      expect(top.stdout).toContain(verb);
    }
    for (const args of [
      ['start', '--help'],
      ['migrate', '--help'],
      ['demo', '--help'],
      ['triage', '--help'],
      ['plan', 'validate', '--help'],
    ]) {
      const run = await runAftercare(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout, args.join(' ')).toMatch(/^Usage: aftercare/);
    }
  });

  it('answers bad arguments with one line on stderr and a non-zero exit', async () => {
    for (const args of [
      ['frobnicate'],
      ['start', '--nope'],
      ['demo', '--db'],
      ['plan', 'validate'],
      ['plan', 'explode'],
      [],
    ]) {
      const run = await runAftercare(args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stdout, args.join(' ')).toBe('');
      if (args.length > 0) {
        expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      }
    }
  });

  it('validates a plan folder: OK in one line, or the problems with their paths', async () => {
    const ok = await runAftercare(['plan', 'validate', PLAN_DIR]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/^OK/);

    const broken = join(work, 'broken-plan');
    cpSync(PLAN_DIR, broken, { recursive: true });
    const plan = JSON.parse(readFileSync(join(broken, 'plan.json'), 'utf8')) as {
      settings: { feverThreshold: { unit: string } };
    };
    plan.settings.feverThreshold.unit = 'kelvin';
    writeFileSync(join(broken, 'plan.json'), JSON.stringify(plan));
    const bad = await runAftercare(['plan', 'validate', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('settings.feverThreshold.unit');

    const missing = await runAftercare(['plan', 'validate', join(work, 'no-such-dir')]);
    expect(missing.code).toBe(1);
  });

  it('triages JSON lines in order and exits 2 when a line is malformed', async () => {
    const input = [
      JSON.stringify({ text: 'I am fine, a bit sore.' }),
      'this is not json',
      JSON.stringify({ text: 'Blood soaked through my bandage' }),
      JSON.stringify({ temperature: { value: 38.4, unit: 'C' } }),
    ].join('\n');
    const run = await runAftercare(['triage'], { stdin: `${input}\n` });
    expect(run.code).toBe(2);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { disposition?: string; error?: string });
    expect(lines).toHaveLength(4);
    expect(lines[0]?.disposition).toBe('self-care');
    expect(lines[1]?.error).toBeTypeOf('string');
    expect(lines[2]?.disposition).toBe('emergency');
    expect(lines[3]?.disposition).toBe('contact-provider');

    const good = await runAftercare(['triage'], { stdin: `${JSON.stringify({ text: 'ok' })}\n` });
    expect(good.code).toBe(0);
  });

  it('loads the demo twice into one database; every printed account can sign in', async () => {
    const file = join(work, 'demo.db');
    const first = await runAftercare(['demo', '--db', file], { env: { PORT: '8080', HOST: '127.0.0.1' } });
    expect(first.code, first.stderr).toBe(0);
    const second = await runAftercare(['demo', '--db', file]);
    expect(second.code, second.stderr).toBe(0);
    const printed = JSON.parse(first.stdout) as {
      url: string;
      accounts: { role: string; email: string; password: string; patientId?: string }[];
    };
    expect(printed.url).toBe('http://127.0.0.1:8080');
    expect(printed.accounts.map((a) => a.role).sort()).toEqual(['admin', 'clinician', 'patient', 'patient', 'patient']);

    const store = await openStore({ file });
    const app = await buildApp({
      store,
      clock: systemClock,
      config: { ...defaultConfig, webDistDir: work },
      logger: false,
    });
    try {
      let clinicianCookie = '';
      for (const account of printed.accounts) {
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: account.email, password: account.password },
        });
        expect(login.statusCode, account.email).toBe(200);
        const cookie = `aftercare_session=${login.cookies.find((c) => c.name === 'aftercare_session')?.value ?? ''}`;
        if (account.role === 'clinician') {
          clinicianCookie = cookie;
        }
        if (account.patientId !== undefined) {
          const record = await app.inject({ url: `/api/v1/patients/${account.patientId}`, headers: { cookie } });
          expect(record.statusCode).toBe(200);
        }
      }
      const patients = (await app.inject({ url: '/api/v1/patients', headers: { cookie: clinicianCookie } })).json<{
        patients: { day: number; language: string; openAlerts: { contactProvider: number } }[];
      }>().patients;
      expect(patients.map((p) => p.day).sort((a, b) => a - b)).toEqual([1, 6, 20]);
      expect(patients.some((p) => p.language === 'es')).toBe(true);
      expect(patients.find((p) => p.day === 6)?.openAlerts.contactProvider).toBe(1);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
