/** What the emergency screen needs, kept on the device so it works with no signal: the plan and the patient's country. */
import type { CarePlan } from '@aftercare/core';

const PLAN_KEY = 'aftercare.plan';
const COUNTRY_KEY = 'aftercare.country';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or blocked: the screen still works online.
  }
}

export function cachePlan(plan: CarePlan): void {
  write(PLAN_KEY, JSON.stringify(plan));
}

export function cachedPlan(): CarePlan | null {
  const text = read(PLAN_KEY);
  if (text === null) {
    return null;
  }
  try {
    const value = JSON.parse(text) as unknown;
    // Only a plan of the shape this build knows is trusted; anything else is fetched again.
    if (typeof value === 'object' && value !== null && 'texts' in value && 'warningSigns' in value) {
      return value as CarePlan;
    }
  } catch {
    // Corrupt entry: ignore it.
  }
  return null;
}

export function cacheCountry(country: string): void {
  write(COUNTRY_KEY, country);
}

export function cachedCountry(): string | null {
  return read(COUNTRY_KEY);
}
