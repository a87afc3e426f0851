import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS, testPatient } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Opens the event stream over real HTTP; `next(type)` waits (up to 5 s) for the next event of that type. */
async function openStream(base: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, { headers: { cookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const seen: StreamEvent[] = [];
  const next = async (type: string): Promise<StreamEvent> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = seen.findIndex((event) => event.type === type);
      if (found >= 0) {
        return seen.splice(found, 1)[0]!;
      }
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(
          () => {
            reject(new Error(`no ${type} event within 5 s; saw ${JSON.stringify(seen)}`));
          },
          Math.max(0, deadline - Date.now()),
        ),
      );
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) {
        throw new Error('the stream ended');
      }
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(': '))
            .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
        );
        if (fields.event !== undefined && fields.data !== undefined) {
          seen.push({ type: fields.event, data: JSON.parse(fields.data) as Record<string, unknown> });
        }
      }
    }
  };
  return {
    response,
    next,
    close: () => {
      controller.abort();
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`live events on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let base: string;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterEach(async () => {
      // Closing the app must end open streams, or this would hang.
      await t.app.close();
    });

    it('streams the organisation’s check-ins and alerts as ids only, without health data', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const stream = await openStream(base, admin);
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

      const sent = await fetch(`${base}/api/v1/patients/${pat.patientId}/check-ins`, {
        method: 'POST',
        headers: { cookie: pat.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Blood is soaking through my bandage', temperature: { value: 38.9, unit: 'C' } }),
      });
      expect(sent.status).toBe(201);
      const { checkIn, alert } = (await sent.json()) as { checkIn: { id: string }; alert: { id: string } };

      const created = await stream.next('alert.created');
      expect(created.data).toEqual({
        patientId: pat.patientId,
        alertId: alert.id,
        checkInId: checkIn.id,
        at: t.clock.now().toISOString(),
      });
      expect((await stream.next('check-in.created')).data).toMatchObject({ checkInId: checkIn.id, alertId: null });
      expect(JSON.stringify(created)).not.toMatch(/blood|38\.9|Pat Example/i);

      const ack = await fetch(`${base}/api/v1/alerts/${alert.id}/acknowledge`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'Calling now' }),
      });
      expect(ack.status).toBe(200);
      expect((await stream.next('alert.updated')).data).toMatchObject({ alertId: alert.id });
      stream.close();
    });

    it('keeps other organisations’ events out and refuses patients and strangers', async () => {
      expect((await fetch(`${base}/api/v1/events`)).status).toBe(401);
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      expect((await fetch(`${base}/api/v1/events`, { headers: { cookie: pat.cookie } })).status).toBe(403);

      const other = await t.store.createOrganisation('Other Centre', t.clock.now().toISOString());
      const stranger = await t.store.createPatient(
        testPatient(other.id, { name: 'Stranger', procedureDate: '2026-11-20', timeZone: 'UTC' }),
        t.clock.now().toISOString(),
      );
      const stream = await openStream(base, admin);
      // An event of another organisation on the same bus, then one of ours: only ours arrives.
      await fetch(`${base}/api/v1/patients/${pat.patientId}/check-ins`, {
        method: 'POST',
        headers: { cookie: pat.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'All good' }),
      });
      const ours = await stream.next('check-in.created');
      expect(ours.data.patientId).toBe(pat.patientId);
      expect(ours.data.patientId).not.toBe(stranger.id);
      stream.close();
    });
  });
}
