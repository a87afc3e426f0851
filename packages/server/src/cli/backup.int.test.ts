import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@aftercare/store';
import { testPatient } from '@aftercare/store/testing';
import { runAftercare } from '../testing/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'aftercare-backup-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('aftercare backup and restore', () => {
  it('backs up a live SQLite database and restores it, refusing to overwrite without --force', async () => {
    const live = join(work, 'live.db');
    const copy = join(work, 'copy.db');
    const store = await openStore({ file: live });
    await store.migrate();
    const org = await store.createOrganisation('Backup Centre', '2026-11-25T12:00:00.000Z');
    const kept = await store.createPatient(testPatient(org.id, { name: 'Kept Before' }), '2026-11-25T12:00:00.000Z');

    // The server's store stays open meanwhile: the backup is online.
    const backup = await runAftercare(['backup', copy, '--db', live]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* bytes/);
    expect((await runAftercare(['backup', copy, '--db', live])).code).toBe(1);
    expect((await runAftercare(['backup', copy, '--db', live, '--force'])).code).toBe(0);

    const later = await store.createPatient(testPatient(org.id, { name: 'Added After' }), '2026-11-25T13:00:00.000Z');
    await store.close();

    const refused = await runAftercare(['restore', copy, '--db', live]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--force/);
    const restored = await runAftercare(['restore', copy, '--db', live, '--force']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);

    const reopened = await openStore({ file: live });
    try {
      expect(await reopened.getPatient(kept.id)).toMatchObject({ name: 'Kept Before' });
      expect(await reopened.getPatient(later.id)).toBeUndefined();
    } finally {
      await reopened.close();
    }

    // Into a new place, no --force needed.
    const fresh = join(work, 'fresh.db');
    expect((await runAftercare(['restore', copy, '--db', fresh])).code).toBe(0);
  }, 180_000);

  it('refuses what is not an Aftercare backup, and points PostgreSQL to pg_dump', async () => {
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'not a database');
    const refused = await runAftercare(['restore', junk, '--db', join(work, 'other.db')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a SQLite database/);
    expect((await runAftercare(['backup', join(work, 'x.db'), '--db', join(work, 'missing.db')])).code).toBe(1);

    const pg = await runAftercare(['backup', join(work, 'pg.dump'), '--db', 'postgres://u@127.0.0.1:1/aftercare']);
    expect(pg.code).toBe(64);
    expect(pg.stderr).toMatch(/pg_dump --format=custom/);
    expect((await runAftercare(['restore', junk, '--db', 'postgres://u@127.0.0.1:1/aftercare'])).code).toBe(64);

    for (const verb of ['backup', 'restore']) {
      const help = await runAftercare([verb, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: aftercare ${verb}`));
    }
    expect((await runAftercare(['backup'])).code).toBe(64);
    expect((await runAftercare(['--help'])).stdout).toMatch(/backup <file>/);
  }, 180_000);
});
