import { isAftercareError } from '@aftercare/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_FILE, openStore, resolveDatabase } from './open-store.ts';

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return isAftercareError(error) ? error.code : 'not an AftercareError';
}

describe('resolveDatabase', () => {
  const pgUrl = 'postgres://care:secret@db.internal:5432/aftercare';

  it('defaults to ./data/aftercare.db', () => {
    expect(resolveDatabase({})).toEqual({ file: DEFAULT_DATABASE_FILE });
    expect(resolveDatabase({ AFTERCARE_DB: '  ', DATABASE_URL: '' }, '')).toEqual({ file: DEFAULT_DATABASE_FILE });
  });

  it('prefers --db, then DATABASE_URL, then AFTERCARE_DB', () => {
    const env = { DATABASE_URL: pgUrl, AFTERCARE_DB: '/var/lib/aftercare/care.db' };
    expect(resolveDatabase(env, './cli.db')).toEqual({ file: './cli.db' });
    expect(resolveDatabase(env)).toEqual({ url: pgUrl });
    expect(resolveDatabase({ AFTERCARE_DB: '/var/lib/aftercare/care.db' })).toEqual({
      file: '/var/lib/aftercare/care.db',
    });
  });

  it('tells PostgreSQL URLs from SQLite files', () => {
    expect(resolveDatabase({}, 'postgresql://localhost/care')).toEqual({ url: 'postgresql://localhost/care' });
    expect(resolveDatabase({ AFTERCARE_DB: pgUrl })).toEqual({ url: pgUrl });
    expect(resolveDatabase({ DATABASE_URL: 'sqlite:./x.db' })).toEqual({ file: './x.db' });
    expect(resolveDatabase({ DATABASE_URL: 'file:///tmp/x.db' })).toEqual({ file: '/tmp/x.db' });
  });
});

describe('openStore', () => {
  it('opens an in-memory SQLite store', async () => {
    const store = await openStore({ file: ':memory:' });
    await store.migrate();
    expect(store.dialect).toBe('sqlite');
    expect(await store.countUsers()).toBe(0);
    await store.close();
    await store.close();
  });

  it('refuses a URL of another database', async () => {
    expect(await rejectionCode(openStore({ url: 'mysql://localhost/care' }))).toBe('CARE_ERR_BAD_INPUT');
  });

  it('reports a file it cannot create as unavailable, without the path', async () => {
    const opening = openStore({ file: '/dev/null/cannot/care.db' });
    expect(await rejectionCode(opening)).toBe('CARE_ERR_UNAVAILABLE');
    await expect(opening).rejects.not.toThrow(/dev\/null/);
  });

  it('reports a PostgreSQL server that does not answer as unavailable', async () => {
    const store = await openStore({ url: 'postgres://care:secret@127.0.0.1:1/care' });
    expect(store.dialect).toBe('postgres');
    expect(await rejectionCode(store.ping())).toBe('CARE_ERR_UNAVAILABLE');
    await store.close();
  });
});
