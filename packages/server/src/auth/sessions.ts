/** Server-side sessions: the cookie carries a random 32-byte id, the store keeps only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '@aftercare/store';
import type { ServerDeps } from '../http/types.ts';

export const SESSION_COOKIE = 'aftercare_session';

/** Do not write lastSeenAt on every request: once a minute is precise enough for idle expiry. */
const TOUCH_EVERY_MS = 60_000;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Secure when configured, or when this request came over TLS (directly, or via a trusted proxy's X-Forwarded-Proto). */
function cookieOptions(deps: ServerDeps, request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.secureCookies || request.protocol === 'https',
  };
}

/** Starts a new session for the user (a new id every time: sign-in rotates the session). */
export async function startSession(
  deps: ServerDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<void> {
  await endSession(deps, request, reply);
  const id = randomBytes(32).toString('base64url');
  const idHash = hashSessionId(id);
  const now = deps.clock.now();
  await deps.store.createSession({
    idHash,
    userId: user.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.config.sessionAbsoluteMs).toISOString(),
  });
  request.user = user;
  request.sessionHash = idHash;
  void reply.setCookie(SESSION_COOKIE, id, {
    ...cookieOptions(deps, request),
    maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
  });
}

/** Deletes the caller's session (if any) and clears the cookie. */
export async function endSession(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = request.cookies[SESSION_COOKIE];
  if (id !== undefined && id !== '') {
    await deps.store.deleteSession(hashSessionId(id));
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(deps, request));
  }
  request.user = null;
  request.sessionHash = null;
}

/** The signed-in user of this request, or null: unknown, expired (idle or absolute) or disabled sessions count as none. */
export async function resolveSession(deps: ServerDeps, request: FastifyRequest): Promise<User | null> {
  const id = request.cookies[SESSION_COOKIE];
  if (id === undefined || id === '' || id.length > 128) {
    return null;
  }
  const idHash = hashSessionId(id);
  const session = await deps.store.getSession(idHash);
  if (session === undefined) {
    return null;
  }
  const now = deps.clock.now().getTime();
  const lastSeen = Date.parse(session.lastSeenAt);
  const expired = now >= Date.parse(session.expiresAt) || now - lastSeen >= deps.config.sessionIdleMs;
  const user = expired ? undefined : await deps.store.getUser(session.userId);
  if (user === undefined || user.disabledAt !== null) {
    await deps.store.deleteSession(idHash);
    return null;
  }
  if (now - lastSeen >= TOUCH_EVERY_MS) {
    await deps.store.touchSession(idHash, new Date(now).toISOString());
  }
  request.sessionHash = idHash;
  return user;
}
