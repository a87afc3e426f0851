/** The careteam store block on SQLite and PostgreSQL: return to work, closed follow-ups, plan changes, read marks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewUser, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const base: NewUser = {
    orgId: org.id,
    email: 'ana@example.org',
    name: 'Ana',
    role: 'clinician',
    passwordHash: '$argon2id$fake',
    language: 'en',
    patientId: null,
  };
  const nurse = await store.createUser(base, at(0));
  const otherNurse = await store.createUser({ ...base, email: 'bo@example.org', name: 'Bo' }, at(0));
  const newPatient = (name: string) => testPatient(org.id, { name });
  const patient = await store.createPatient(newPatient('Renée Núñez'), at(1));
  const other = await store.createPatient(newPatient('Otto Other'), at(1));
  const patientUser = await store.createUser(
    { ...base, email: 'renee@example.org', name: 'Renée', role: 'patient', patientId: patient.id },
    at(2),
  );
  return { org, nurse, otherNurse, patient, other, patientUser, base };
}

for (const dialect of DIALECTS) {
  describe(`careteam store block on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('keeps a return-to-work date on the enrolment and changes the guidance', async () => {
      const w = await seed(store);
      const enrolment = await store.createEnrolment({
        patientId: w.patient.id,
        planId: 'bone-marrow-harvest',
        planVersion: '1',
        returnToWork: 'Light work after 3 days',
        returnToWorkDate: '2026-11-23',
        enrolledAt: at(3),
        enrolledBy: w.nurse.id,
      });
      expect(enrolment.returnToWorkDate).toBe('2026-11-23');
      const changed = await store.updateEnrolment(enrolment.id, { returnToWorkDate: '2026-11-25' });
      expect(changed).toMatchObject({ returnToWork: 'Light work after 3 days', returnToWorkDate: '2026-11-25' });
      expect(await store.getEnrolment(w.patient.id)).toEqual(changed);
      const cleared = await store.updateEnrolment(enrolment.id, { returnToWork: null, returnToWorkDate: null });
      expect(cleared).toMatchObject({ returnToWork: null, returnToWorkDate: null });
      await expect(store.updateEnrolment(w.patient.id, { returnToWork: 'x' })).rejects.toMatchObject({
        code: 'CARE_ERR_NOT_FOUND',
      });
    });

    it('closes and reopens a follow-up; the dashboard lists closed patients only when asked', async () => {
      const w = await seed(store);
      const open = await store.getFollowUp(w.patient.id);
      expect(open).toEqual({ closedAt: null, closedBy: null, reason: null, note: null });
      const closed = await store.setFollowUp(w.patient.id, {
        closedAt: at(10),
        closedBy: w.nurse.id,
        reason: 'recovered',
        note: 'Back to normal',
      });
      expect(closed).toEqual({ closedAt: at(10), closedBy: w.nurse.id, reason: 'recovered', note: 'Back to normal' });
      const query = { orgId: w.org.id, quietBefore: {}, defaultQuietBefore: at(-1000) };
      const names = async (closedOnly?: boolean) =>
        (
          await store.listDashboard({ ...query, ...(closedOnly === undefined ? {} : { closed: closedOnly }) })
        ).entries.map((e) => e.patient.name);
      expect(await names()).toEqual(['Otto Other']);
      expect(await names(true)).toEqual(['Renée Núñez']);
      expect((await store.listDashboard(query)).counts.ok).toBe(1);
      await store.setFollowUp(w.patient.id, { closedAt: null, closedBy: null, reason: null, note: null });
      expect((await names()).sort()).toEqual(['Otto Other', 'Renée Núñez']);
      // The patient row itself is untouched by closing.
      expect(await store.getPatient(w.patient.id)).toEqual(w.patient);
      await expect(
        store.setFollowUp(w.nurse.id, { closedAt: null, closedBy: null, reason: null, note: null }),
      ).rejects.toMatchObject({ code: 'CARE_ERR_NOT_FOUND' });
    });

    it('keeps the dashboard counts and name search right through enrolment, renaming, closing, erasure', async () => {
      const w = await seed(store);
      // Nobody is quiet (the cutoff is before everyone's enrolment) and nobody has an alert: every patient is "ok".
      const counts = async (extra: { search?: string; closed?: boolean } = {}) =>
        (await store.listDashboard({ orgId: w.org.id, quietBefore: {}, defaultQuietBefore: at(-1000), ...extra }))
          .counts;
      const ok = async (extra: { search?: string; closed?: boolean } = {}) => (await counts(extra)).ok;
      const names = async (search: string) =>
        (
          await store.listDashboard({ orgId: w.org.id, quietBefore: {}, defaultQuietBefore: at(-1000), search })
        ).entries.map((e) => e.patient.name);
      const add = (name: string) => store.createPatient(testPatient(w.org.id, { name }), at(5));
      const lopez = await add('Garcia Lopez');
      const ana = await add('Ana García');
      const elsewhere = await store.createOrganisation('Elsewhere', at(0));
      await store.createPatient(testPatient(elsewhere.id, { name: 'Garcia Stranger' }), at(5));
      expect(await counts()).toEqual({ emergency: 0, 'contact-provider': 0, quiet: 0, ok: 4 });
      // Three letters or more go through the trigram search; fewer, and wildcards, through the plain LIKE.
      expect(await ok({ search: 'garc' })).toBe(2);
      expect((await names('GARC')).sort()).toEqual(['Ana García', 'Garcia Lopez']);
      expect(await ok({ search: 'GARCÍA' })).toBe(1);
      expect(await ok({ search: ' núñez ' })).toBe(1);
      expect(await ok({ search: 'ga' })).toBe(2);
      expect(await ok({ search: 'g%a' })).toBe(0);
      expect(await ok({ search: 'nobody here' })).toBe(0);

      await store.setFollowUp(lopez.id, { closedAt: at(10), closedBy: w.nurse.id, reason: 'recovered', note: null });
      expect(await ok()).toBe(3);
      expect(await ok({ search: 'garc' })).toBe(1);
      expect(await ok({ closed: true })).toBe(1);
      expect(await ok({ closed: true, search: 'lopez' })).toBe(1);
      await store.setFollowUp(lopez.id, { closedAt: null, closedBy: null, reason: null, note: null });
      expect(await ok()).toBe(4);
      expect(await ok({ closed: true })).toBe(0);

      await store.updatePatient(ana.id, { name: 'Ana Gómez' });
      expect(await names('garc')).toEqual(['Garcia Lopez']);
      expect(await names('gómez')).toEqual(['Ana Gómez']);

      await store.erasePatient(lopez.id);
      expect(await ok()).toBe(3);
      expect(await ok({ search: 'garc' })).toBe(0);
      expect(await ok({ search: 'lopez', closed: true })).toBe(0);
    });

    it('counts a search as it lists it: case, accents, wildcards, quotes, spaces, closed follow-ups, other teams', async () => {
      const w = await seed(store);
      // Nobody quiet, no alert: every patient listed is "ok". Names without capitals outside ASCII, whose lower case
      // is the same in both databases.
      const open = ['Ana García', 'GARCIA Lopez', 'Rita 50%_Off', 'Jo "Quote" Doe', 'Bo  Two  Spaces', "Zoë d'Arc"];
      open.push('Lio😀a Star');
      const closed = ['Eve García-Müller', 'Back\\slash Kim'];
      for (const name of [...open, ...closed]) {
        const patient = await store.createPatient(testPatient(w.org.id, { name }), at(5));
        if (closed.includes(name)) {
          await store.setFollowUp(patient.id, {
            closedAt: at(6),
            closedBy: w.nurse.id,
            reason: 'recovered',
            note: null,
          });
        }
      }
      const elsewhere = await store.createOrganisation('Elsewhere', at(0));
      for (const name of ['Garcia Stranger', 'Rita 50%_Elsewhere', 'Back\\slash Elsewhere']) {
        await store.createPatient(testPatient(elsewhere.id, { name }), at(5));
      }
      const everyone = { open: [...open, 'Renée Núñez', 'Otto Other'], closed };
      const searches = ['garc', 'GARCÍA', 'cía', 'a g', '50%', '%_o', '0%_', '"quote"', 'o "q', '"', 'o  t', "d'arc"];
      searches.push('ë d', 'h k', '\\', 'ana garcía', 'ía-m', 'ller', 'xyz', 'ga', 'ü', 'ñ', '   núñez ');
      // Two characters in three UTF-16 units (too short for trigrams), then three.
      searches.push('😀a', 'o😀A');
      // Full-text query syntax is plain text too.
      searches.push('"""', 'a*b', 'near(jo', '{open_name}: rita', 'o "quote', '^ana', '-ana', 'ana OR rita', ':');
      for (const search of searches) {
        for (const followUpClosed of [false, true]) {
          const page = await store.listDashboard({
            orgId: w.org.id,
            quietBefore: {},
            defaultQuietBefore: at(-1000),
            search,
            closed: followUpClosed,
            limit: 1000,
          });
          const expected = everyone[followUpClosed ? 'closed' : 'open']
            .filter((name) => name.toLowerCase().includes(search.trim().toLowerCase()))
            .sort();
          const listed = page.entries.map((entry) => entry.patient.name).sort();
          expect({ search, followUpClosed, listed, counted: page.counts.ok }).toEqual({
            search,
            followUpClosed,
            listed: expected,
            counted: expected.length,
          });
        }
      }
    });

    it('pages a search the same whether its matches are many (the recovery index in order) or few (read by id)', async () => {
      const w = await seed(store);
      // 1,010 matches of "walk": more than the reads by id take; "walk 10" has ten.
      const names: { name: string; procedureDate: string }[] = [];
      for (let i = 0; i < 1010; i++) {
        const name = `Walk ${String(i).padStart(4, '0')}`;
        const procedureDate = `2026-10-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
        names.push({ name, procedureDate });
        await store.createPatient(testPatient(w.org.id, { name, procedureDate }), at(5));
      }
      const inOrder = (search: string) =>
        names
          .filter(({ name }) => name.toLowerCase().includes(search))
          .sort((a, b) => b.procedureDate.localeCompare(a.procedureDate) || (a.name < b.name ? -1 : 1))
          .map(({ name }) => name);
      const page = async (search: string, offset: number, limit: number) => {
        const listed = await store.listDashboard({
          orgId: w.org.id,
          quietBefore: {},
          defaultQuietBefore: at(-1000),
          search,
          need: 'ok',
          offset,
          limit,
        });
        return { names: listed.entries.map((entry) => entry.patient.name), ok: listed.counts.ok };
      };
      for (const [search, offset, limit] of [
        ['walk', 0, 25],
        ['walk', 990, 100],
        ['walk 10', 0, 25],
        ['walk 10', 4, 3],
      ] as const) {
        const expected = inOrder(search);
        expect(await page(search, offset, limit)).toEqual({
          names: expected.slice(offset, offset + limit),
          ok: expected.length,
        });
      }
    });

    it('tells the caller the entries a page has while it reads more (PostgreSQL), and the page begins with them', async () => {
      const w = await seed(store);
      const later = await store.createPatient(testPatient(w.org.id, { name: 'Lea Later' }), at(20));
      // Renée and Otto are quiet (nothing since minute 1), Lea is not: the ok read comes after the quiet one.
      const query = { orgId: w.org.id, quietBefore: {}, defaultQuietBefore: at(10) };
      const told: string[][] = [];
      const page = await store.listDashboard(query, (ids) => told.push(ids));
      const ids = page.entries.map((entry) => entry.patient.id);
      expect(page.entries.map((entry) => entry.need)).toEqual(['quiet', 'quiet', 'ok']);
      expect(ids[2]).toBe(later.id);
      expect(page.counts).toEqual({ emergency: 0, 'contact-provider': 0, quiet: 2, ok: 1 });
      expect(told).toEqual(dialect === 'postgres' ? [ids.slice(0, 2)] : []);
      // A search reads its quiet matches early, beside the counts: then the ok read is the one waited on.
      const search = await store.listDashboard({ ...query, search: 'e' }, (ids) => told.push(ids));
      expect(search.entries.map((entry) => entry.patient.id)).toEqual(ids);
      expect(told.slice(1)).toEqual(dialect === 'postgres' ? [ids.slice(0, 2)] : []);
      // Nothing to tell: no entry on the page yet (offset), or no read left to wait on (a full page, an early read).
      const none: string[][] = [];
      for (const [more, shown] of [
        [{ offset: 2 }, 1],
        [{ limit: 2 }, 2],
        [{ need: 'ok' }, 1],
        [{ need: 'quiet' }, 2],
      ] as const) {
        const page = await store.listDashboard({ ...query, ...more }, (ids) => none.push(ids));
        expect(page.entries.length).toBe(shown);
      }
      expect(none).toEqual([]);
    });

    it("keeps each patient's latest readings for the trends through check-ins in order, late, tied and erased", async () => {
      const w = await seed(store);
      const readings = async (patientId: string) =>
        (await store.listDashboard({ orgId: w.org.id, quietBefore: {}, defaultQuietBefore: at(-1000) })).entries.find(
          (e) => e.patient.id === patientId,
        )?.recentReadings;
      // What the trends read of the latest check-ins themselves, oldest first, by the rules the summary follows.
      const fromCheckIns = async (patientId: string) =>
        (await store.listCheckIns(patientId, { limit: 7 })).reverse().map(({ payload }) => {
          type Sent = { pain?: { score?: unknown }; temperature?: { value?: unknown; unit?: unknown } };
          const { pain, temperature } = (payload ?? {}) as Sent;
          const value = temperature?.value;
          return {
            pain: typeof pain?.score === 'number' ? pain.score : null,
            temperature: typeof value === 'number' ? { value, unit: temperature?.unit === 'F' ? 'F' : 'C' } : null,
          };
        });
      const send = (patientId: string, minutes: number, payload: unknown) =>
        store.recordCheckIn({
          patientId,
          submittedAt: at(minutes),
          payload,
          triage: { disposition: 'self-care', fired: [] },
          disposition: 'self-care',
          idempotencyKey: null,
          recordedBy: w.nurse.id,
        });
      expect(await readings(w.patient.id)).toEqual([]);

      const payloads: unknown[] = [
        { pain: { score: 2 }, temperature: { value: 37.25, unit: 'C' } },
        { temperature: { value: 100.4, unit: 'F' } },
        { pain: { score: 7, medicineTaken: true } },
        { text: 'No numbers today.' },
        // Not numbers, an unknown unit, a list: read as the dashboard always read them.
        { pain: { score: '5' }, temperature: { value: 38, unit: 'K' } },
        ['pain', { score: 3 }],
        { pain: [4], temperature: { value: '39' } },
        { pain: { score: 0 }, temperature: { value: 36.6 } },
        { pain: { score: 10 }, temperature: { value: 1e2, unit: 'F' } },
      ];
      for (const [i, payload] of payloads.entries()) {
        await send(w.patient.id, 10 + i * 10, payload);
      }
      const nine = await readings(w.patient.id);
      expect(nine).toEqual(await fromCheckIns(w.patient.id));
      expect(nine).toEqual([
        { pain: 7, temperature: null },
        { pain: null, temperature: null },
        { pain: null, temperature: { value: 38, unit: 'C' } },
        { pain: null, temperature: null },
        { pain: null, temperature: null },
        { pain: 0, temperature: { value: 36.6, unit: 'C' } },
        { pain: 10, temperature: { value: 100, unit: 'F' } },
      ]);

      // Sent late: among the latest seven, it takes its place by time; older than all of them, it changes nothing.
      await send(w.patient.id, 45, { pain: { score: 9 } });
      expect((await readings(w.patient.id))?.slice(0, 2)).toEqual([
        { pain: null, temperature: null },
        { pain: 9, temperature: null },
      ]);
      expect(await readings(w.patient.id)).toEqual(await fromCheckIns(w.patient.id));
      await send(w.patient.id, 5, { pain: { score: 1 } });
      expect(await readings(w.patient.id)).toEqual(await fromCheckIns(w.patient.id));
      // At the same time as the latest: the id decides the order, as the check-ins' own order does.
      await send(w.patient.id, 90, { pain: { score: 6 } });
      expect((await readings(w.patient.id))?.at(-1)?.pain).toBeOneOf([6, 10]);
      expect(await readings(w.patient.id)).toEqual(await fromCheckIns(w.patient.id));

      // Another patient's check-ins and erasure leave this patient's readings alone.
      await send(w.other.id, 20, { pain: { score: 4 }, temperature: { value: 38.2, unit: 'C' } });
      expect(await readings(w.other.id)).toEqual([{ pain: 4, temperature: { value: 38.2, unit: 'C' } }]);
      const before = await readings(w.patient.id);
      await store.erasePatient(w.other.id);
      expect(await readings(w.other.id)).toBeUndefined();
      expect(await readings(w.patient.id)).toEqual(before);
    });

    it('lists plan changes newest first, with their details as stored', async () => {
      const w = await seed(store);
      const first = await store.addPlanChange({
        patientId: w.patient.id,
        at: at(5),
        changedBy: w.nurse.id,
        kind: 'medicine-changed',
        subjectId: w.patient.id,
        details: { name: 'Acetaminophen', before: { amount: '500 mg' }, after: { amount: '1 g' } },
      });
      await store.addPlanChange({
        patientId: w.other.id,
        at: at(6),
        changedBy: w.nurse.id,
        kind: 'allergy-added',
        subjectId: null,
        details: { substance: 'Latex' },
      });
      const second = await store.addPlanChange({
        patientId: w.patient.id,
        at: at(7),
        changedBy: w.otherNurse.id,
        kind: 'follow-up-closed',
        subjectId: null,
        details: { reason: 'recovered' },
      });
      expect(await store.listPlanChanges(w.patient.id)).toEqual([second, first]);
      expect(await store.listPlanChanges(w.patient.id, { limit: 1 })).toEqual([second]);
      expect(await store.listPlanChanges(w.patient.id, { before: at(7) })).toEqual([first]);
    });

    it('counts unread messages per reader, moving read marks only forward', async () => {
      const w = await seed(store);
      const say = (authorId: string, minutes: number, patientId = w.patient.id) =>
        store.addMessage({ patientId, authorId, body: 'Hi', createdAt: at(minutes) });
      await say(w.patientUser.id, 10);
      await say(w.patientUser.id, 11);
      await say(w.nurse.id, 12);
      const fromPatients = ['patient', 'caregiver'] as const;
      expect(await store.countUnreadMessages(w.nurse.id, [w.patient.id, w.other.id], [...fromPatients])).toEqual([
        { patientId: w.patient.id, unread: 2 },
      ]);
      expect(await store.countUnreadMessages(w.patientUser.id, [w.patient.id], ['admin', 'clinician'])).toEqual([
        { patientId: w.patient.id, unread: 1 },
      ]);
      await store.markRead(w.nurse.id, w.patient.id, 'messages', at(10));
      expect(await store.countUnreadMessages(w.nurse.id, [w.patient.id], [...fromPatients])).toEqual([
        { patientId: w.patient.id, unread: 1 },
      ]);
      // Another nurse's reading is their own.
      expect(await store.countUnreadMessages(w.otherNurse.id, [w.patient.id], [...fromPatients])).toEqual([
        { patientId: w.patient.id, unread: 2 },
      ]);
      await store.markRead(w.nurse.id, w.patient.id, 'messages', at(20));
      await store.markRead(w.nurse.id, w.patient.id, 'messages', at(15));
      expect(await store.getReadMark(w.nurse.id, w.patient.id, 'messages')).toBe(at(20));
      expect(await store.getReadMark(w.nurse.id, w.patient.id, 'plan-changes')).toBeUndefined();
      expect(await store.countUnreadMessages(w.nurse.id, [w.patient.id], [...fromPatients])).toEqual([]);
      expect(await store.countUnreadMessages(w.nurse.id, [], [...fromPatients])).toEqual([]);
    });

    it('lists the caregivers still allowed in, and invites remember whom they are for', async () => {
      const w = await seed(store);
      const carer = await store.createUser(
        { ...w.base, email: 'carer@example.org', name: 'Cara', role: 'caregiver', patientId: w.patient.id },
        at(3),
      );
      const gone = await store.createUser(
        { ...w.base, email: 'gone@example.org', name: 'Gus', role: 'caregiver', patientId: w.patient.id },
        at(4),
      );
      await store.setUserDisabled(gone.id, at(5));
      expect((await store.listCaregivers(w.patient.id)).map((u) => u.id)).toEqual([carer.id]);
      expect(await store.listCaregivers(w.other.id)).toEqual([]);

      const invite = (role: 'patient' | 'caregiver' | undefined, n: number) =>
        store.createInvite({
          patientId: w.patient.id,
          tokenHash: `t${String(n)}`,
          codeHash: `c${String(n)}`,
          createdBy: w.nurse.id,
          createdAt: at(6),
          expiresAt: at(600),
          ...(role === undefined ? {} : { role }),
        });
      expect((await invite(undefined, 1)).role).toBe('patient');
      const forCarer = await invite('caregiver', 2);
      expect(forCarer.role).toBe('caregiver');
      expect(await store.findInviteByTokenHash('t2')).toEqual(forCarer);
      expect(await store.revokeInvitesOf(w.patient.id, at(7), 'caregiver')).toBe(1);
      expect((await store.findInviteByTokenHash('t1'))?.revokedAt).toBeNull();
    });
  });
}
