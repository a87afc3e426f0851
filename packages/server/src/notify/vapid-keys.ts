/** The server's VAPID key pair: made on first start, kept in the database so every process signs with the same one. */
import webpush from 'web-push';
import type { Store } from '@aftercare/store';

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url: what browsers get as `applicationServerKey`. */
  publicKey: string;
  privateKey: string;
}

const SETTING = 'vapid-keys';

/** The kept key pair, made and kept now when there is none (when several processes race, the first one's wins). */
export async function ensureVapidKeys(store: Store, now: Date): Promise<VapidKeys> {
  const kept = await store.getServerSetting(SETTING);
  if (kept !== undefined) {
    return JSON.parse(kept) as VapidKeys;
  }
  const made = webpush.generateVAPIDKeys();
  const fresh: VapidKeys = { publicKey: made.publicKey, privateKey: made.privateKey };
  const winner = await store.putServerSettingOnce(SETTING, JSON.stringify(fresh), now.toISOString());
  return JSON.parse(winner) as VapidKeys;
}
