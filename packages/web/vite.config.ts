/**
 * Vite build of the web app: React, a generated service worker that precaches every chunk for offline use, and
 * brotli and gzip copies of the text assets for the server to send.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './precompress.ts';

// In development `npx vite` proxies the API to a running server (AFTERCARE_API, default the server's own port).
const apiTarget = process.env.AFTERCARE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      // main.tsx registers /sw.js itself: no inline registration script (a strict CSP forbids inline scripts).
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Aftercare',
        short_name: 'Aftercare',
        description: 'Your care plan after a procedure, and your care team.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5560',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // Routes live in the hash, so every navigation is "/": serve the precached shell, never for API paths.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/readyz/, /^\/calendar\//],
        cleanupOutdatedCaches: true,
        // Take charge of the page that installed it: the chunks a first visit has not fetched yet (a screen, the
        // words, the check-in's triage) then come from the precache when the signal goes, without a reload first.
        clientsClaim: true,
        // Web Push: show pushes, open their screen on a tap (a same-origin file: the CSP allows no inline script).
        importScripts: ['/push-handler.js'],
        runtimeCaching: [
          {
            // The plan (emergency signs, texts) stays readable offline; the app also keeps a copy in localStorage.
            urlPattern: ({ url }) => url.pathname.startsWith('/api/v1/plans/'),
            handler: 'NetworkFirst',
            options: { cacheName: 'aftercare-plans', networkTimeoutSeconds: 4, expiration: { maxEntries: 10 } },
          },
        ],
      },
    }),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
