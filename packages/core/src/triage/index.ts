/** Triage: the plan's warning signs as data, and the pure engine that reads check-ins against them. */
export * from './rules-schema.ts';
export * from './check-in.ts';
export { triage, toCelsius } from './triage.ts';
export type {
  AdviceKey,
  Disposition,
  Temperature,
  TriageInput,
  TriagePlan,
  TriageReason,
  TriageResult,
} from './triage.ts';
export { triageJsonLines } from './json-lines.ts';
export { parsePhrase } from './phrase.ts';
