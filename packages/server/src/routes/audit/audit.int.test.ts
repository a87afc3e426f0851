import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import {
  addNurse,
  enrolWithLogin,
  login,
  makeTestApp,
  NURSE,
  setUpAdmin,
  type TestApp,
} from '../../testing/test-app.ts';

interface AdminPage {
  entries: {
    action: string;
    patientId: string | null;
    patientName: string | null;
    ip: string | null;
    actor: { name: string | null } | null;
  }[];
  nextBefore: string | null;
}

interface AccessPage {
  entries: {
    action: string;
    resourceType: string;
    actor: { name: string | null; role: string | null; you: boolean } | null;
  }[];
  nextBefore: string | null;
}

for (const dialect of DIALECTS) {
  describe(`the audit trail's readers on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeAll(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      await addNurse(t.app, admin);
      pat = await enrolWithLogin(t.app, admin, 'pat@example.org', { name: 'Pat Quill' });
      const nurse = await login(t.app, NURSE.email, NURSE.password);
      await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: nurse } });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text: 'I feel fine' },
      });
    });
    afterAll(async () => {
      await t.app.close();
      await closeTestStores();
    });

    it('gives an administrator the filtered, paged trail of the organisation, and no one else', async () => {
      const all = await t.app.inject({ url: '/api/v1/audit?limit=500', headers: { cookie: admin } });
      expect(all.statusCode).toBe(200);
      const page = all.json<AdminPage>();
      expect(page.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['patient.read', 'check-in.create']));
      expect(page.entries.find((e) => e.action === 'patient.read')).toMatchObject({
        patientName: 'Pat Quill',
        actor: { name: 'Cleo Nurse' },
      });

      const filtered = await t.app.inject({
        url: `/api/v1/audit?action=check-in.create&patientId=${pat.patientId}&from=2026-01-01T00:00:00Z`,
        headers: { cookie: admin },
      });
      expect(filtered.json<AdminPage>().entries.map((e) => e.action)).toEqual(['check-in.create']);

      const seen: string[] = [];
      let url = '/api/v1/audit?limit=2';
      for (let i = 0; i < 50; i += 1) {
        const next = (await t.app.inject({ url, headers: { cookie: admin } })).json<AdminPage>();
        seen.push(...next.entries.map((e) => e.action));
        if (next.nextBefore === null) {
          break;
        }
        url = `/api/v1/audit?limit=2&before=${encodeURIComponent(next.nextBefore)}`;
      }
      // Paging saw the first page's events and the reads of the trail itself, each once.
      expect(seen.length).toBeGreaterThanOrEqual(page.entries.length);

      for (const bad of ['from=yesterday', 'limit=0', 'limit=9999', 'before=abc']) {
        const refused = await t.app.inject({ url: `/api/v1/audit?${bad}`, headers: { cookie: admin } });
        expect(refused.statusCode, bad).toBe(400);
      }
      expect((await t.app.inject({ url: '/api/v1/audit', headers: { cookie: pat.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
    });

    it('shows the patient who looked at their record: names and roles, never an address', async () => {
      const response = await t.app.inject({
        url: `/api/v1/patients/${pat.patientId}/access-log`,
        headers: { cookie: pat.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('127.0.0.1');
      const entries = response.json<AccessPage>().entries;
      expect(entries).toContainEqual(
        expect.objectContaining({
          action: 'patient.read',
          actor: { name: 'Cleo Nurse', role: 'clinician', you: false },
        }),
      );
      expect(entries).toContainEqual(
        expect.objectContaining({
          action: 'check-in.create',
          actor: expect.objectContaining({ you: true }) as unknown,
        }),
      );
      const other = await enrolWithLogin(t.app, admin, 'other@example.org', { name: 'Other Person' });
      const refused = await t.app.inject({
        url: `/api/v1/patients/${pat.patientId}/access-log`,
        headers: { cookie: other.cookie },
      });
      expect(refused.statusCode).toBe(404);
    });
  });
}
