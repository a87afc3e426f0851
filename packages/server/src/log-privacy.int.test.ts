import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore } from '@aftercare/store/testing';
import { buildApp } from './app.ts';
import { FakeClock } from './clock.ts';
import { defaultConfig } from './config.ts';

afterEach(async () => {
  await closeTestStores();
});

describe('request logs', () => {
  it('keep the path but never the query string, which can carry a patient name', async () => {
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
      clock: new FakeClock(new Date('2026-11-25T12:00:00Z')),
      config: defaultConfig,
      logStream: sink,
    });
    await app.inject({ url: '/api/v1/dashboard?search=Mar%C3%ADa%20L%C3%B3pez' });
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/dashboard');
    expect(logged).not.toContain('search=');
    expect(logged).not.toMatch(/Mar(í|%C3%AD)a/);
  });
});
