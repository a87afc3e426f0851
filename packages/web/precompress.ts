/**
 * A Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy next to each text asset of the build, once
 * everything else (the service worker too) is written. The server sends them to browsers that accept them: the work
 * is done once at build time, at the strongest settings, instead of on every request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `<file>.br` and `<file>.gz` for each compressible file in `dir`, when they are smaller than the file. */
export function precompressDir(dir: string): number {
  let written = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) {
      continue;
    }
    const content = readFileSync(file);
    if (content.length < MIN_BYTES) {
      continue;
    }
    const brotli = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gzip = gzipSync(content, { level: 9 });
    for (const [suffix, compressed] of [
      ['.br', brotli],
      ['.gz', gzip],
    ] as const) {
      if (compressed.length < content.length) {
        writeFileSync(file + suffix, compressed);
        written++;
      }
    }
  }
  return written;
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'aftercare:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // Sequential and last: after vite-plugin-pwa has written sw.js in its own closeBundle.
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        precompressDir(outDir);
      },
    },
  };
}
