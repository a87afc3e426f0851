/** What scheduling reads from the store's entities: structural subsets, so the store's Medication and DoseEvent fit. */
import type { MedicineTiming } from '../plan/timing.ts';
import type { LocalDate, LocalTime } from './local-time.ts';

/** ISO 8601 instant in UTC, e.g. "2026-11-25T12:00:00.000Z". */
export type Instant = string;

/** One version of a medicine (the fields of the store's `Medication` that decide when doses are due). */
export interface MedicationVersion {
  readonly id: string;
  readonly version: number;
  readonly timing: MedicineTiming;
  readonly startDate: LocalDate;
  /** Last day of a course, inclusive, in the patient's zone; null when it has no end. */
  readonly endDate: LocalDate | null;
  /** This version governs from this instant until the next version's `effectiveFrom`. */
  readonly effectiveFrom: Instant;
  readonly stoppedAt: Instant | null;
}

/** A logged dose (the fields of the store's `DoseEvent` that scheduling reads). */
export interface LoggedDose {
  readonly medicationId: string;
  readonly medicationVersion: number;
  /** The occurrence's `scheduledFor` it answers; null for as-needed doses. */
  readonly scheduledFor: Instant | null;
  readonly status: 'taken' | 'skipped';
  readonly at: Instant;
}

/** One scheduled dose. `key` is stable: the same dose has the same key whatever window it was computed in. */
export interface DoseOccurrence {
  /** `${medicationId}:${medicationVersion}:${occurrence}`. */
  readonly key: string;
  readonly medicationId: string;
  readonly medicationVersion: number;
  /**
   * Index of the dose in its version's schedule, counted from the version's startDate: for fixed times
   * day × (times a day) + position of the time; for every N hours the number of intervals since the anchor.
   */
  readonly occurrence: number;
  readonly scheduledFor: Instant;
  /** The wall time and date in the patient's zone at `scheduledFor` (03:00 for a 02:30 dose on a spring-forward day). */
  readonly localDate: LocalDate;
  readonly localTime: LocalTime;
}
