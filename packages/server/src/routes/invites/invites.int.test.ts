import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS, openTestStore } from '@aftercare/store/testing';
import { buildApp } from '../../app.ts';
import { FakeClock } from '../../clock.ts';
import { defaultConfig } from '../../config.ts';
import { hashSecret } from '../../services/invites.ts';
import { makeTestApp, PATIENT_INPUT, sessionCookie, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface Invited {
  patientId: string;
  url: string;
  code: string;
  expiresAt: string;
  qrSvg: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const joining = (secret: { token: string } | { code: string }, email = 'pat@example.org') => ({
  ...secret,
  email,
  password: 'a long walk home',
  language: 'es',
  timeZone: 'Europe/Madrid',
  country: 'ES',
});

for (const dialect of DIALECTS) {
  describe(`patient invites on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
    });
    afterEach(async () => {
      await t.app.close();
    });

    async function enrol(): Promise<Invited> {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/patients',
        headers: { cookie: admin, host: 'care.example.org' },
        payload: PATIENT_INPUT,
      });
      expect(response.statusCode).toBe(201);
      const body = response.json<{ patient: { id: string }; invite: Omit<Invited, 'patientId'> }>();
      return { patientId: body.patient.id, ...body.invite };
    }

    const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
    const accept = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/invites/accept', payload: payload as Record<string, unknown> });

    it('enrols without a login and answers with a link, a code, a QR code and an expiry 7 days on', async () => {
      const invite = await enrol();
      expect(invite.url).toMatch(/^http:\/\/care\.example\.org\/#\/join\/[\w-]{43}$/);
      expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      expect(invite.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString());
      expect(invite.qrSvg).toMatch(/^<svg[^>]*>/);
      expect(invite.qrSvg).not.toMatch(/<script/i);
      // Only hashes are stored.
      expect(await t.store.findInviteByTokenHash(tokenOf(invite.url))).toBeUndefined();
      expect(await t.store.findInviteByTokenHash(hashSecret(tokenOf(invite.url)))).toMatchObject({ usedAt: null });
      const read = await t.app.inject({ url: `/api/v1/invites/${tokenOf(invite.url)}` });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({
        patientFirstName: 'Pat',
        language: 'en',
        timeZone: 'America/Chicago',
        country: 'US',
        expiresAt: invite.expiresAt,
        role: 'patient',
      });
      // The typed code opens the same invite, in any case and with or without the dash.
      const byCode = await t.app.inject({ url: `/api/v1/invites/${invite.code.replace('-', '').toLowerCase()}` });
      expect(byCode.json()).toMatchObject({ patientFirstName: 'Pat' });
    });

    it('lets the patient join once: login made, choices saved, signed in, audited', async () => {
      const invite = await enrol();
      const joined = await accept(joining({ token: tokenOf(invite.url) }));
      expect(joined.statusCode).toBe(201);
      expect(joined.json()).toMatchObject({
        user: { role: 'patient', patientId: invite.patientId, language: 'es', email: 'pat@example.org' },
      });
      const cookie = sessionCookie(joined);
      const me = await t.app.inject({ url: `/api/v1/patients/${invite.patientId}`, headers: { cookie } });
      expect(me.json()).toMatchObject({ patient: { language: 'es', timeZone: 'Europe/Madrid', country: 'ES' } });
      const audit = await t.store.listAudit({ patientId: invite.patientId });
      expect(audit.map((a) => a.action)).toContain('invite.accept');

      const again = await accept(joining({ token: tokenOf(invite.url) }, 'other@example.org'));
      expect(again.statusCode).toBe(410);
      expect(again.json()).toMatchObject({ error: { code: 'CARE_ERR_INVITE_GONE' } });
      expect((await t.app.inject({ url: `/api/v1/invites/${tokenOf(invite.url)}` })).statusCode).toBe(410);
      expect((await accept(joining({ code: invite.code }, 'third@example.org'))).statusCode).toBe(410);
    });

    it('lets only one of two accepts racing each other win', async () => {
      const invite = await enrol();
      const answers = await Promise.all([
        accept(joining({ token: tokenOf(invite.url) }, 'one@example.org')),
        accept(joining({ code: invite.code }, 'two@example.org')),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 410]);
      const users = (await t.store.listUsers((await t.store.getPatient(invite.patientId))?.orgId ?? '')).filter(
        (u) => u.role === 'patient',
      );
      expect(users).toHaveLength(1);
    });

    it('refuses an expired invite with 410 (fake clock)', async () => {
      const invite = await enrol();
      t.clock.advance(7 * DAY_MS);
      expect((await t.app.inject({ url: `/api/v1/invites/${tokenOf(invite.url)}` })).statusCode).toBe(410);
      expect((await accept(joining({ code: invite.code }))).statusCode).toBe(410);
    });

    it('refuses a wrong code or token with 404', async () => {
      await enrol();
      expect((await t.app.inject({ url: '/api/v1/invites/ABCD-EFGH' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/invites/${'x'.repeat(43)}` })).statusCode).toBe(404);
      const wrong = await accept(joining({ code: 'ZZZZ-ZZZZ' }));
      expect(wrong.statusCode).toBe(404);
      expect(wrong.cookies).toHaveLength(0);
    });

    it('makes a new invite on request and revokes the older one', async () => {
      const first = await enrol();
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${first.patientId}/invites`,
        headers: { cookie: admin },
      });
      expect(again.statusCode).toBe(201);
      const second = again.json<{ invite: Omit<Invited, 'patientId'> }>().invite;
      expect(second.code).not.toBe(first.code);
      expect((await accept(joining({ token: tokenOf(first.url) }))).statusCode).toBe(410);
      expect((await accept(joining({ code: second.code }))).statusCode).toBe(201);
    });

    it('refuses bad input with 4xx and leaves the invite usable', async () => {
      const invite = await enrol();
      const token = tokenOf(invite.url);
      const short = await accept({ ...joining({ token }), password: 'short' });
      expect(short.statusCode).toBe(400);
      expect((await accept({ ...joining({ token }), email: 'not-an-email' })).statusCode).toBe(400);
      expect((await accept({ ...joining({ token }), language: 'fr' })).statusCode).toBe(400);
      expect((await accept({ ...joining({ token }), timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
      expect((await accept({ ...joining({ token }), country: 'spain' })).statusCode).toBe(400);
      const noSecret: Record<string, unknown> = { ...joining({ token }) };
      delete noSecret.token;
      expect((await accept(noSecret)).statusCode).toBe(400);
      // The e-mail of an existing account: 409, and the invite still works after.
      expect((await accept(joining({ token }, 'ada@example.org'))).statusCode).toBe(409);
      expect((await accept(joining({ token }))).statusCode).toBe(201);
    });

    it('points links at the configured public address and expires after the configured days', async () => {
      const other = await makeTestApp(dialect, { inviteDays: 2, publicUrl: 'https://care.example.org' });
      try {
        const cookie = await setUpAdmin(other.app);
        const response = await other.app.inject({
          method: 'POST',
          url: '/api/v1/patients',
          headers: { cookie, host: 'evil.example.com' },
          payload: PATIENT_INPUT,
        });
        const { invite } = response.json<{ invite: { url: string; expiresAt: string } }>();
        expect(invite.url).toMatch(/^https:\/\/care\.example\.org\/#\/join\//);
        expect(invite.expiresAt).toBe(new Date(other.clock.now().getTime() + 2 * DAY_MS).toISOString());
      } finally {
        await other.app.close();
      }
    });

    it('lets only the care team make invites', async () => {
      const invite = await enrol();
      const joined = await accept(joining({ code: invite.code }));
      const cookie = sessionCookie(joined);
      const own = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${invite.patientId}/invites`,
        headers: { cookie },
      });
      expect(own.statusCode).toBe(403);
      const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/patients/${invite.patientId}/invites` });
      expect(anonymous.statusCode).toBe(401);
    });
  });
}

describe('request logs of invites', () => {
  it('never carry the link token or code from the path', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const store = await openTestStore('sqlite');
    const app = await buildApp({ store, clock: new FakeClock(), config: defaultConfig, logStream: sink });
    await app.inject({ url: '/api/v1/invites/SeCrEtToKeN_abc123' });
    await app.inject({ url: '/api/v1/invites/ABCD-EFGH?x=1' });
    await app.inject({ method: 'POST', url: '/api/v1/invites/accept', payload: {} });
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/invites/[redacted]');
    expect(logged).toContain('/api/v1/invites/accept');
    expect(logged).not.toContain('SeCrEtToKeN');
    expect(logged).not.toContain('ABCD-EFGH');
  });
});
