import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import {
  addNurse,
  enrolWithLogin,
  login,
  makeTestApp,
  NURSE,
  setUpAdmin,
  ADMIN,
  type TestApp,
} from '../../testing/test-app.ts';
import { everythingAsJson } from './everything.ts';

for (const dialect of DIALECTS) {
  describe(`a patient's rights over their record on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      await addNurse(t.app, admin);
    });
    afterAll(async () => {
      await t.app.close();
      await closeTestStores();
    });

    async function patientWithHistory(email: string) {
      const pat = await enrolWithLogin(t.app, admin, email, { name: `Pat ${email}` });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text: 'Blood is soaking through my bandage' },
      });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/questions`,
        headers: { cookie: pat.cookie },
        payload: { text: 'When can I run again?' },
      });
      return pat;
    }

    it('downloads everything held as one file, for the patient and an administrator only', async () => {
      const pat = await patientWithHistory('dl@example.org');
      const response = await t.app.inject({
        url: `/api/v1/patients/${pat.patientId}/download`,
        headers: { cookie: pat.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="aftercare-record-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const file = response.json<{
        format: string;
        fhir: { resourceType: string; entry: { resource: { resourceType: string } }[] };
        more: { questions: { text: string }[]; accounts: { email: string }[]; accessLog: { action: string }[] };
      }>();
      expect(file.format).toBe('aftercare-record');
      expect(file.fhir.resourceType).toBe('Bundle');
      expect(file.fhir.entry.map((e) => e.resource.resourceType)).toContain('Patient');
      expect(file.more.questions.map((q) => q.text)).toEqual(['When can I run again?']);
      expect(file.more.accounts.map((a) => a.email)).toEqual(['dl@example.org']);
      expect(file.more.accessLog.map((e) => e.action)).toContain('check-in.create');

      expect(
        (await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/download`, headers: { cookie: admin } }))
          .statusCode,
      ).toBe(200);
      const nurse = await login(t.app, NURSE.email, NURSE.password);
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/download`, headers: { cookie: nurse } }))
          .statusCode,
      ).toBe(403);
      expect((await t.store.listAudit({ patientId: pat.patientId, limit: 3 })).map((e) => e.action)).toContain(
        'patient.download',
      );
    });

    it('writes the access log page by page into the same pretty-printed JSON, every entry once', async () => {
      const pat = await patientWithHistory('pages@example.org');
      for (let look = 0; look < 4; look++) {
        await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: pat.cookie } });
      }
      const patient = await t.store.getPatient(pat.patientId);
      const audited = await t.store.listAudit({ patientId: pat.patientId, limit: 1000 });
      expect(audited.length).toBeGreaterThan(6);
      for (const pageSize of [2, 3, 1000]) {
        let text = '';
        for await (const piece of await everythingAsJson(
          t.store,
          patient!,
          t.clock.now(),
          'https://x.test',
          pageSize,
        )) {
          text += piece;
        }
        const file = JSON.parse(text) as { more: { accessLog: { id: string; ip?: unknown }[] } };
        expect(text).toBe(JSON.stringify(file, null, 2));
        expect(file.more.accessLog.map((e) => e.id)).toEqual(audited.map((e) => e.id));
        expect(file.more.accessLog.some((e) => 'ip' in e)).toBe(false);
      }
    });

    it('lets the patient erase their record after entering their password; the erasure is audited', async () => {
      const pat = await patientWithHistory('gone@example.org');
      const erase = (cookie: string, password: string) =>
        t.app.inject({
          method: 'DELETE',
          url: `/api/v1/patients/${pat.patientId}`,
          headers: { cookie },
          payload: { password },
        });
      const nurse = await login(t.app, NURSE.email, NURSE.password);
      expect((await erase(nurse, 'a long enough passphrase')).statusCode).toBe(403);
      const wrong = await erase(pat.cookie, 'not my password');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/Nothing was deleted/);
      expect(await t.store.getPatient(pat.patientId)).toBeDefined();

      const done = await erase(pat.cookie, 'patient password one');
      expect(done.statusCode).toBe(204);
      expect(done.cookies.find((c) => c.name === 'aftercare_session')?.value).toBe('');
      expect(await t.store.getPatient(pat.patientId)).toBeUndefined();
      expect(await t.store.getUserByEmail('gone@example.org')).toBeUndefined();
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: pat.cookie } })).statusCode).toBe(401);
      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit[0]).toMatchObject({ action: 'patient.delete', resourceId: pat.patientId });
      expect(audit.length).toBeGreaterThan(3);
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: admin } })).statusCode,
      ).toBe(404);
    });

    it('lets an administrator erase a record with their own password', async () => {
      const pat = await patientWithHistory('byadmin@example.org');
      const done = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/patients/${pat.patientId}`,
        headers: { cookie: admin },
        payload: { password: ADMIN.password },
      });
      expect(done.statusCode).toBe(204);
      expect(await t.store.getPatient(pat.patientId)).toBeUndefined();
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: admin } })).statusCode).toBe(200);
    });
  });
}
