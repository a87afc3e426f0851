/** A tiny router over `location.hash` ("#/today"): hash routes need no server rewrites and work offline. */
import { useSyncExternalStore } from 'react';

export type Route = '/' | '/emergency' | '/check-in' | '/enrol' | '/team';
const ROUTES: readonly Route[] = ['/', '/emergency', '/check-in', '/enrol', '/team'];

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  return ROUTES.find((route) => route === path) ?? '/';
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
