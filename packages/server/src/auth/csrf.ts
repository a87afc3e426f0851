/** Cross-site request forgery check: a state-changing request must come from our own origin, or from no browser page. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AftercareError } from '@aftercare/core';
import type { ServerDeps } from '../http/types.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origins this server answers as: the configured public address, and the address the request was sent to. */
export function ownOrigins(deps: ServerDeps, request: FastifyRequest): Set<string> {
  const origins = new Set<string>([`${request.protocol}://${request.host}`.toLowerCase()]);
  if (deps.config.publicUrl !== '') {
    try {
      origins.add(new URL(deps.config.publicUrl).origin.toLowerCase());
    } catch {
      // A malformed AFTERCARE_PUBLIC_URL adds nothing: the request's own address still counts.
    }
  }
  return origins;
}

/**
 * Refuses POST/PUT/PATCH/DELETE whose Origin is another site's, or that the browser marks cross-site. Requests
 * without an Origin (the CLI, API clients, same-origin GETs) pass: SameSite=Strict cookies cover old browsers.
 */
export function refuseCrossSiteWrites(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) {
      return;
    }
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    const crossSite =
      fetchSite === 'cross-site' || (origin !== undefined && !ownOrigins(deps, request).has(origin.toLowerCase()));
    if (crossSite) {
      request.log.warn({ reqId: request.id }, 'cross-site write refused');
      throw new AftercareError('CARE_ERR_CROSS_SITE');
    }
    await Promise.resolve();
  });
}
