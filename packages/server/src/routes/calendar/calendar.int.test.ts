import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { zonedInstant } from '@aftercare/core/schedule';
import { closeTestStores, DIALECTS, openTestStore } from '@aftercare/store/testing';
import { buildApp } from '../../app.ts';
import { FakeClock } from '../../clock.ts';
import { defaultConfig } from '../../config.ts';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

function parsedEvents(text: string): InstanceType<typeof ICAL.Event>[] {
  return new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const pathOf = (url: string): string => new URL(url).pathname;

for (const dialect of DIALECTS) {
  describe(`calendars on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let patient: { patientId: string; cookie: string };
    let other: { patientId: string; cookie: string };
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      t.clock.set('2026-10-25T15:00:00.000Z');
      admin = await setUpAdmin(t.app);
      patient = await enrolWithLogin(t.app, admin, 'renee@example.org', { name: 'Renée Núñez', language: 'es' });
      other = await enrolWithLogin(t.app, admin, 'otto@example.org', { name: 'Otto Other' });
    });
    afterEach(async () => {
      await t.app.close();
    });

    const base = (id: string) => `/api/v1/patients/${id}`;

    async function addVisit(who: { patientId: string; cookie: string }, startsAt: Date): Promise<string> {
      const response = await t.app.inject({
        method: 'POST',
        url: `${base(who.patientId)}/appointments`,
        headers: { cookie: who.cookie },
        payload: {
          withWhom: 'hematologist',
          reason: 'wound-check',
          location: 'Clínica Norte, planta 2',
          startsAt: startsAt.toISOString(),
        },
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ appointment: { id: string } }>().appointment.id;
    }

    it('gives one visit as a calendar file in Spanish, at the right instant after the clocks change, with open questions', async () => {
      // 09:00 in Chicago on 2 November, the day after daylight saving ends there: 15:00 UTC (not 14:00).
      const visitId = await addVisit(patient, zonedInstant('2026-11-02', '09:00', 'America/Chicago'));
      const ask = (text: string) =>
        t.app.inject({
          method: 'POST',
          url: `${base(patient.patientId)}/questions`,
          headers: { cookie: patient.cookie },
          payload: { text, appointmentId: visitId },
        });
      await ask('¿Puedo tomar ácido fólico y hierro?');
      const asked = (await ask('¿Cuándo vuelvo al trabajo?')).json<{ question: { id: string } }>().question.id;
      await t.app.inject({
        method: 'PATCH',
        url: `${base(patient.patientId)}/questions/${asked}`,
        headers: { cookie: patient.cookie },
        payload: { asked: true },
      });

      const response = await t.app.inject({
        url: `${base(patient.patientId)}/appointments/${visitId}/calendar.ics`,
        headers: { cookie: patient.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="visit-2026-11-02.ics"');
      const [visit, ...rest] = parsedEvents(response.body);
      expect(rest).toEqual([]);
      expect(visit?.startDate.toJSDate().toISOString()).toBe('2026-11-02T15:00:00.000Z');
      expect(visit?.uid).toBe(`appointment-${visitId}@aftercare`);
      expect(visit?.summary).toBe('Visita con su médico de la sangre (hematólogo)');
      expect(visit?.location).toBe('Clínica Norte, planta 2');
      expect(visit?.description).toContain('¿Puedo tomar ácido fólico y hierro?');
      expect(visit?.description).not.toContain('¿Cuándo vuelvo al trabajo?');
      expect(visit?.description).not.toContain('wound-check');

      const audit = await t.store.listAudit({ patientId: patient.patientId, limit: 1 });
      expect(audit[0]).toMatchObject({ action: 'appointment.calendar', resourceId: visitId });
    });

    it("answers 404 for another patient's visit through one's own record", async () => {
      const othersVisit = await addVisit(other, new Date('2026-11-03T15:00:00.000Z'));
      const response = await t.app.inject({
        url: `${base(patient.patientId)}/appointments/${othersVisit}/calendar.ics`,
        headers: { cookie: patient.cookie },
      });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Otto');
    });

    it('serves a private feed with visits and dose times, audited without an actor; a new URL or turning it off revokes the old one', async () => {
      await addVisit(patient, new Date('2026-11-03T15:00:00.000Z'));
      await t.app.inject({
        method: 'POST',
        url: `${base(patient.patientId)}/medications`,
        headers: { cookie: patient.cookie },
        payload: {
          name: 'Amoxicilina',
          kind: 'prescription',
          amount: '500 mg',
          timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
          reason: 'infección',
          startDate: '2026-10-20',
          endDate: '2026-12-31',
          planItem: null,
        },
      });
      const made = await t.app.inject({
        method: 'POST',
        url: `${base(patient.patientId)}/calendar-feed`,
        headers: { cookie: patient.cookie, host: 'care.example.org' },
        payload: { includeDoses: true },
      });
      expect(made.statusCode).toBe(201);
      const first = made.json<{ url: string; webcalUrl: string; includeDoses: boolean }>();
      expect(first.url).toMatch(/^http:\/\/care\.example\.org\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(first.webcalUrl).toBe(first.url.replace('http://', 'webcal://'));
      expect(first.includeDoses).toBe(true);

      const feed = await t.app.inject({ url: pathOf(first.url) });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const events = parsedEvents(feed.body);
      const visits = events.filter((e) => e.uid.startsWith('appointment-'));
      const doses = events.filter((e) => e.uid.startsWith('dose-'));
      expect(visits).toHaveLength(1);
      // Two a day for 14 days, from 25 October 15:00 UTC.
      expect(doses).toHaveLength(28);
      // Chicago: 08:00 is 13:00 UTC before 1 November and 14:00 UTC after.
      const starts = doses.map((e) => e.startDate.toJSDate().toISOString());
      expect(starts).toContain('2026-10-31T13:00:00.000Z');
      expect(starts).toContain('2026-11-02T14:00:00.000Z');
      expect(doses[0]?.summary).toBe('Tomar Amoxicilina (500 mg)');
      const [read] = await t.store.listAudit({ patientId: patient.patientId, limit: 1 });
      expect(read).toMatchObject({ action: 'calendar-feed.read', actorId: null, resourceType: 'calendar-feed' });

      const state = await t.app.inject({
        url: `${base(patient.patientId)}/calendar-feed`,
        headers: { cookie: patient.cookie },
      });
      expect(state.json()).toEqual({ feed: { includeDoses: true, createdAt: '2026-10-25T15:00:00.000Z' } });

      const again = await t.app.inject({
        method: 'POST',
        url: `${base(patient.patientId)}/calendar-feed`,
        headers: { cookie: patient.cookie },
        payload: {},
      });
      const second = again.json<{ url: string; includeDoses: boolean }>();
      expect(second.includeDoses).toBe(false);
      expect((await t.app.inject({ url: pathOf(first.url) })).statusCode).toBe(404);
      const visitsOnly = await t.app.inject({ url: pathOf(second.url) });
      expect(parsedEvents(visitsOnly.body).map((e) => e.uid.split('-')[0])).toEqual(['appointment']);

      const off = await t.app.inject({
        method: 'DELETE',
        url: `${base(patient.patientId)}/calendar-feed`,
        headers: { cookie: patient.cookie },
      });
      expect(off.json()).toEqual({ revoked: true });
      const gone = await t.app.inject({ url: pathOf(second.url) });
      expect(gone.statusCode).toBe(404);
      expect(gone.json<{ error: { message: string } }>().error.message).toMatch(/calendar link/);
      expect((await t.app.inject({ url: '/calendar/not-a-secret.ics' })).statusCode).toBe(404);
    });

    it('lets every signed-in person read the care-team phone, and only an admin change it', async () => {
      const read = (cookie: string) => t.app.inject({ url: '/api/v1/organisation', headers: { cookie } });
      expect((await read(patient.cookie)).json()).toMatchObject({ organisation: { phone: null } });
      const patch = (cookie: string, payload: object) =>
        t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: { cookie }, payload });
      expect((await patch(patient.cookie, { phone: '+1 555 010 0100' })).statusCode).toBe(403);
      const bad = await patch(admin, { phone: 'call me' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/phone number/);
      const saved = await patch(admin, { phone: '+1 (555) 010-0100' });
      expect(saved.statusCode).toBe(200);
      expect((await read(patient.cookie)).json()).toMatchObject({ organisation: { phone: '+1 (555) 010-0100' } });
      expect((await patch(admin, { phone: '' })).json()).toMatchObject({ organisation: { phone: null } });
    });
  });
}

describe('request logs of the calendar feed', () => {
  it('never show the secret in the URL', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const store = await openTestStore('sqlite');
    const app = await buildApp({
      store,
      clock: new FakeClock('2026-11-25T12:00:00Z'),
      config: { ...defaultConfig, webDistDir: '/nonexistent' },
      logStream: sink,
    });
    const secret = 'S3cretS3cretS3cretS3cretS3cretS3cretS3cret';
    const answer = await app.inject({ url: `/calendar/${secret}.ics` });
    await app.close();
    expect(answer.statusCode).toBe(404);
    const logged = lines.join('');
    expect(logged).toContain('/calendar/[redacted]');
    expect(logged).not.toContain(secret);
  });
});
