import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { ADMIN, login, makeTestApp, sessionCookie, setUpAdmin, type TestApp } from './testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

for (const dialect of DIALECTS) {
  describe(`server basics on ${dialect}`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
    });
    afterEach(async () => {
      await t.app.close();
    });

    it('runs first-run setup once, then answers 409', async () => {
      expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
      const first = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: ADMIN });
      expect(first.statusCode).toBe(201);
      const body = first.json<{ user: Record<string, unknown> }>();
      expect(body.user).toMatchObject({ name: ADMIN.name, email: ADMIN.email, role: 'admin', patientId: null });
      expect(body.user).not.toHaveProperty('passwordHash');
      const cookie = first.cookies.find((c) => c.name === 'aftercare_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: false });
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...ADMIN, email: 'other@example.org' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: 'CARE_ERR_ALREADY_SET_UP' } });
      const [user] = await t.store.listUsers((body.user as { orgId: string }).orgId);
      expect(user?.passwordHash.startsWith('$argon2id$')).toBe(true);
    });

    it('rejects a short or common password at setup with the field named', async () => {
      const short = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...ADMIN, password: 'short' },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ error: { code: 'CARE_ERR_BAD_INPUT', issues: [{ path: 'password' }] } });
      const common = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { ...ADMIN, password: 'password1234' },
      });
      expect(common.statusCode).toBe(400);
    });

    it('logs in, answers /me, logs out', async () => {
      await setUpAdmin(t.app);
      expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
      const cookie = await login(t.app, ADMIN.email.toUpperCase(), ADMIN.password);
      const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ user: { email: ADMIN.email, role: 'admin' } });
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
      expect(out.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    });

    it('rotates the session id at login', async () => {
      const setupCookie = await setUpAdmin(t.app);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: setupCookie },
        payload: { email: ADMIN.email, password: ADMIN.password },
      });
      const fresh = sessionCookie(response);
      expect(fresh).not.toBe(setupCookie);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: setupCookie } })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    });

    it('gives one answer for an unknown e-mail and a wrong password', async () => {
      await setUpAdmin(t.app);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ADMIN.email, password: 'not the password' },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.org', password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json()).toMatchObject({ error: { code: 'CARE_ERR_BAD_CREDENTIALS' } });
    });

    it('ends sessions after the idle time and after the absolute lifetime', async () => {
      const idle = await setUpAdmin(t.app);
      t.clock.advance(t.config.sessionIdleMs - 1000);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: idle } })).statusCode).toBe(200);
      t.clock.advance(t.config.sessionIdleMs - 1000);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: idle } })).statusCode).toBe(200);
      t.clock.advance(t.config.sessionIdleMs + 1);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: idle } })).statusCode).toBe(401);

      const active = await login(t.app, ADMIN.email, ADMIN.password);
      const step = t.config.sessionIdleMs / 2;
      for (let spent = 0; spent + step < t.config.sessionAbsoluteMs; spent += step) {
        t.clock.advance(step);
        expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: active } })).statusCode).toBe(200);
      }
      t.clock.advance(step);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: active } })).statusCode).toBe(401);
    });

    it('refuses a disabled user, including a live session', async () => {
      const cookie = await setUpAdmin(t.app);
      const added = await t.app.inject({
        method: 'POST',
        url: '/api/v1/team',
        headers: { cookie },
        payload: {
          name: 'Cleo Clinician',
          email: 'cleo@example.org',
          password: 'clinician password',
          role: 'clinician',
        },
      });
      expect(added.statusCode).toBe(201);
      const cleo = await login(t.app, 'cleo@example.org', 'clinician password');
      expect((await t.app.inject({ url: '/api/v1/team', headers: { cookie: cleo } })).statusCode).toBe(403);
      await t.store.setUserDisabled(added.json<{ user: { id: string } }>().user.id, t.clock.now().toISOString());
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cleo } })).statusCode).toBe(401);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'cleo@example.org', password: 'clinician password' },
      });
      expect(again.statusCode).toBe(401);
    });

    it('answers bad requests with a 4xx JSON error, never a 500', async () => {
      const cases = [
        {
          method: 'POST',
          url: '/api/v1/setup',
          headers: { 'content-type': 'application/json' },
          payload: '{"name": ',
          status: 400,
        },
        {
          method: 'POST',
          url: '/api/v1/setup',
          payload: { organisationName: 42, name: [], email: 'x', password: null },
          status: 400,
        },
        {
          method: 'POST',
          url: '/api/v1/setup',
          headers: { 'content-type': 'text/plain' },
          payload: 'hello',
          status: 415,
        },
        {
          method: 'POST',
          url: '/api/v1/setup',
          headers: { 'content-type': 'application/json' },
          payload: `{"name":"${'x'.repeat(t.config.bodyLimit)}"}`,
          status: 413,
        },
        {
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"__proto__": {"x": 1}}',
          status: 400,
        },
        { method: 'GET', url: '/api/v1/nothing-here', status: 404 },
        { method: 'DELETE', url: '/api/v1/setup', status: 404 },
        { method: 'GET', url: '/api/v1/plans/no-such-plan', status: 404 },
      ] as const;
      for (const { status, ...request } of cases) {
        const response = await t.app.inject(request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(status);
        const body = response.json<{ error: { code: string; message: string } }>();
        expect(body.error.code).toMatch(/^CARE_ERR_/);
        expect(body.error.message.length).toBeGreaterThan(5);
      }
      const wrongTypes = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { organisationName: 42, name: 'A', email: 'a@example.org', password: 'long enough password' },
      });
      expect(wrongTypes.json()).toMatchObject({ error: { issues: [{ path: 'organisationName' }] } });
    });

    it('answers health and readiness', async () => {
      expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    });

    it('serves a plain page when the web app is not built, and JSON 404 under /api', async () => {
      const page = await t.app.inject({ url: '/patients/today' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('npm run build');
      expect((await t.app.inject({ url: '/api/nope' })).statusCode).toBe(404);
    });
  });
}
