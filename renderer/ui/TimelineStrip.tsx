import { timelineFrameIndex } from '../../shared/network/timeline';
import { useView, viewStore, framesInCondition } from '../state/viewStore';

const WIDTH = 600;
const HEIGHT = 46;
const PAD = 6;

/**
 * The current condition's frames as a strip: sessions (numbered blocks) and epochs (a tick each), the population
 * redundancy drawn along it as a sparkline, the current frame marked. Click to jump; the Session slider
 * and ← → are its keyboard equivalents.
 */
export function TimelineStrip() {
  const timeline = useView((s) => s.timeline);
  const conditionIndex = useView((s) => s.conditionIndex);
  const frame = useView((s) => Math.round(s.position));
  if (!timeline) return null;
  const sessions = timeline.sessionsPerCondition[conditionIndex]!;
  const epochs = timeline.epochs.length;
  const count = sessions * epochs;
  const x = (k: number) => PAD + (count <= 1 ? 0 : (k / (count - 1)) * (WIDTH - 2 * PAD));
  const values = Array.from({ length: count }, (_, k) => timeline.frames[timelineFrameIndex(timeline, conditionIndex, Math.floor(k / epochs), k % epochs)]!.population.redundancy);
  const [min, max] = [Math.min(0, ...values), Math.max(...values, 1e-9)];
  const y = (v: number) => HEIGHT - 14 - ((v - min) / (max - min || 1)) * (HEIGHT - 22);
  const jump = (event: React.MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const k = Math.round(((event.clientX - box.left) / box.width) * WIDTH - PAD) / ((WIDTH - 2 * PAD) / Math.max(1, count - 1));
    const clamped = Math.max(0, Math.min(framesInCondition(viewStore.getState()) - 1, Math.round(k)));
    viewStore.setState({ position: clamped, playing: false });
  };
  return (
    <svg className="timeline-strip" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="group" aria-label={`Timeline of ${timeline.conditions[conditionIndex]}: ${sessions} days, with the population redundancy along it`} onClick={jump}>
      {Array.from({ length: sessions }, (_, s) => (
        <g key={s}>
          <rect x={x(s * epochs) - 2} y={HEIGHT - 12} width={Math.max(4, x((s + 1) * epochs - 1) - x(s * epochs) + 4)} height={10} className={s % 2 ? 'strip-session odd' : 'strip-session'} />
          {sessions <= 24 && (
            <text x={(x(s * epochs) + x((s + 1) * epochs - 1)) / 2} y={HEIGHT - 4} textAnchor="middle" className="tick">
              {s + 1}
            </text>
          )}
        </g>
      ))}
      {count <= 240 && Array.from({ length: count }, (_, k) => <line key={k} x1={x(k)} x2={x(k)} y1={HEIGHT - 15} y2={HEIGHT - 12} className="strip-epoch" />)}
      <polyline points={values.map((v, k) => `${x(k)},${y(v)}`).join(' ')} fill="none" className="sparkline" />
      <line x1={x(frame)} x2={x(frame)} y1={2} y2={HEIGHT - 2} className="strip-current" />
      <circle cx={x(frame)} cy={y(values[Math.min(frame, count - 1)] ?? 0)} r={3} className="strip-dot" />
    </svg>
  );
}
