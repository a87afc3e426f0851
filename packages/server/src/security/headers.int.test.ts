/** The header wall: security headers on pages and API answers, session cookie flags, and error bodies without insides. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { closeTestStores } from '@aftercare/store/testing';
import { ADMIN, makeTestApp, setUpAdmin, type TestApp } from '../testing/test-app.ts';
import { errorMessageOf } from './catalogue.ts';

const INSIDES =
  /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|SQLITE_|sqlite3|syntax error at|relation "|select .{1,80} from |insert into |violates .{1,60}constraint|stack/i;

function builtWebApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-web-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  return dir;
}

function directives(response: LightMyRequestResponse): Map<string, string[]> {
  const csp = response.headers['content-security-policy'] ?? '';
  if (typeof csp !== 'string') {
    throw new Error('more than one CSP header');
  }
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

function expectHardened(response: LightMyRequestResponse, what: string): void {
  const csp = directives(response);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(csp.get('script-src-attr'), what).toEqual(["'none'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['referrer-policy'], what).toBe('no-referrer');
  expect(response.headers['x-powered-by'], what).toBeUndefined();
}

afterEach(async () => {
  await closeTestStores();
});

describe('security headers and cookies', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.app.close();
  });

  it('hardens the web page, the API and error answers over plain HTTP, without HSTS or Secure cookies', async () => {
    t = await makeTestApp('sqlite', { webDistDir: builtWebApp() });
    const page = await t.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expectHardened(page, 'page');
    const deepLink = await t.app.inject({ url: '/patients/some/where' });
    expectHardened(deepLink, 'SPA fallback');
    const api = await t.app.inject({ url: '/healthz' });
    expectHardened(api, 'API');
    const refused = await t.app.inject({ url: '/api/v1/me' });
    expect(refused.statusCode).toBe(401);
    expectHardened(refused, '401');
    for (const response of [page, api, refused]) {
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    }

    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: ADMIN });
    const cookie = setup.cookies.find((c) => c.name === 'aftercare_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expectHardened(signedIn, 'login');
    expect(signedIn.cookies.find((c) => c.name === 'aftercare_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it('sends HSTS and Secure cookies when AFTERCARE_SECURE_COOKIES is on', async () => {
    t = await makeTestApp('sqlite', { secureCookies: true });
    const api = await t.app.inject({ url: '/healthz' });
    expect(api.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expectHardened(api, 'API over TLS');
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: ADMIN });
    expect(setup.cookies.find((c) => c.name === 'aftercare_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      secure: true,
    });
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `aftercare_session=${setup.cookies[0]?.value ?? ''}` },
    });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((c) => c.name === 'aftercare_session')).toMatchObject({ secure: true, httpOnly: true });
  });

  it('answers every kind of error with a message and nothing of its insides', async () => {
    t = await makeTestApp('sqlite', { bodyLimit: 4096 });
    const cookie = await setUpAdmin(t.app);
    const headers = { cookie };
    const errors: [string, Promise<LightMyRequestResponse>][] = [
      ['404 address', t.app.inject({ url: '/api/v1/nothing-here' })],
      ['404 record', t.app.inject({ url: '/api/v1/patients/00000000-0000-4000-8000-000000000000', headers })],
      ['400 bad id', t.app.inject({ url: `/api/v1/patients/${'9'.repeat(300)}`, headers })],
      ['400 bad encoding', t.app.inject({ url: '/api/v1/patients/%E0%A4%A', headers })],
      [
        '400 bad json',
        t.app.inject({
          method: 'POST',
          url: '/api/v1/patients',
          headers: { ...headers, 'content-type': 'application/json' },
          payload: '{"name":',
        }),
      ],
      ['400 invalid', t.app.inject({ method: 'POST', url: '/api/v1/patients', headers, payload: { name: 5 } })],
      [
        '415',
        t.app.inject({
          method: 'POST',
          url: '/api/v1/patients',
          headers: { ...headers, 'content-type': 'text/plain' },
          payload: 'x',
        }),
      ],
      [
        '413',
        t.app.inject({ method: 'POST', url: '/api/v1/patients', headers, payload: { name: 'x'.repeat(10_000) } }),
      ],
      ['401', t.app.inject({ url: '/api/v1/patients' })],
    ];
    for (const [what, pending] of errors) {
      const response = await pending;
      expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, what).toBeLessThan(500);
      expect(errorMessageOf(response.body), `${what}: ${response.body}`).toEqual(expect.any(String));
      expect(response.body, what).not.toMatch(INSIDES);
      expect(response.headers['x-content-type-options'], what).toBe('nosniff');
    }

    // A database that fails underneath: a 500 that says nothing of the driver, the SQL or the code.
    await t.store.close();
    const broken = await t.app.inject({ url: '/api/v1/patients', headers });
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toEqual({ error: { code: 'CARE_ERR_INTERNAL', message: expect.any(String) as string } });
    expect(broken.body).not.toMatch(INSIDES);
  });
});
