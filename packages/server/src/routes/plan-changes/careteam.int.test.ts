/**
 * The care team's side end to end over the API: enrolment with edited plan items, plan edits that the patient sees as
 * plan changes, closing the follow-up, unread messages both ways, and a read-only caregiver.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { closeTestStores, DIALECTS, openTestStore } from '@aftercare/store/testing';
import { buildApp } from '../../app.ts';
import { FakeClock } from '../../clock.ts';
import { defaultConfig } from '../../config.ts';
import { createInProcessEventBus, type CareEvent } from '../../events/event-bus.ts';
import { createAccount } from '../../services/accounts.ts';
import type { App } from '../../http/types.ts';
import { enrolWithLogin, login, PATIENT_INPUT, sessionCookie, setUpAdmin } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

const PASSWORD = 'a long enough passphrase';

for (const dialect of DIALECTS) {
  describe(`the care team's plan, messages and caregivers on ${dialect}`, () => {
    let app: App;
    let clock: FakeClock;
    let admin: string;
    let events: CareEvent[];
    let store: Awaited<ReturnType<typeof openTestStore>>;

    beforeEach(async () => {
      store = await openTestStore(dialect);
      clock = new FakeClock('2026-11-25T15:00:00.000Z');
      const bus = createInProcessEventBus();
      events = [];
      app = await buildApp({
        store,
        clock,
        config: { ...defaultConfig, webDistDir: '/nonexistent/aftercare-web-dist', loginRateLimit: 1000 },
        logger: false,
        events: bus,
      });
      await app.ready();
      admin = await setUpAdmin(app);
      const me = (await app.inject({ url: '/api/v1/me', headers: { cookie: admin } })).json<{
        user: { orgId: string };
      }>();
      bus.subscribe(me.user.orgId, (event) => events.push(event));
    });
    afterEach(async () => {
      await app.close();
    });

    const call = (
      cookie: string,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
    ): Promise<LightMyRequestResponse> =>
      app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });

    /** A second organisation's admin, made below the API (setup makes only the first). */
    async function otherOrgAdmin(): Promise<string> {
      const org = await store.createOrganisation('Other Centre', clock.now().toISOString());
      await createAccount(
        store,
        { orgId: org.id, name: 'Eve', email: 'eve@example.org', password: PASSWORD, role: 'admin' },
        clock.now(),
      );
      return login(app, 'eve@example.org', PASSWORD);
    }

    it('enrols with edited medicines, an allergy, a visit and a return-to-work date', async () => {
      const response = await call(admin, 'POST', '/api/v1/patients', {
        ...PATIENT_INPUT,
        returnToWork: 'Desk work after 3 days',
        returnToWorkDate: '2026-11-24',
        medications: [
          {
            name: 'Acetaminophen',
            kind: 'over-the-counter',
            amount: '1 g',
            timing: { type: 'as-needed', minIntervalHours: 8, maxPerDay: 3 },
            reason: 'Hip pain',
            startDate: '2026-11-19',
            endDate: null,
            planItem: 'pain-relief',
          },
        ],
        allergies: [{ substance: 'Penicillin', reaction: 'Hives' }],
        appointments: [{ withWhom: 'primary-care', reason: 'wound-check', startsAt: '2026-11-27T15:00:00Z' }],
      });
      expect(response.statusCode).toBe(201);
      const id = response.json<{ patient: { id: string } }>().patient.id;
      const read: unknown = (await call(admin, 'GET', `/api/v1/patients/${id}`)).json();
      expect(read).toMatchObject({
        enrolment: { returnToWork: 'Desk work after 3 days', returnToWorkDate: '2026-11-24' },
        followUp: { closedAt: null },
      });
      const record = (await call(admin, 'GET', `/api/v1/patients/${id}/record`)).json<{
        medications: { amount: string; timing: { type: string } }[];
        allergies: { substance: string }[];
        appointments: { reason: string }[];
        planChanges: unknown[];
      }>();
      expect(record.medications).toMatchObject([{ amount: '1 g', timing: { type: 'as-needed' } }]);
      expect(record.allergies).toMatchObject([{ substance: 'Penicillin' }]);
      expect(record.appointments).toMatchObject([{ reason: 'wound-check' }]);
      // What was set at enrolment is the plan itself, not a change to it.
      expect(record.planChanges).toEqual([]);
    });

    it('shows every team change to the patient once, with who made it, until "Got it"', async () => {
      const pat = await enrolWithLogin(app, admin, 'pat@example.org');
      const base = `/api/v1/patients/${pat.patientId}`;
      const meds = (await call(pat.cookie, 'GET', `${base}/medications`)).json<{
        medications: { id: string; planItem: string | null; amount: string }[];
      }>().medications;
      const pain = meds.find((m) => m.planItem === 'pain-relief')!;
      // The patient's own edits are not news to them.
      expect(
        (await call(pat.cookie, 'POST', `${base}/allergies`, { substance: 'Latex', reaction: '' })).statusCode,
      ).toBe(201);
      clock.advance(60_000);
      expect((await call(admin, 'PATCH', `${base}/medications/${pain.id}`, { amount: '2 tablets' })).statusCode).toBe(
        200,
      );
      const allergy = (await call(admin, 'POST', `${base}/allergies`, { substance: 'Iodine', reaction: 'Rash' })).json<{
        allergy: { id: string };
      }>().allergy;
      expect((await call(admin, 'DELETE', `${base}/allergies/${allergy.id}`)).statusCode).toBe(204);
      const visit = (
        await call(admin, 'POST', `${base}/appointments`, {
          withWhom: 'hematologist',
          reason: 'blood-tests',
          startsAt: '2026-11-30T15:00:00Z',
        })
      ).json<{ appointment: { id: string } }>().appointment;
      const moved = await call(admin, 'PATCH', `${base}/appointments/${visit.id}`, {
        startsAt: '2026-12-01T15:00:00Z',
        location: 'Clinic B',
      });
      expect(moved.json()).toMatchObject({
        appointment: { startsAt: '2026-12-01T15:00:00.000Z', location: 'Clinic B' },
      });
      const cancelled = await call(admin, 'PATCH', `${base}/appointments/${visit.id}`, { cancelled: true });
      expect(cancelled.json<{ appointment: { cancelledAt: string | null } }>().appointment.cancelledAt).not.toBeNull();
      const enrolment = await call(admin, 'PATCH', `${base}/enrolment`, {
        returnToWork: 'Light work next week',
        returnToWorkDate: '2026-12-01',
      });
      expect(enrolment.json()).toMatchObject({ enrolment: { returnToWorkDate: '2026-12-01' } });

      const feed = (await call(pat.cookie, 'GET', `${base}/plan-changes`)).json<{
        changes: {
          kind: string;
          details: Record<string, unknown>;
          by: { name: string; role: string };
          unseen: boolean;
        }[];
        unseen: number;
      }>();
      expect(feed.changes.map((c) => c.kind)).toEqual(
        expect.arrayContaining([
          'medicine-changed',
          'allergy-added',
          'allergy-removed',
          'visit-added',
          'visit-changed',
          'visit-cancelled',
          'return-to-work-changed',
        ]),
      );
      expect(feed.changes).toHaveLength(7);
      expect(feed.unseen).toBe(7);
      expect(feed.changes.find((c) => c.kind === 'medicine-changed')).toMatchObject({
        by: { name: 'Ada Admin', role: 'admin' },
        details: { before: { amount: pain.amount }, after: { amount: '2 tablets' } },
      });
      expect((await call(pat.cookie, 'POST', `${base}/plan-changes/seen`)).statusCode).toBe(204);
      expect((await call(pat.cookie, 'GET', `${base}/plan-changes`)).json()).toMatchObject({ unseen: 0 });
      clock.advance(60_000);
      await call(admin, 'POST', `${base}/medications/${pain.id}/stop`);
      const after = (await call(pat.cookie, 'GET', `${base}/plan-changes`)).json<{
        unseen: number;
        changes: { kind: string; unseen: boolean }[];
      }>();
      expect(after.unseen).toBe(1);
      expect(after.changes[0]).toMatchObject({ kind: 'medicine-stopped', unseen: true });
      // The team's own changes are never "unseen" by the one who made them.
      expect((await call(admin, 'GET', `${base}/plan-changes`)).json()).toMatchObject({ unseen: 0 });
      expect((await call(pat.cookie, 'PATCH', `${base}/enrolment`, { returnToWork: 'x' })).statusCode).toBe(403);
    });

    it('closes the follow-up: off the default dashboard, on the closed filter, and reopens', async () => {
      const pat = await enrolWithLogin(app, admin, 'pat@example.org');
      const base = `/api/v1/patients/${pat.patientId}`;
      const closed = await call(admin, 'POST', `${base}/close`, { reason: 'recovered', note: 'Feels well' });
      expect(closed.json()).toMatchObject({
        followUp: { closedAt: clock.now().toISOString(), reason: 'recovered', note: 'Feels well' },
      });
      expect((await call(admin, 'POST', `${base}/close`, { reason: 'other' })).statusCode).toBe(409);
      expect((await call(pat.cookie, 'GET', base)).json()).toMatchObject({
        followUp: { closedAt: clock.now().toISOString() },
      });
      const ids = async (query: string) =>
        (await call(admin, 'GET', `/api/v1/dashboard${query}`))
          .json<{ rows: { patient: { id: string } }[] }>()
          .rows.map((r) => r.patient.id);
      expect(await ids('')).toEqual([]);
      expect(await ids('?closed=true')).toEqual([pat.patientId]);
      expect((await call(pat.cookie, 'POST', `${base}/close`, { reason: 'recovered' })).statusCode).toBe(403);
      clock.advance(60_000);
      expect((await call(admin, 'POST', `${base}/reopen`)).json()).toMatchObject({ followUp: { closedAt: null } });
      expect(await ids('')).toEqual([pat.patientId]);
      const kinds = (await call(pat.cookie, 'GET', `${base}/plan-changes`)).json<{ changes: { kind: string }[] }>();
      expect(kinds.changes.map((c) => c.kind)).toEqual(['follow-up-reopened', 'follow-up-closed']);
    });

    it('counts unread messages on both sides and tells the team of a new patient message (ids only)', async () => {
      const pat = await enrolWithLogin(app, admin, 'pat@example.org');
      const base = `/api/v1/patients/${pat.patientId}`;
      expect(
        (await call(pat.cookie, 'POST', `${base}/messages`, { body: 'Is a little bleeding normal?' })).statusCode,
      ).toBe(201);
      expect(events.filter((e) => e.type === 'message.created')).toEqual([
        {
          type: 'message.created',
          orgId: expect.any(String) as unknown,
          patientId: pat.patientId,
          alertId: null,
          checkInId: null,
          at: clock.now().toISOString(),
        },
      ]);
      const row = async () =>
        (await call(admin, 'GET', '/api/v1/dashboard')).json<{ rows: { unreadMessages: number }[] }>().rows[0];
      expect(await row()).toMatchObject({ unreadMessages: 1 });
      expect((await call(admin, 'GET', `${base}/record`)).json()).toMatchObject({ unreadMessages: 1 });
      expect((await call(admin, 'GET', `${base}/messages`)).json()).toMatchObject({ unread: 1 });
      clock.advance(1000);
      expect((await call(admin, 'POST', `${base}/messages/read`)).statusCode).toBe(204);
      expect(await row()).toMatchObject({ unreadMessages: 0 });
      clock.advance(1000);
      await call(admin, 'POST', `${base}/messages`, { body: 'A little is normal. Call if it soaks the bandage.' });
      expect(events.filter((e) => e.type === 'message.created')).toHaveLength(1);
      expect((await call(pat.cookie, 'GET', `${base}/messages`)).json()).toMatchObject({ unread: 1 });
      clock.advance(1000);
      await call(pat.cookie, 'POST', `${base}/messages/read`);
      expect((await call(pat.cookie, 'GET', `${base}/messages`)).json()).toMatchObject({ unread: 0 });
    });

    it('lets the patient invite a read-only caregiver, see them and remove them', async () => {
      const pat = await enrolWithLogin(app, admin, 'pat@example.org', { name: 'Rosa Díaz' });
      const base = `/api/v1/patients/${pat.patientId}`;
      const made = await call(pat.cookie, 'POST', `${base}/caregiver-invites`);
      expect(made.statusCode).toBe(201);
      const invite = made.json<{ invite: { url: string; code: string } }>().invite;
      const token = invite.url.split('/').at(-1)!;
      expect((await app.inject({ url: `/api/v1/invites/${token}` })).json()).toMatchObject({
        patientFirstName: 'Rosa',
        role: 'caregiver',
      });
      const joined = await app.inject({
        method: 'POST',
        url: '/api/v1/invites/accept',
        payload: {
          code: invite.code,
          name: 'Tomás Díaz',
          email: 'tomas@example.org',
          password: 'caregiver pass phrase',
          language: 'es',
          timeZone: 'Europe/Madrid',
          country: 'ES',
        },
      });
      expect(joined.statusCode).toBe(201);
      expect(joined.json()).toMatchObject({
        user: { role: 'caregiver', patientId: pat.patientId, name: 'Tomás Díaz', language: 'es' },
      });
      const carer = sessionCookie(joined);
      // The patient's own settings stay as they were.
      expect((await call(admin, 'GET', base)).json()).toMatchObject({
        patient: { timeZone: 'America/Chicago', country: 'US', language: 'en' },
      });
      for (const path of [
        '',
        '/medications',
        '/appointments',
        '/check-ins',
        '/plan-changes',
        '/messages',
        '/caregivers',
      ]) {
        expect((await call(carer, 'GET', `${base}${path}`)).statusCode, path).toBe(200);
      }
      const writes: [method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: object][] = [
        ['POST', '/check-ins', { text: 'She feels fine' }],
        ['POST', '/messages', { body: 'Hello' }],
        ['POST', '/allergies', { substance: 'Latex', reaction: '' }],
        ['POST', '/questions', { text: 'When can she drive?' }],
        ['POST', '/caregiver-invites'],
      ];
      for (const [method, path, body] of writes) {
        const refused = await call(carer, method, `${base}${path}`, body);
        expect(refused.statusCode, path).toBe(403);
      }
      // Marking what one has read is not a change to the plan.
      expect((await call(carer, 'POST', `${base}/plan-changes/seen`)).statusCode).toBe(204);
      expect((await call(carer, 'POST', `${base}/messages/read`)).statusCode).toBe(204);
      expect((await call(carer, 'GET', '/api/v1/dashboard')).statusCode).toBe(403);

      const list = (await call(pat.cookie, 'GET', `${base}/caregivers`)).json<{
        caregivers: { id: string; name: string }[];
      }>();
      expect(list.caregivers).toMatchObject([{ name: 'Tomás Díaz' }]);
      const carerId = list.caregivers[0]!.id;
      expect((await call(pat.cookie, 'DELETE', `${base}/caregivers/${carerId}`)).statusCode).toBe(204);
      expect((await call(carer, 'GET', base)).statusCode).toBe(401);
      expect((await call(pat.cookie, 'GET', `${base}/caregivers`)).json()).toEqual({ caregivers: [] });
      expect((await call(pat.cookie, 'DELETE', `${base}/caregivers/${carerId}`)).statusCode).toBe(404);
    });

    it("keeps all of it from another organisation's team (404) and patients from each other", async () => {
      const pat = await enrolWithLogin(app, admin, 'pat@example.org');
      const other = await enrolWithLogin(app, admin, 'other@example.org');
      const eve = await otherOrgAdmin();
      const base = `/api/v1/patients/${pat.patientId}`;
      const visit = (
        await call(admin, 'POST', `${base}/appointments`, {
          withWhom: 'hematologist',
          reason: 'blood-tests',
          startsAt: '2026-11-30T15:00:00Z',
        })
      ).json<{ appointment: { id: string } }>().appointment;
      const allergy = (await call(admin, 'POST', `${base}/allergies`, { substance: 'Iodine', reaction: '' })).json<{
        allergy: { id: string };
      }>().allergy;
      const teamOnly = new Set(['/enrolment', '/close', '/reopen']);
      const calls: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: object][] = [
        ['GET', '/plan-changes'],
        ['POST', '/plan-changes/seen'],
        ['PATCH', '/enrolment', { returnToWork: 'x' }],
        ['POST', '/close', { reason: 'recovered' }],
        ['POST', '/reopen'],
        ['PATCH', `/appointments/${visit.id}`, { cancelled: true }],
        ['DELETE', `/allergies/${allergy.id}`],
        ['GET', '/messages'],
        ['POST', '/messages/read'],
        ['POST', '/caregiver-invites'],
        ['GET', '/caregivers'],
      ];
      for (const [method, path, body] of calls) {
        expect((await call(eve, method, `${base}${path}`, body)).statusCode, `eve ${method} ${path}`).toBe(404);
        // Another patient: never found, and team-only routes refuse any patient first.
        expect((await call(other.cookie, method, `${base}${path}`, body)).statusCode, `other ${method} ${path}`).toBe(
          teamOnly.has(path) ? 403 : 404,
        );
      }
      // Nothing changed underneath.
      expect((await call(admin, 'GET', base)).json()).toMatchObject({ followUp: { closedAt: null } });
      expect((await call(admin, 'GET', `${base}/plan-changes`)).json<{ changes: unknown[] }>().changes).toHaveLength(2);
      expect((await call(eve, 'GET', '/api/v1/dashboard?closed=true')).json<{ rows: unknown[] }>().rows).toEqual([]);
      // A visit or allergy of another patient cannot be reached through one's own record either.
      expect(
        (await call(other.cookie, 'DELETE', `/api/v1/patients/${other.patientId}/allergies/${allergy.id}`)).statusCode,
      ).toBe(404);
      expect(
        (
          await call(other.cookie, 'PATCH', `/api/v1/patients/${other.patientId}/appointments/${visit.id}`, {
            cancelled: true,
          })
        ).statusCode,
      ).toBe(404);
    });
  });
}
