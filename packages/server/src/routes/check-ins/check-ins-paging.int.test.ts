/** GET check-ins a page at a time: the cursor keeps check-ins of one instant at a page edge, and a bad one is a 400. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface CheckInPage {
  checkIns: { id: string; submittedAt: string }[];
  nextCursor: string | null;
}

interface ErrorReply {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

for (const dialect of DIALECTS) {
  describe(`check-in pages on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
    });
    afterEach(async () => {
      await t.app.close();
    });

    /** `count` check-ins, all stamped with the clock's current instant (the fake clock stands still). */
    async function sendAtOnce(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const sent = await t.app.inject({
          method: 'POST',
          url: `/api/v1/patients/${pat.patientId}/check-ins`,
          headers: { cookie: pat.cookie },
          payload: { text: `check-in ${String(i)}` },
        });
        expect(sent.statusCode).toBe(201);
      }
    }

    const list = (query: string) =>
      t.app.inject({ url: `/api/v1/patients/${pat.patientId}/check-ins?${query}`, headers: { cookie: admin } });

    it('lists every check-in once, in order, when many share the instant at the page edges', async () => {
      await sendAtOnce(3);
      t.clock.advance(60_000);
      await sendAtOnce(17);
      t.clock.advance(60_000);
      await sendAtOnce(2);

      const paged: CheckInPage['checkIns'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const from: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response = await list(`limit=4${from}`);
        expect(response.statusCode).toBe(200);
        const page = response.json<CheckInPage>();
        paged.push(...page.checkIns);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 20);

      const whole = (await list('limit=1000')).json<CheckInPage>();
      expect(whole.checkIns).toHaveLength(22);
      expect(whole.nextCursor).toBeNull();
      expect(paged.map((c) => c.id)).toEqual(whole.checkIns.map((c) => c.id));
      // 22 check-ins, 4 a page: the sixth page holds the last two and says there is nothing older.
      expect(pages).toBe(6);
      // A full page that ends on the oldest check-in gives no cursor: no empty page to ask for.
      expect((await list('limit=22')).json<CheckInPage>().nextCursor).toBeNull();
      expect((await list('limit=21')).json<CheckInPage>().nextCursor).not.toBeNull();
    });

    it('still takes the time-only `before` of older clients', async () => {
      await sendAtOnce(2);
      const first = (await list('')).json<CheckInPage>().checkIns[0];
      t.clock.advance(60_000);
      await sendAtOnce(1);
      const older = (await list(`before=${encodeURIComponent(t.clock.now().toISOString())}`)).json<CheckInPage>();
      expect(older.checkIns.map((c) => c.submittedAt)).toEqual([first?.submittedAt, first?.submittedAt]);
    });

    it('refuses a cursor it did not give with a 400 that says so', async () => {
      await sendAtOnce(3);
      const good = (await list('limit=1')).json<CheckInPage>().nextCursor ?? '';
      const forged = [
        'abc',
        Buffer.from('yesterday|not-an-id').toString('base64url'),
        Buffer.from(`2026-11-25T15:00:00.000Z|${pat.patientId}|x`).toString('base64url'),
        `${good}!`,
        'x'.repeat(5000),
        '',
      ];
      for (const cursor of forged) {
        const response = await list(`cursor=${encodeURIComponent(cursor)}`);
        expect(response.statusCode, cursor.slice(0, 40)).toBe(400);
        const body = response.json<ErrorReply>();
        expect(body.error.code).toBe('CARE_ERR_BAD_INPUT');
        expect(body.error.message).toMatch(/cursor/i);
      }
      const both = await list(`cursor=${encodeURIComponent(good)}&before=2026-11-25T15:00:00.000Z`);
      expect(both.statusCode).toBe(400);
      expect(both.json<ErrorReply>().error.message).toBe('Give either cursor or before, not both.');
      expect((await list(`cursor=${encodeURIComponent(good)}`)).statusCode).toBe(200);
    });
  });
}
