import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { appWithEnrolledPatient, enrolWithLogin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface PreferencesReply {
  preferences: {
    language: string;
    temperatureUnit: string | null;
    timeZone: string;
    country: string;
    emergencyContact: string | null;
  };
}

for (const dialect of DIALECTS) {
  describe(`patient preferences on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      ({ t, admin, pat } = await appWithEnrolledPatient(dialect));
    });
    afterEach(async () => {
      await t.app.close();
    });

    const url = () => `/api/v1/patients/${pat.patientId}/preferences`;
    const patch = (payload: Record<string, unknown>, cookie = pat.cookie) =>
      t.app.inject({ method: 'PATCH', url: url(), headers: { cookie }, payload });

    it('reads the defaults, saves a change of every field, and audits both', async () => {
      const before = await t.app.inject({ url: url(), headers: { cookie: pat.cookie } });
      expect(before.statusCode).toBe(200);
      expect(before.json<PreferencesReply>().preferences).toEqual({
        language: 'en',
        temperatureUnit: null,
        timeZone: 'America/Chicago',
        country: 'US',
        emergencyContact: null,
      });

      const saved = await patch({
        language: 'es',
        temperatureUnit: 'C',
        timeZone: 'Europe/Madrid',
        country: 'es',
        emergencyContact: '  Marta (sister) +34 600 000 000 ',
      });
      expect(saved.statusCode).toBe(200);
      const expected = {
        language: 'es',
        temperatureUnit: 'C',
        timeZone: 'Europe/Madrid',
        country: 'ES',
        emergencyContact: 'Marta (sister) +34 600 000 000',
      };
      expect(saved.json<PreferencesReply>().preferences).toEqual(expected);
      const again = await t.app.inject({ url: url(), headers: { cookie: pat.cookie } });
      expect(again.json<PreferencesReply>().preferences).toEqual(expected);
      // The patient record (care team, emergency number) follows.
      const patient = await t.store.getPatient(pat.patientId);
      expect(patient).toMatchObject({ language: 'es', timeZone: 'Europe/Madrid', country: 'ES' });

      // Only what is sent changes; an empty contact clears it.
      const partial = await patch({ emergencyContact: '' });
      expect(partial.json<PreferencesReply>().preferences).toEqual({ ...expected, emergencyContact: null });

      const actions = (await t.store.listAudit({ patientId: pat.patientId })).map((e) => e.action);
      expect(actions).toContain('preferences.update');
      expect(actions).toContain('preferences.read');
    });

    it('refuses a wrong time zone with a clear 400 and changes nothing', async () => {
      const response = await patch({ timeZone: 'Mars/Olympus_Mons', temperatureUnit: 'F' });
      expect(response.statusCode).toBe(400);
      const body = response.json<{
        error: { code: string; message: string; issues?: { path: string; message: string }[] };
      }>();
      expect(body.error.code).toBe('CARE_ERR_BAD_INPUT');
      expect(body.error.issues).toContainEqual({
        path: 'timeZone',
        message: 'Use an IANA time zone such as America/Chicago.',
      });
      expect((await t.store.getPatient(pat.patientId))?.timeZone).toBe('America/Chicago');
      expect(await t.store.getPatientPreferences(pat.patientId)).toEqual({ temperatureUnit: null });
    });

    it('refuses unknown fields, a bad country and a bad unit', async () => {
      for (const payload of [{ name: 'Someone else' }, { country: 'USA' }, { temperatureUnit: 'K' }]) {
        const response = await patch(payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
    });

    it('lets the care team fix a setting, and no other patient', async () => {
      expect((await patch({ temperatureUnit: 'F' }, admin)).statusCode).toBe(200);
      const other = await enrolWithLogin(t.app, admin, 'pat2@example.org');
      const refused = await t.app.inject({
        method: 'PATCH',
        url: url(),
        headers: { cookie: other.cookie },
        payload: { temperatureUnit: 'C' },
      });
      expect(refused.statusCode).toBe(404);
      expect(await t.store.getPatientPreferences(pat.patientId)).toEqual({ temperatureUnit: 'F' });
    });
  });
}
