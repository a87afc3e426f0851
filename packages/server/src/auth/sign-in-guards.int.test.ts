/** The sign-in guards end to end: the per-account growing delay (in the database) and the cross-site write check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { buildApp } from '../app.ts';
import { ADMIN, makeTestApp, setUpAdmin, type TestApp } from '../testing/test-app.ts';
import { FREE_FAILURES, MAX_WAIT_SECONDS, readableWait, waitSeconds } from './login-throttle.ts';

describe('the wait after failed sign-ins', () => {
  it('is none for the first few, then doubles up to a cap', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => waitSeconds(i))).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(waitSeconds)).toEqual([2, 4, 8, 16]);
    expect(waitSeconds(40)).toBe(MAX_WAIT_SECONDS);
    expect(readableWait(1)).toBe('1 second');
    expect(readableWait(16)).toBe('16 seconds');
    expect(readableWait(61)).toBe('2 minutes');
  });
});

for (const dialect of DIALECTS) {
  describe(`per-account sign-in throttle on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeTestApp(dialect);
      await setUpAdmin(t.app);
    });
    afterAll(async () => {
      await t.app.close();
      await closeTestStores();
    });

    const attempt = (password: string, app = t.app) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ADA@example.org', password } });

    it('makes each try after five failures wait longer, across processes, and forgets on success', async () => {
      for (let i = 0; i < FREE_FAILURES; i += 1) {
        expect((await attempt('wrong password here')).statusCode).toBe(401);
      }
      const limited = await attempt(ADMIN.password);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('2');
      expect(limited.json()).toMatchObject({
        error: { code: 'CARE_ERR_RATE_LIMITED', message: expect.stringMatching(/Wait 2 seconds/) as unknown },
      });

      // A second server process over the same database sees the same count.
      const other = await buildApp({ store: t.store, clock: t.clock, config: t.config, logger: false });
      await other.ready();
      expect((await attempt(ADMIN.password, other)).statusCode).toBe(429);
      t.clock.advance(2_000);
      expect((await attempt('still wrong password', other)).statusCode).toBe(401);
      const longer = await attempt(ADMIN.password);
      expect(longer.statusCode).toBe(429);
      expect(longer.headers['retry-after']).toBe('4');
      await other.close();

      t.clock.advance(4_000);
      expect((await attempt(ADMIN.password)).statusCode).toBe(200);
      // Success cleared the count: the next mistake is free again.
      expect((await attempt('wrong password here')).statusCode).toBe(401);
      expect((await attempt(ADMIN.password)).statusCode).toBe(200);
    });

    it('counts an e-mail without an account the same way (no hint that it does not exist)', async () => {
      const stranger = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'nobody@example.org', password: 'wrong password here' },
        });
      for (let i = 0; i < FREE_FAILURES; i += 1) {
        expect((await stranger()).statusCode).toBe(401);
      }
      expect((await stranger()).statusCode).toBe(429);
    });
  });
}

describe('cross-site writes', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeTestApp('sqlite', { publicUrl: 'https://care.example.org' });
    cookie = await setUpAdmin(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await closeTestStores();
  });

  const post = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { cookie, host: 'localhost:8080', ...headers },
      payload: { name: 5 },
    });

  it('refuses a write whose Origin is another site, or that the browser marks cross-site', async () => {
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example.com' },
      { origin: 'null' },
      { origin: 'http://care.example.org' },
      { origin: 'https://care.example.org.evil.com' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://care.example.org', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      const response = await post(headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json()).toMatchObject({
        error: { code: 'CARE_ERR_CROSS_SITE', message: expect.stringMatching(/another website/) as unknown },
      });
    }
    expect(await t.store.listPatients((await t.store.getUserByEmail(ADMIN.email))?.orgId ?? '')).toEqual([]);
  });

  it('lets our own origins through, and clients that send no Origin (the CLI, API scripts)', async () => {
    const allowed: Record<string, string>[] = [
      {},
      { origin: 'https://care.example.org' },
      { origin: 'http://localhost:8080' },
      { origin: 'https://care.example.org', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
    ];
    for (const headers of allowed) {
      // Past the origin check, the invalid body is refused by validation: 400, not 403.
      expect((await post(headers)).statusCode, JSON.stringify(headers)).toBe(400);
    }
    const read = await t.app.inject({
      url: '/api/v1/me',
      headers: { cookie, origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });
});
