/** Triage on the device (the same pure engine as the server's), and how its answer meets the server's: the higher wins. */
import { triage } from '@aftercare/core/triage-engine';
import type { CarePlan } from '@aftercare/core';
import type { CheckInInput, Disposition, TriageResult } from '../api/types.ts';

const RANK: Record<Disposition, number> = { 'self-care': 0, 'contact-provider': 1, emergency: 2 };

/** The device's answer for a check-in, or null without a plan kept on the device (then only the server can say). */
export function triageOnDevice(
  plan: CarePlan | null,
  checkIn: Omit<CheckInInput, 'idempotencyKey'>,
): TriageResult | null {
  if (plan === null) {
    return null;
  }
  try {
    return triage(plan, checkIn);
  } catch {
    // A plan copy from an older build the engine cannot read: the server will answer when it can.
    return null;
  }
}

/**
 * What the patient sees: the server's answer (the one the care team sees), raised to the device's when the device's
 * is more urgent (a newer plan on one side, say). Reasons from both, each sign once.
 */
export function higherOf(server: TriageResult | null, device: TriageResult | null): TriageResult | null {
  if (server === null || device === null) {
    return server ?? device;
  }
  const top = RANK[device.disposition] > RANK[server.disposition] ? device : server;
  const seen = new Set(server.reasons.map((reason) => reason.sign));
  return {
    disposition: top.disposition,
    advice: top.advice,
    reasons: [...server.reasons, ...device.reasons.filter((reason) => !seen.has(reason.sign))],
  };
}
