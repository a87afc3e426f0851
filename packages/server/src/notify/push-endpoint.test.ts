/** Which push endpoints are accepted and sent to. */
import { describe, expect, it } from 'vitest';
import { isRegistrableEndpoint, maySendTo } from './push-endpoint.ts';

const open = { hosts: [], allowLoopback: false };

describe('push endpoints', () => {
  it('accepts https anywhere and http on loopback only, as browsers do', () => {
    expect(isRegistrableEndpoint('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(isRegistrableEndpoint('http://127.0.0.1:9000/push/a')).toBe(true);
    expect(isRegistrableEndpoint('http://localhost/push')).toBe(true);
    expect(isRegistrableEndpoint('http://push.example.net/a')).toBe(false);
    expect(isRegistrableEndpoint('ftp://push.example.net/a')).toBe(false);
    expect(isRegistrableEndpoint('https://user:pw@push.example.net/a')).toBe(false);
    expect(isRegistrableEndpoint('not a url')).toBe(false);
  });

  it('sends only to named public hosts, the allow-list when set, and loopback when allowed', () => {
    expect(maySendTo('https://fcm.googleapis.com/fcm/send/abc', open)).toBe(true);
    expect(maySendTo('https://10.0.0.5/push', open)).toBe(false);
    expect(maySendTo('https://[fd00::1]/push', open)).toBe(false);
    expect(maySendTo('https://intranet/push', open)).toBe(false);
    expect(maySendTo('http://127.0.0.1:9000/push/a', open)).toBe(false);
    expect(maySendTo('http://127.0.0.1:9000/push/a', { hosts: [], allowLoopback: true })).toBe(true);
    const listed = { hosts: ['googleapis.com', 'web.push.apple.com'], allowLoopback: false };
    expect(maySendTo('https://fcm.googleapis.com/x', listed)).toBe(true);
    expect(maySendTo('https://web.push.apple.com/x', listed)).toBe(true);
    expect(maySendTo('https://evilgoogleapis.com/x', listed)).toBe(false);
  });
});
