import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults to 127.0.0.1:8080 and plain-HTTP cookies', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', secureCookies: false, trustProxy: false });
    expect(config.sessionIdleMs).toBe(30 * 60_000);
  });

  it('honours PORT, HOST, session lifetimes, proxy and TLS settings', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      AFTERCARE_SESSION_IDLE_MINUTES: '15',
      AFTERCARE_SESSION_ABSOLUTE_HOURS: '8',
      AFTERCARE_TRUST_PROXY: 'true',
      AFTERCARE_PUBLIC_URL: 'https://care.example.org',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      sessionIdleMs: 15 * 60_000,
      sessionAbsoluteMs: 8 * 3_600_000,
      trustProxy: true,
      secureCookies: true,
    });
  });

  it('says which setting is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ AFTERCARE_SECURE_COOKIES: 'maybe' })).toThrow(/AFTERCARE_SECURE_COOKIES/);
  });
});
