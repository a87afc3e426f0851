/**
 * Serves the built web app (packages/web/dist) with an SPA fallback; a plain page when it has not been built. The
 * build writes brotli and gzip copies of its text files (packages/web/precompress.ts): a browser that accepts one
 * gets it, with Content-Encoding, and every answer says it depends on Accept-Encoding so caches keep them apart.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { AftercareError } from '@aftercare/core';
import type { FastifyReply } from 'fastify';
import type { App, ServerDeps } from '../http/types.ts';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aftercare</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Aftercare</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
<p>The API is running: see <a href="/api/openapi.json">/api/openapi.json</a>.</p></main></body></html>
`;

/** Files that must be checked on every load (they name the hashed assets, or are the service worker). */
const NO_CACHE = /^(index\.html|sw\.js|service-worker\.js|registerSW\.js|workbox-[^/]*\.js|manifest\.webmanifest)$/;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file inside `root` for a URL path, or undefined (never anything outside `root`). */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.split(sep).includes('..')) {
    return undefined;
  }
  const path = join(root, relative);
  return path.startsWith(root + sep) && isFile(path) ? relative : undefined;
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-cache')
    .header('vary', 'Accept-Encoding')
    .sendFile('index.html', { cacheControl: false });
}

export function registerWebApp(app: App, deps: ServerDeps): void {
  const root = normalize(deps.config.webDistDir).replace(/[/\\]+$/, '');
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    // preCompressed: `<file>.br` or `<file>.gz` when the request accepts it and the copy exists, else the file itself.
    void app.register(fastifyStatic, { root, serve: false, preCompressed: true });
  }
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      throw new AftercareError('CARE_ERR_NOT_FOUND', 'There is nothing at this address.');
    }
    if (!built) {
      return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT);
    }
    const file = fileFor(root, path);
    if (file === undefined) {
      return sendIndex(reply);
    }
    const name = file.split(sep).at(-1) ?? file;
    const cacheControl = NO_CACHE.test(name)
      ? 'no-cache'
      : file.startsWith(`assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=3600';
    return reply
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Encoding')
      .sendFile(file, { cacheControl: false });
  });
}
