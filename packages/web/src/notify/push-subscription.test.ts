import { describe, expect, it } from 'vitest';
import { base64urlToBytes, deviceLabelOf } from './push-subscription.ts';

describe('push subscription helpers', () => {
  it('decodes a base64url VAPID key to its 65 bytes', () => {
    const bytes = new Uint8Array(65).map((_, i) => (i * 37) % 256);
    bytes[0] = 4;
    const text = Buffer.from(bytes).toString('base64url');
    expect([...base64urlToBytes(text)]).toEqual([...bytes]);
  });

  it('names a device by its platform only', () => {
    expect(deviceLabelOf('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/147')).toBe('Android');
    expect(deviceLabelOf('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)')).toBe('iPhone');
    expect(deviceLabelOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('Windows');
    expect(deviceLabelOf('curl/8')).toBeNull();
  });
});
