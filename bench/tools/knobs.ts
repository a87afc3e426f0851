/** The benchmarks' environment knobs and small statistics helpers shared by the bench files. */

/**
 * BENCH_SCALE (default 1): the share of the full size to run, e.g. 0.01 for a quick try (sizes and durations
 * shrink; numbers from a scaled run are for development, not for the table).
 */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  const scale = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new Error(`BENCH_SCALE must be a number in (0, 1], not "${raw ?? ''}".`);
  }
  return scale;
}

/** The middle value (the lower middle for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The value at quantile q (0..1) by the nearest-rank method; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Writes a progress line to stderr (the table goes to stdout). */
export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
