/** The patient's settings on this device: the server's copy, kept for offline use, and the temperature unit to use. */
import { useCallback, useEffect, useState } from 'react';
import { cacheCountry } from './offline-cache.ts';
import { patientApi } from './patient-api.ts';
import type { Preferences, TemperatureUnit } from './patient-api.ts';

/** Where people read temperatures in °F. */
const FAHRENHEIT_COUNTRIES = new Set(['US', 'LR', 'BS', 'BZ', 'KY', 'PW']);

/** The unit the patient picked, else the one usual in their country. */
export function temperatureUnitFor(
  preferences: Pick<Preferences, 'temperatureUnit'> | null,
  country: string | null,
): TemperatureUnit {
  if (preferences?.temperatureUnit) {
    return preferences.temperatureUnit;
  }
  return FAHRENHEIT_COUNTRIES.has((country ?? '').toUpperCase()) ? 'F' : 'C';
}

/** A temperature in the other unit, to one decimal. */
export function convertTemperature(value: number, from: TemperatureUnit, to: TemperatureUnit): number {
  if (from === to) {
    return value;
  }
  const converted = to === 'F' ? (value * 9) / 5 + 32 : ((value - 32) * 5) / 9;
  return Math.round(converted * 10) / 10;
}

const keyFor = (patientId: string): string => `aftercare.preferences.${patientId}`;

export function cachedPreferences(patientId: string): Preferences | null {
  try {
    const text = localStorage.getItem(keyFor(patientId));
    if (text === null) {
      return null;
    }
    const value = JSON.parse(text) as Partial<Preferences> | null;
    return value !== null &&
      typeof value === 'object' &&
      typeof value.timeZone === 'string' &&
      typeof value.country === 'string'
      ? (value as Preferences)
      : null;
  } catch {
    return null;
  }
}

export function cachePreferences(patientId: string, preferences: Preferences): void {
  try {
    localStorage.setItem(keyFor(patientId), JSON.stringify(preferences));
  } catch {
    // Not fatal: the screens ask the server again next time.
  }
  cacheCountry(preferences.country);
}

/** The settings at once from the device, then fresh from the server; `update` after a save. */
export function usePreferences(patientId: string): {
  preferences: Preferences | null;
  update: (next: Preferences) => void;
} {
  const [preferences, setPreferences] = useState<Preferences | null>(() => cachedPreferences(patientId));
  useEffect(() => {
    let current = true;
    patientApi.preferences(patientId).then(
      ({ preferences: fresh }) => {
        cachePreferences(patientId, fresh);
        if (current) {
          setPreferences(fresh);
        }
      },
      () => {
        // Offline: the copy on the device (if any) stays.
      },
    );
    return () => {
      current = false;
    };
  }, [patientId]);
  const update = useCallback(
    (next: Preferences) => {
      cachePreferences(patientId, next);
      setPreferences(next);
    },
    [patientId],
  );
  return { preferences, update };
}
