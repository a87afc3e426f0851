/** A line chart as inline SVG: values over check-ins, an optional threshold line, and a sentence as its text alternative. */
import { useId } from 'react';

export interface LineChartProps {
  title: string;
  /** The text alternative: what the chart shows, in words. */
  summary: string;
  points: readonly { at: string; value: number }[];
  min: number;
  max: number;
  /** Tick values on the left axis. */
  ticks: readonly number[];
  /** e.g. the fever threshold, drawn dashed. */
  threshold?: number;
}

const WIDTH = 320;
const HEIGHT = 140;
const LEFT = 30;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 16;

export function LineChart({ title, summary, points, min, max, ticks, threshold }: LineChartProps) {
  const titleId = useId();
  const descId = useId();
  const span = max - min || 1;
  const x = (index: number) =>
    points.length < 2
      ? LEFT + (WIDTH - LEFT - RIGHT) / 2
      : LEFT + (index * (WIDTH - LEFT - RIGHT)) / (points.length - 1);
  const y = (value: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - (Math.min(max, Math.max(min, value)) - min) / span);
  const line = points.map((point, index) => `${x(index).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  return (
    <figure className="chart-figure">
      <svg
        className="chart"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
        focusable="false"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 4} y={y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {threshold !== undefined && (
          <line className="threshold" x1={LEFT} x2={WIDTH - RIGHT} y1={y(threshold)} y2={y(threshold)} />
        )}
        {points.length > 1 && (
          <polyline points={line} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
        )}
        {points.map((point, index) => (
          <circle
            key={`${point.at}-${index}`}
            cx={x(index)}
            cy={y(point.value)}
            r="3.5"
            fill={threshold !== undefined && point.value >= threshold ? 'var(--danger)' : 'currentColor'}
          />
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
