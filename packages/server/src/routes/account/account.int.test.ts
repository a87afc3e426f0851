import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { ADMIN, login, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`account security on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeTestApp(dialect);
      await setUpAdmin(t.app);
    });
    afterAll(async () => {
      await t.app.close();
      await closeTestStores();
    });

    const change = (cookie: string, currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie },
        payload: { currentPassword, newPassword },
      });
    const alive = async (cookie: string) =>
      (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode === 200;

    it('changes the password after checking the current one, ends the other sessions, keeps this one', async () => {
      const here = await login(t.app, ADMIN.email, ADMIN.password);
      const elsewhere = await login(t.app, ADMIN.email, ADMIN.password);

      const wrong = await change(here, 'not the password', 'a brand new passphrase');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ error: { issues: [{ path: 'currentPassword' }] } });

      const common = await change(here, ADMIN.password, 'Password1234');
      expect(common.statusCode).toBe(400);
      expect(common.json()).toMatchObject({ error: { issues: [{ path: 'newPassword' }] } });
      expect(common.json<{ error: { message: string } }>().error.message).toMatch(/too common/);
      const long = await change(here, ADMIN.password, 'word '.repeat(26));
      expect(long.json<{ error: { message: string } }>().error.message).toMatch(/at most 128/);
      expect(await alive(elsewhere)).toBe(true);

      expect((await change(here, ADMIN.password, 'a brand new passphrase')).statusCode).toBe(204);
      expect(await alive(here)).toBe(true);
      expect(await alive(elsewhere)).toBe(false);
      const old = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ADMIN.email, password: ADMIN.password },
      });
      expect(old.statusCode).toBe(401);
      await login(t.app, ADMIN.email, 'a brand new passphrase');
      expect((await t.store.listAudit({ limit: 5 })).map((e) => e.action)).toContain('account.password.change');
      expect((await change(here, 'a brand new passphrase', ADMIN.password)).statusCode).toBe(204);
    });

    it('signs out everywhere: every session ends and the cookie is cleared', async () => {
      const one = await login(t.app, ADMIN.email, ADMIN.password);
      const two = await login(t.app, ADMIN.email, ADMIN.password);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out-everywhere',
        headers: { cookie: one },
      });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'aftercare_session')?.value).toBe('');
      expect(await alive(one)).toBe(false);
      expect(await alive(two)).toBe(false);
      expect((await t.store.listAudit({ limit: 3 })).map((e) => e.action)).toContain('session.end-all');
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere' })).statusCode).toBe(401);
    });
  });
}
