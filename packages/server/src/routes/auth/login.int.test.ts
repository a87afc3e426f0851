import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestStores } from '@aftercare/store/testing';
import { ADMIN, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('sqlite', { loginRateLimit: 3 });
    await setUpAdmin(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await closeTestStores();
  });

  it('answers 429 with a JSON error after too many attempts from one address', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ADMIN.email, password: 'wrong password here' },
      });
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt()).statusCode).toBe(401);
    }
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'CARE_ERR_RATE_LIMITED' } });
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
