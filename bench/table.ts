/** One row of a benchmark table, and the Markdown table that `npm run bench` prints and records. */

/**
 * A measured value against its target. `ratio` is how far the target is met: value ÷ floorValue for "at least"
 * targets, floorValue ÷ value for "at most" ones, so 1 or more always means the target is met; not finite for a row
 * that only informs.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The target in words, e.g. ">= 100,000 check-ins/s". */
  floor: string;
  floorValue: number;
  ratio: number;
}

/** A benchmark file exports one of these as its default export. */
export type Bench = () => Promise<BenchRow[]>;

function format(value: number): string {
  if (Math.abs(value) >= 1000) {
    return Math.round(value).toLocaleString('en-US');
  }
  return value.toFixed(value >= 100 ? 0 : 2);
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| benchmark | measured | target | ratio | met |', '|---|---:|---|---:|:---:|'];
  for (const row of rows) {
    lines.push(
      Number.isFinite(row.ratio)
        ? `| ${row.name} | ${format(row.value)} ${row.unit} | ${row.floor} | ${row.ratio.toFixed(2)} | ${row.ratio >= 1 ? 'yes' : 'NO'} |`
        : `| ${row.name} | ${format(row.value)} ${row.unit} | ${row.floor} | – | – |`,
    );
  }
  return lines.join('\n');
}
