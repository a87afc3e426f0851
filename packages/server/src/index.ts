/** @aftercare/server: buildApp, its configuration and clocks. */
export { buildApp, type BuildAppDeps } from './app.ts';
export { loadConfig, defaultConfig, type Config } from './config.ts';
export { systemClock, FakeClock, type Clock } from './clock.ts';
export type { Access, App, AuditSpec } from './http/types.ts';
