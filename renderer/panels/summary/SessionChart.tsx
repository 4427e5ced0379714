import { useRef } from 'react';
import { download } from '../../platform/download';

/**
 * A small SVG chart of one measure over sessions: one line per condition with an optional interval band.
 * Hand-written (a few dozen points) so it needs no chart library and exports as plain SVG; every point
 * is a keyboard-focusable button that jumps to its session.
 */
export interface ChartPoint {
  readonly x: number;
  /** null where the measure is undefined (a noise correlation with one neuron): drawn as a gap, never as 0. */
  readonly y: number | null;
  readonly low?: number;
  readonly high?: number;
  /** Drawn hollow when false (e.g. not significant); filled when true or absent. */
  readonly marked?: boolean;
}

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly points: readonly ChartPoint[];
  readonly dashed?: boolean;
}

interface SessionChartProps {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly xCount: number;
  readonly currentX: number | null;
  readonly format: (value: number) => string;
  readonly onSelect: (seriesId: string, x: number) => void;
  /** Said in place of the chart when no point is defined. */
  readonly undefinedReason?: string;
}

type DefinedPoint = ChartPoint & { readonly y: number };
const defined = (p: ChartPoint): p is DefinedPoint => p.y !== null && Number.isFinite(p.y);

/** A series' line, broken where a point is undefined: one run of consecutive defined points each. */
function definedRuns(points: readonly ChartPoint[]): DefinedPoint[][] {
  const runs: DefinedPoint[][] = [[]];
  for (const p of points) {
    if (defined(p)) runs.at(-1)!.push(p);
    else if (runs.at(-1)!.length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length > 0);
}

const WIDTH = 340;
const HEIGHT = 130;
const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

export function SessionChart({ title, series, xCount, currentX, format, onSelect, undefinedReason }: SessionChartProps) {
  const svg = useRef<SVGSVGElement>(null);
  const values = series.flatMap((s) => s.points.filter(defined).flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]));
  if (series.every((s) => s.points.length === 0)) return null;
  if (values.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="chart-undefined">Not defined for these data{undefinedReason ? `: ${undefinedReason}` : ''}.</p>
      </figure>
    );
  }
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1e-9) {
    min -= 1;
    max += 1;
  }
  const margin = (max - min) * 0.08;
  min -= margin;
  max += margin;
  const x = (value: number) => PAD.left + ((value - 1) / Math.max(1, xCount - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [min + margin, (min + max) / 2, max - margin];

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg ref={svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={title} xmlns="http://www.w3.org/2000/svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={PAD.left - 4} y={y(tick) + 3} textAnchor="end" className="tick">
              {format(tick)}
            </text>
          </g>
        ))}
        {Array.from({ length: xCount }, (_, k) => (
          <text key={k} x={x(k + 1)} y={HEIGHT - 6} textAnchor="middle" className="tick">
            {xCount <= 12 || k % 2 === 0 ? k + 1 : ''}
          </text>
        ))}
        {currentX !== null && <line x1={x(currentX)} x2={x(currentX)} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="current" />}
        {series.map((s) => {
          const banded = s.points.filter(defined).filter((p) => p.low !== undefined && p.high !== undefined);
          const band =
            banded.length > 1
              ? `M${banded.map((p) => `${x(p.x)},${y(p.high!)}`).join('L')}L${[...banded].reverse().map((p) => `${x(p.x)},${y(p.low!)}`).join('L')}Z`
              : null;
          return (
            <g key={s.id}>
              {band && <path d={band} fill={s.colour} opacity={0.18} />}
              {definedRuns(s.points).map((run) => (
                <polyline key={run[0]!.x} points={run.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={s.dashed ? '5 4' : undefined} />
              ))}
              {s.points.filter(defined).map((p) => (
                <circle
                  key={p.x}
                  cx={x(p.x)}
                  cy={y(p.y)}
                  r={4}
                  fill={p.marked === false ? 'none' : s.colour}
                  stroke={s.colour}
                  strokeWidth={1.5}
                  role="button"
                  tabIndex={0}
                  aria-label={`${s.label} session ${p.x}: ${format(p.y)}${p.low !== undefined ? ` (interval ${format(p.low)} to ${format(p.high!)})` : ''}`}
                  onClick={() => onSelect(s.id, p.x)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(s.id, p.x);
                    }
                  }}
                />
              ))}
            </g>
          );
        })}
      </svg>
      <ChartLegend title={title} series={series} onExport={() => svg.current && exportSvg(svg.current, title)} />
    </figure>
  );
}

/** A chart's legend: a swatch and name per series (dashed where the line is), and the SVG export. */
export function ChartLegend({ title, series, onExport }: { readonly title: string; readonly series: readonly { id: string; label: string; colour: string; dashed?: boolean }[]; readonly onExport: () => void }) {
  return (
    <p className="chart-legend">
      {series.map((s) => (
        <span key={s.id}>
          <span className={`swatch${s.dashed ? ' dashed' : ''}`} style={{ background: s.colour }} aria-hidden="true" /> <bdi>{s.label}</bdi>
        </span>
      ))}
      <button type="button" className="link-button" aria-label={`Export ${title} as SVG`} onClick={onExport}>
        SVG
      </button>
    </p>
  );
}

/** The chart as a standalone SVG file: its own styles inlined, interactive attributes left in. */
export function svgText(element: SVGSVGElement, title: string, width = WIDTH, height = HEIGHT): string {
  const copy = element.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(width * 2));
  copy.setAttribute('height', String(height * 2));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = '.grid{stroke:#8b949e;stroke-opacity:.25}.tick{font:9px system-ui,sans-serif;fill:#6e7681}.current{stroke:#8b949e;stroke-dasharray:3 3}';
  const heading = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  heading.textContent = title;
  copy.prepend(style);
  copy.prepend(heading);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export function exportSvg(element: SVGSVGElement, title: string, width = WIDTH, height = HEIGHT): void {
  download(new Blob([svgText(element, title, width, height)], { type: 'image/svg+xml' }), `${title.replace(/[^\w.-]+/g, '_')}.svg`);
}
