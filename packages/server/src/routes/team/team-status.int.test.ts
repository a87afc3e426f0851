import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { enrolWithLogin, login, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';
import { hashPassword } from '../../auth/passwords.ts';

afterEach(async () => {
  await closeTestStores();
});

const CLEO = {
  name: 'Cleo Clinician',
  email: 'cleo@example.org',
  password: 'stethoscope-and-coffee',
  role: 'clinician',
};

for (const dialect of DIALECTS) {
  describe(`disabling and enabling accounts on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let cleoId: string;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      const added = await t.app.inject({
        method: 'POST',
        url: '/api/v1/team',
        headers: { cookie: admin },
        payload: CLEO,
      });
      cleoId = added.json<{ user: { id: string } }>().user.id;
    });
    afterEach(async () => {
      await t.app.close();
    });

    const post = (url: string, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie } });

    it('ends every session of a disabled account at once, refuses its sign-in, and lets it back when enabled', async () => {
      const phone = await login(t.app, CLEO.email, CLEO.password);
      const laptop = await login(t.app, CLEO.email, CLEO.password);
      expect((await t.app.inject({ url: '/api/v1/dashboard', headers: { cookie: phone } })).statusCode).toBe(200);

      const disabled = await post(`/api/v1/team/${cleoId}/disable`, admin);
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ user: { id: cleoId, disabledAt: t.clock.now().toISOString() } });
      for (const cookie of [phone, laptop]) {
        expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
      }
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: CLEO.email, password: CLEO.password },
      });
      expect(refused.statusCode).toBe(401);
      const team = (await t.app.inject({ url: '/api/v1/team', headers: { cookie: admin } })).json<{
        users: { id: string; disabledAt: string | null }[];
      }>();
      expect(team.users.find((u) => u.id === cleoId)?.disabledAt).not.toBeNull();

      const enabled = await post(`/api/v1/team/${cleoId}/enable`, admin);
      expect(enabled.json()).toMatchObject({ user: { id: cleoId, disabledAt: null } });
      await login(t.app, CLEO.email, CLEO.password);

      const actions = (await t.store.listAudit({ limit: 20 })).filter((e) => e.resourceId === cleoId);
      expect(actions.map((e) => e.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
    });

    it('disables a patient account too (its sessions end), but never the admin’s own', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: pat.cookie } })).json<{
        user: { id: string };
      }>().user;
      expect((await post(`/api/v1/team/${me.id}/disable`, admin)).statusCode).toBe(200);
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: pat.cookie } })).statusCode,
      ).toBe(401);

      const adminId = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: admin } })).json<{
        user: { id: string };
      }>().user.id;
      const self = await post(`/api/v1/team/${adminId}/disable`, admin);
      expect(self.statusCode).toBe(409);
      expect(self.json<{ error: { message: string } }>().error.message).toMatch(/own account/);
    });

    it('is for administrators of the same organisation only', async () => {
      const cleo = await login(t.app, CLEO.email, CLEO.password);
      expect((await post(`/api/v1/team/${cleoId}/disable`, cleo)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/team/${cleoId}/disable` })).statusCode).toBe(401);
      expect((await post('/api/v1/team/not-an-id/disable', admin)).statusCode).toBe(404);

      const org = await t.store.createOrganisation('Other Centre', t.clock.now().toISOString());
      const eve = await t.store.createUser(
        {
          orgId: org.id,
          email: 'eve@example.org',
          name: 'Eve',
          role: 'admin',
          passwordHash: await hashPassword('other admin password'),
          language: 'en',
          patientId: null,
        },
        t.clock.now().toISOString(),
      );
      expect((await post(`/api/v1/team/${eve.id}/disable`, admin)).statusCode).toBe(404);
      const eveCookie = await login(t.app, 'eve@example.org', 'other admin password');
      expect((await post(`/api/v1/team/${cleoId}/disable`, eveCookie)).statusCode).toBe(404);
      expect((await t.store.getUser(cleoId))?.disabledAt).toBeNull();
    });
  });
}
