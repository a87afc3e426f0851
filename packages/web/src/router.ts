/** A tiny router over `location.hash` ("#/today"): hash routes need no server rewrites and work offline. */
import { useSyncExternalStore } from 'react';

export type Route = '/' | '/emergency' | '/check-in' | '/enrol' | '/team' | '/members' | '/patient';
const ROUTES: readonly Route[] = ['/', '/emergency', '/check-in', '/enrol', '/team', '/members'];

/** A patient's record: "#/patients/<id>". */
const PATIENT_PATH = /^\/patients\/([^/?#]+)$/;

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (PATIENT_PATH.test(path)) {
    return '/patient';
  }
  return ROUTES.find((route) => route === path) ?? '/';
}

/** The patient id of "#/patients/<id>", else null. */
export function patientIdOf(hash: string): string | null {
  const match = PATIENT_PATH.exec(hash.replace(/^#/, ''));
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
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
