/**
 * Small dependency-free SVG charts with text equivalents: horizontal bars (totals), a histogram
 * (latency buckets) and lines over time (samples taken while the page is open). Each chart has a
 * title and a description for screen readers, and its numbers are also printed.
 */
import type { ReactNode } from 'react';

export interface Bar {
  label: string;
  value: number;
  tone: 'ok' | 'warn' | 'bad' | 'info';
}

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 28;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 420 ${bars.length * row}`}
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
      >
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * row})`}>
            <text x="0" y="18" className="axis">
              {b.label}
            </text>
            <rect
              x="90"
              y="5"
              height="16"
              width={Math.max(2, (b.value / max) * 260)}
              className={`fill-${b.tone}`}
            />
            <text x={96 + (b.value / max) * 260} y="18" className="value">
              {b.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export function Histogram({
  title,
  buckets,
  unit,
}: {
  title: string;
  buckets: readonly { label: string; count: number }[];
  unit: string;
}) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = 420;
  const barWidth = buckets.length === 0 ? 0 : (width - 20) / buckets.length;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {buckets.length === 0 ? (
        <p className="muted">No observation yet.</p>
      ) : (
        <svg
          viewBox={`0 0 ${width} 150`}
          role="img"
          aria-label={`${title}: ${buckets.map((b) => `${b.label} ${unit}: ${b.count}`).join(', ')}`}
        >
          {buckets.map((b, i) => {
            const h = (b.count / max) * 96;
            return (
              <g key={b.label}>
                <rect
                  x={10 + i * barWidth + 2}
                  y={120 - h}
                  width={Math.max(1, barWidth - 4)}
                  height={h}
                  className="fill-info"
                />
                <text x={10 + i * barWidth + barWidth / 2} y="138" className="axis small" textAnchor="middle">
                  {b.label}
                </text>
                {b.count > 0 ? (
                  <text
                    x={10 + i * barWidth + barWidth / 2}
                    y={116 - h}
                    className="value"
                    textAnchor="middle"
                  >
                    {b.count}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

export interface Series {
  label: string;
  tone: Bar['tone'];
  points: readonly number[];
}

export function LineChart({
  title,
  series,
  footer,
}: {
  title: string;
  series: readonly Series[];
  footer?: ReactNode;
}) {
  const length = Math.max(0, ...series.map((s) => s.points.length));
  const max = Math.max(1, ...series.flatMap((s) => s.points));
  const x = (i: number) => (length <= 1 ? 10 : 10 + (i / (length - 1)) * 400);
  const y = (v: number) => 110 - (v / max) * 100;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox="0 0 420 120"
        role="img"
        aria-label={`${title}: ${series.map((s) => `${s.label} ${s.points.join(' ')}`).join('; ')}`}
      >
        <line x1="10" y1="110" x2="410" y2="110" className="grid" />
        {series.map((s) => (
          <polyline
            key={s.label}
            fill="none"
            className={`stroke-${s.tone}`}
            points={s.points.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          />
        ))}
      </svg>
      <p className="legend">
        {series.map((s) => (
          <span key={s.label} className={`key-${s.tone}`}>
            {s.label}
          </span>
        ))}
      </p>
      {footer}
    </figure>
  );
}
