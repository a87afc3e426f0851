/**
 * The last signed-in account on this device, so the app opens offline (Today, medicines, the card, the emergency
 * screen) when the server cannot be reached. Forgotten at sign-out and whenever the server says the session is over.
 */
import type { Me } from '../api/types.ts';

const KEY = 'aftercare.lastUser';

export function rememberUser(user: Me | null): void {
  try {
    if (user === null) {
      localStorage.removeItem(KEY);
    } else {
      localStorage.setItem(KEY, JSON.stringify(user));
    }
  } catch {
    // Storage full or blocked: the app still works online.
  }
}

export function rememberedUser(): Me | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Me> | null;
    return value !== null && typeof value.id === 'string' && typeof value.role === 'string' ? (value as Me) : null;
  } catch {
    return null;
  }
}
