import { useRef } from 'react';
import { sessionPoints, type SessionPoint } from '../../../shared/network/sessionPoints';
import type { Timeline } from '../../../shared/network/timeline';
import { capitalise } from '../../ui/PlaybackControls';
import { conditionColour } from '../conditionColours';
import { ChartLegend, exportSvg } from './SessionChart';

/** One line of the chart: a condition of a model or of the data, its sessions in learning order. */
export interface CorrelationSeries {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly dashed?: boolean;
  readonly points: readonly SessionPoint[];
}

const WIDTH = 340;
const HEIGHT = 200;
const PAD = { left: 46, right: 12, top: 12, bottom: 30 };

/**
 * "Correlation vs redundancy": mean noise correlation (x) against population redundancy (y), one point
 * per session, arrows in learning order. Decorrelation moves a line left; growing redundancy moves it up;
 * the two are different things, and the chart shows which one a model — or the data — does. Each line is
 * a list of its sessions for assistive technology (not images: the scene is the page's one image).
 */
export function CorrelationChart({ title, series }: { readonly title: string; readonly series: readonly CorrelationSeries[] }) {
  const svg = useRef<SVGSVGElement>(null);
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const range = (values: number[]) => {
    let [min, max] = [Math.min(...values), Math.max(...values)];
    if (max - min < 1e-9) [min, max] = [min - 0.01, max + 0.01];
    const margin = (max - min) * 0.08;
    return [min - margin, max + margin] as const;
  };
  const [xMin, xMax] = range(all.map((p) => p.meanNoiseCorrelation));
  const [yMin, yMax] = range(all.map((p) => p.redundancy));
  const x = (v: number) => PAD.left + ((v - xMin) / (xMax - xMin)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * (HEIGHT - PAD.top - PAD.bottom);
  const xTicks = [xMin, (xMin + xMax) / 2, xMax];
  const yTicks = [yMin, (yMin + yMax) / 2, yMax];
  const markerOf = (s: CorrelationSeries) => `arrow-${s.id.replace(/[^\w-]/g, '')}`;

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg ref={svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={title} xmlns="http://www.w3.org/2000/svg">
        <defs>
          {series.map((s) => (
            <marker key={s.id} id={markerOf(s)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10Z" fill={s.colour} />
            </marker>
          ))}
        </defs>
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={PAD.left - 4} y={y(tick) + 3} textAnchor="end" className="tick">
              {tick.toFixed(3)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text key={`x${tick}`} x={x(tick)} y={HEIGHT - 16} textAnchor="middle" className="tick">
            {tick.toFixed(3)}
          </text>
        ))}
        <text x={(PAD.left + WIDTH - PAD.right) / 2} y={HEIGHT - 3} textAnchor="middle" className="tick">
          mean noise correlation →
        </text>
        <text x={10} y={PAD.top + 4} className="tick" transform={`rotate(90 10 ${PAD.top + 4})`}>
          redundancy →
        </text>
        {series.map((s) => (
          <g key={s.id} role="list" aria-label={s.label}>
            {s.points.slice(1).map((p, k) => {
              const from = s.points[k]!;
              return (
                <line
                  key={p.order}
                  x1={x(from.meanNoiseCorrelation)}
                  y1={y(from.redundancy)}
                  x2={x(p.meanNoiseCorrelation)}
                  y2={y(p.redundancy)}
                  stroke={s.colour}
                  strokeWidth={1.5}
                  strokeDasharray={s.dashed ? '4 3' : undefined}
                  markerEnd={`url(#${markerOf(s)})`}
                />
              );
            })}
            {s.points.map((p) => (
              <circle
                key={p.order}
                cx={x(p.meanNoiseCorrelation)}
                cy={y(p.redundancy)}
                r={3.5}
                fill={s.colour}
                role="listitem"
                tabIndex={0}
                aria-label={`${s.label} session ${p.order}: noise correlation ${p.meanNoiseCorrelation.toFixed(3)}, redundancy ${p.redundancy.toFixed(3)}`}
              />
            ))}
          </g>
        ))}
      </svg>
      <ChartLegend title={title} series={series} onExport={() => svg.current && exportSvg(svg.current, title, WIDTH, HEIGHT)} />
    </figure>
  );
}

/**
 * One line per condition of `points`, in the order of `conditions` (default: as they first appear),
 * styled by `style`; conditions without points have no line.
 */
export function seriesByCondition(
  points: readonly SessionPoint[],
  style: (condition: string) => Omit<CorrelationSeries, 'points'>,
  conditions: readonly string[] = [...new Set(points.map((p) => p.condition))],
): CorrelationSeries[] {
  return conditions.flatMap((condition) => {
    const mine = points.filter((p) => p.condition === condition);
    return mine.length === 0 ? [] : [{ ...style(condition), points: mine }];
  });
}

/** The data's own sessions on the same axes (the Summary panel offers it for any dataset). */
export function datasetSeries(timeline: Timeline, epoch: string): CorrelationSeries[] {
  return seriesByCondition(
    sessionPoints(timeline.frames, epoch),
    (condition) => ({ id: condition, label: capitalise(condition), colour: conditionColour(timeline, timeline.conditions.indexOf(condition)) }),
    timeline.conditions,
  );
}

