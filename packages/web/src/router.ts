/** A tiny router over `location.hash` ("#/today"): hash routes need no server rewrites and work offline. */
import { useSyncExternalStore } from 'react';

export type Route =
  | '/'
  | '/emergency'
  | '/check-in'
  | '/enrol'
  | '/team'
  | '/members'
  | '/patient'
  | '/medicines'
  | '/visits'
  | '/join'
  // --- patient ---
  | '/history'
  | '/activity'
  | '/learn'
  | '/settings'
  // --- security ---
  | '/account'
  | '/audit'
  | '/who-looked'
  // --- delivery ---
  | '/inbox'
  // --- carry ---
  | '/carry'
  // --- careteam ---
  | '/messages'
  | '/caregiver';
const ROUTES: readonly Route[] = [
  '/',
  '/emergency',
  '/check-in',
  '/enrol',
  '/team',
  '/members',
  '/medicines',
  '/visits',
  '/join',
  // --- patient ---
  '/history',
  '/activity',
  '/learn',
  '/settings',
  // --- security ---
  '/account',
  '/audit',
  '/who-looked',
  // --- delivery ---
  '/inbox',
  // --- carry ---
  '/carry',
  // --- careteam ---
  '/messages',
  '/caregiver',
];

/** A patient's record: "#/patients/<id>". */
const PATIENT_PATH = /^\/patients\/([^/?#]+)$/;

/** Joining with an invite: "#/join/<token>" from the link, or "#/join" to type the code. */
const JOIN_PATH = /^\/join\/([^/?#]+)$/;

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (PATIENT_PATH.test(path)) {
    return '/patient';
  }
  if (JOIN_PATH.test(path)) {
    return '/join';
  }
  return ROUTES.find((route) => route === path) ?? '/';
}

/** The patient id of "#/patients/<id>", else null. */
export function patientIdOf(hash: string): string | null {
  const match = PATIENT_PATH.exec(hash.replace(/^#/, ''));
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
}

/** The invite token of "#/join/<token>", else null. */
export function joinTokenOf(hash: string): string | null {
  const match = JOIN_PATH.exec(hash.replace(/^#/, ''));
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
}

export function useJoinToken(): string | null {
  return useSyncExternalStore(subscribe, () => joinTokenOf(window.location.hash));
}

export function usePatientId(): string | null {
  return useSyncExternalStore(subscribe, () => patientIdOf(window.location.hash));
}

export function patientHref(id: string): string {
  return `#/patients/${encodeURIComponent(id)}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeOf(window.location.hash));
}

export function navigate(route: Route): void {
  window.location.hash = route;
}

export function href(route: Route): string {
  return `#${route}`;
}
