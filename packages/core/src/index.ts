/** @aftercare/core: the pure domain. No I/O, no clock: everything time-dependent takes the time as an argument. */
export * from './errors.ts';
export * from './plan/index.ts';
export * from './triage/index.ts';
export * from './schedule/index.ts';
export * from './fhir/index.ts';
