/**
 * A local stand-in for a push service, for tests: it speaks the receiving side of Web Push (RFC 8030/8291/8292).
 * It checks each request's VAPID JWT against the key sent beside it, and a fake browser decrypts the aes128gcm body.
 */
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PushRequest {
  path: string;
  ttl: string | undefined;
  urgency: string | undefined;
  contentEncoding: string | undefined;
  /** The VAPID public key (base64url) from the Authorization header. */
  vapidKey: string;
  claims: { aud: string; exp: number; sub: string };
  /** Whether the JWT's ES256 signature checks out with `vapidKey`. */
  signatureValid: boolean;
  body: Buffer;
}

export interface PushReceiver {
  /** The endpoint URL for a subscription named `name`. */
  endpoint(name: string): string;
  readonly received: PushRequest[];
  /** Answer this status for the subscription `name` from now on (201 otherwise). */
  answer(name: string, status: number): void;
  close(): Promise<void>;
}

function b64url(data: Buffer): string {
  return data.toString('base64url');
}

/** Checks a compact ES256 JWT with an uncompressed P-256 public key (base64url). */
export function verifyEs256(jwt: string, publicKey: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (header === undefined || payload === undefined || signature === undefined) {
    return false;
  }
  const point = Buffer.from(publicKey, 'base64url');
  if (point.length !== 65 || point[0] !== 4) {
    return false;
  }
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Starts the receiver on a free loopback port. */
export async function startPushReceiver(): Promise<PushReceiver> {
  const received: PushRequest[] = [];
  const statuses = new Map<string, number>();
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(headerOf(request, 'authorization') ?? '');
      if (request.method !== 'POST' || auth === null) {
        response.writeHead(401).end();
        return;
      }
      const [, jwt = '', vapidKey = ''] = auth;
      const claims = JSON.parse(
        Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as PushRequest['claims'];
      const path = request.url ?? '/';
      received.push({
        path,
        ttl: headerOf(request, 'ttl'),
        urgency: headerOf(request, 'urgency'),
        contentEncoding: headerOf(request, 'content-encoding'),
        vapidKey,
        claims,
        signatureValid: verifyEs256(jwt, vapidKey),
        body,
      });
      response.writeHead(statuses.get(path.replace(/^\/push\//, '')) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (name) => `http://127.0.0.1:${String(port)}/push/${name}`,
    received,
    answer: (name, status) => statuses.set(name, status),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        });
      }),
  };
}

export interface FakeBrowserKeys {
  /** What the browser's PushSubscription.toJSON().keys holds. */
  p256dh: string;
  auth: string;
  /** Decrypts an aes128gcm push body (one record) with this browser's private key. */
  decrypt(body: Buffer): string;
}

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** HKDF with SHA-256, one block of output is all aes128gcm needs. */
function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  const prk = hmac(salt, ikm);
  return hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);
}

/** A browser's push keys (P-256 key pair and 16-byte auth secret), with the decryption RFC 8291 prescribes. */
export function fakeBrowserKeys(): FakeBrowserKeys {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    p256dh: b64url(publicKey),
    auth: b64url(authSecret),
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const senderKey = body.subarray(21, 21 + idLength);
      const record = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(senderKey);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, senderKey]);
      const ikm = hkdf(authSecret, shared, keyInfo, 32);
      const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
      const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(record.subarray(record.length - 16));
      const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
      // The last record ends with the delimiter 0x02, then zero padding.
      const end = padded.lastIndexOf(2);
      return padded.subarray(0, end).toString('utf8');
    },
  };
}
