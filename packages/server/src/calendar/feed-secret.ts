/** Calendar feed secrets: 32 random bytes in the URL, only their SHA-256 in the database, never in the logs. */
import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a feed URL: 32 random bytes, base64url (43 characters). */
export function newFeedSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashFeedSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The feed's path for a secret. */
export function feedPath(secret: string): string {
  return `/calendar/${secret}.ics`;
}

/** The secret of a feed file name ("<secret>.ics"), or null when it cannot be one (then the feed is "not found"). */
export function secretOfFeedFile(file: string): string | null {
  const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file);
  return match?.[1] ?? null;
}

const FEED_SECRET_PATH = /^(\/calendar\/)[^/?]+/;

/** A request path as it may be logged: a feed's secret is a key to the patient's visits. */
export function redactFeedSecret(path: string): string {
  return path.replace(FEED_SECRET_PATH, '$1[redacted]');
}
