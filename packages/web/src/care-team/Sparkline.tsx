/** A small inline SVG trend line; its text alternative (the values) is its accessible name. */

export interface SparklineProps {
  values: readonly number[];
  /** The range drawn (values outside are clamped). */
  min: number;
  max: number;
  /** What a screen reader hears, e.g. "Last 5: 6, 5, 4, 4, 3". */
  label: string;
  /** Values at or above this are drawn in the warning colour. */
  warnAt?: number;
}

const WIDTH = 88;
const HEIGHT = 24;
const PAD = 3;

export function Sparkline({ values, min, max, label, warnAt }: SparklineProps) {
  if (values.length < 2) {
    return null;
  }
  const span = max - min || 1;
  const x = (index: number) => PAD + (index * (WIDTH - 2 * PAD)) / (values.length - 1);
  const y = (value: number) => PAD + (HEIGHT - 2 * PAD) * (1 - (Math.min(max, Math.max(min, value)) - min) / span);
  const points = values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const last = values.at(-1) ?? min;
  const warn = warnAt !== undefined && last >= warnAt;
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      focusable="false"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <circle cx={x(values.length - 1)} cy={y(last)} r="3" className={warn ? 'sparkline-warn' : 'sparkline-last'} />
    </svg>
  );
}
