import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores } from '@aftercare/store/testing';
import { ADMIN, makeTestApp, sessionCookie, setUpAdmin, type TestApp } from '../../testing/test-app.ts';
import { SoftAuthenticator } from '../../auth/passkeys-soft-authenticator.ts';

describe('passkey routes (what can be checked without an authenticator)', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    cookie = await setUpAdmin(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await closeTestStores();
  });

  it('hands out registration options for the request host, excluding nothing yet', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys/options',
      headers: { cookie, host: 'care.example.org:8443' },
    });
    expect(response.statusCode).toBe(200);
    const { options } = response.json<{ options: Record<string, unknown> }>();
    expect(options.rp).toEqual({ name: 'Aftercare', id: 'care.example.org' });
    expect(options.user).toMatchObject({ name: ADMIN.email });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(typeof options.challenge).toBe('string');
  });

  it('hands out sign-in options without an account, and refuses a made-up answer with a clear 400', async () => {
    const options = await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
    expect(options.statusCode).toBe(200);
    const { challenge } = options.json<{ options: { challenge: string; allowCredentials?: unknown[] } }>().options;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge })).toString('base64url');
    const answer = {
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON, authenticatorData: 'AAAA', signature: 'AAAA' },
      },
    };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey', payload: answer });
    expect(first.statusCode).toBe(400);
    expect(first.json<{ error: { message: string } }>().error.message).toMatch(/passkey did not work/);
    // The challenge was used up by the first try.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey', payload: answer });
    expect(again.json<{ error: { message: string } }>().error.message).toMatch(/too old or was already used/);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('lists none, and answers 404 for removing a passkey that is not there', async () => {
    const list = await t.app.inject({ url: '/api/v1/me/passkeys', headers: { cookie } });
    expect(list.json()).toEqual({ passkeys: [] });
    const gone = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/passkeys/nope', headers: { cookie } });
    expect(gone.statusCode).toBe(404);
  });
});

describe('passkeys end to end with a software authenticator', () => {
  const ORIGIN = 'https://care.example.org';
  const host = { host: 'care.example.org', origin: ORIGIN };
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeTestApp('sqlite', { publicUrl: ORIGIN });
    cookie = await setUpAdmin(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await closeTestStores();
  });

  async function challengeFrom(url: string, headers: Record<string, string>): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url, headers });
    expect(response.statusCode).toBe(200);
    return response.json<{ options: { challenge: string } }>().options.challenge;
  }

  async function signInWith(device: SoftAuthenticator) {
    const challenge = await challengeFrom('/api/v1/auth/passkey/options', host);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey',
      headers: host,
      payload: { response: device.authenticate(challenge) },
    });
  }

  async function auditActions(): Promise<string[]> {
    return (await t.store.listAudit({ limit: 1000 })).map((e) => `${e.action}/${e.resourceType}`);
  }

  it('adds a passkey, signs in with it alone (a new session), refuses a replayed counter, and removes it', async () => {
    const device = new SoftAuthenticator(ORIGIN);
    const options = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys/options',
      headers: { ...host, cookie },
    });
    const registration = options.json<{ options: { challenge: string; rp: { id: string } } }>().options;
    expect(registration.rp.id).toBe('care.example.org');
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys',
      headers: { ...host, cookie },
      payload: { response: device.register(registration.challenge), label: 'My phone' },
    });
    expect(added.statusCode).toBe(201);
    const passkey = added.json<{ passkey: { id: string; deviceLabel: string } }>().passkey;
    expect(passkey.deviceLabel).toBe('My phone');
    expect(await auditActions()).toContain('passkey.create/passkey');

    // The same challenge cannot add it again.
    const replayed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys',
      headers: { ...host, cookie },
      payload: { response: device.register(registration.challenge) },
    });
    expect(replayed.statusCode).toBe(400);

    const signedIn = await signInWith(device);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { email: ADMIN.email, role: 'admin' } });
    const fresh = sessionCookie(signedIn);
    expect(fresh).not.toBe(cookie);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    expect(await auditActions()).toContain('session.create/passkey');
    const listed = await t.app.inject({ url: '/api/v1/me/passkeys', headers: { cookie: fresh } });
    expect(listed.json<{ passkeys: { lastUsedAt: string | null }[] }>().passkeys[0]?.lastUsedAt).not.toBeNull();

    // A copy of the authenticator signs with an old counter: refused, and no session.
    device.counter = 0;
    const cloned = await signInWith(device);
    expect(cloned.statusCode).toBe(400);
    expect(cloned.headers['set-cookie']).toBeUndefined();

    // A passkey of another origin (a look-alike site) is refused.
    const elsewhere = new SoftAuthenticator('https://care.example.org.evil.test');
    expect((await signInWith(elsewhere)).statusCode).toBe(400);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/passkeys/${passkey.id}`,
      headers: { ...host, cookie: fresh },
    });
    expect(removed.statusCode).toBe(204);
    expect(await auditActions()).toContain('passkey.delete/passkey');
    device.counter = 100;
    expect((await signInWith(device)).statusCode).toBe(400);
  });

  it('refuses a turned-off account even with its passkey', async () => {
    const device = new SoftAuthenticator(ORIGIN);
    const challenge = await challengeFrom('/api/v1/me/passkeys/options', { ...host, cookie });
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys',
      headers: { ...host, cookie },
      payload: { response: device.register(challenge) },
    });
    expect(added.statusCode).toBe(201);
    const admin = await t.store.getUserByEmail(ADMIN.email);
    await t.store.setUserDisabled(admin?.id ?? '', t.clock.now().toISOString());
    const refused = await signInWith(device);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });
});
