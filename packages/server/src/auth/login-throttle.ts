/**
 * Per-account sign-in throttle, kept in the database so every server process counts together: after a few failures
 * for one e-mail, each further try must wait twice as long as the last (capped). A success clears it.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AftercareError } from '@aftercare/core';
import type { ServerDeps } from '../http/types.ts';

/** Failures allowed before any wait. */
export const FREE_FAILURES = 5;
/** The longest wait, in seconds. */
export const MAX_WAIT_SECONDS = 15 * 60;
/** A failure this long after the previous one starts the count again. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** The key for an e-mail: a hash, so the table never holds what strangers typed. */
export function accountKey(email: string): string {
  return createHash('sha256').update(`login:${email.trim().toLowerCase()}`).digest('hex');
}

/** Seconds to wait after `failures` failures in a row: none for the first few, then 2, 4, 8… up to the cap. */
export function waitSeconds(failures: number): number {
  if (failures < FREE_FAILURES) {
    return 0;
  }
  return Math.min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_FAILURES + 1));
}

/** "8 seconds", "2 minutes": how a person reads a wait. */
export function readableWait(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** Throws 429 with Retry-After while this account must still wait; otherwise does nothing. */
export async function assertMayTrySignIn(deps: ServerDeps, reply: FastifyReply, key: string): Promise<void> {
  const record = await deps.store.getLoginFailures(key);
  if (record === undefined) {
    return;
  }
  const now = deps.clock.now().getTime();
  const last = Date.parse(record.lastFailureAt);
  if (now - last >= FORGET_AFTER_MS) {
    return;
  }
  const remaining = Math.ceil((last + waitSeconds(record.failures) * 1000 - now) / 1000);
  if (remaining > 0) {
    void reply.header('retry-after', String(remaining));
    throw new AftercareError(
      'CARE_ERR_RATE_LIMITED',
      `Too many wrong passwords for this account. Wait ${readableWait(remaining)}, then try again.`,
    );
  }
}

export async function noteFailedSignIn(deps: ServerDeps, key: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.recordLoginFailure(key, now.toISOString(), new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
}

export async function noteSignIn(deps: ServerDeps, key: string): Promise<void> {
  await deps.store.clearLoginFailures(key);
}
