import { SessionChart, type ChartSeries } from '../summary/SessionChart';
import { capitalise } from '../../ui/PlaybackControls';
import { sceneActions, useScene } from '../../state/sceneStore';
import { currentFrame, useView, viewActions } from '../../state/viewStore';
import { timelineFrameIndex, type Timeline } from '../../../shared/network/timeline';
import { conditionColour } from '../conditionColours';
import { isolated } from '../../ui/isolated';
import { PopulationView } from './PopulationView';
import { Z_95 } from '../../../shared/analysis/populationIntervals';


/**
 * The numbers behind the picture: the population (I_bc with its interval, the decoder checks) while
 * nothing is picked; a neuron's information, mean response and choice probability over
 * sessions (current epoch, every condition) and its strongest partners; a link's noise correlation
 * (95% Fisher-z intervals) and redundancy (95% delta-method intervals) over sessions (filled points: significant against the
 * trial-shuffle null). Pick by clicking the scene, or from the list (keyboard).
 */
export function Inspector() {
  const timeline = useView((s) => s.timeline);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const selection = useScene((s) => s.selection);
  const statistics = useView((s) => s.statistics);
  if (!timeline) return null;
  const byRelevance = Array.from(timeline.neuronIds.keys()).sort((a, b) => (timeline.relevance[b]! || 0) - (timeline.relevance[a]! || 0) || a - b);
  const select = (seriesId: string, x: number) => viewActions.showSession(timeline.conditions.indexOf(seriesId), x - 1);
  const epoch = timeline.epochs[epochIndex]!;
  const xCount = Math.max(...timeline.sessionsPerCondition);
  const chart = (title: string, series: ChartSeries[], format: (v: number) => string) => (
    <SessionChart key={title} title={title} series={series} xCount={xCount} currentX={sessionOrdinal + 1} format={format} onSelect={select} />
  );
  const perCondition = (value: (frame: number) => number, extras?: (frame: number) => object): ChartSeries[] =>
    timeline.conditions.map((condition, c) => ({
      id: condition,
      label: capitalise(condition),
      colour: conditionColour(timeline, c),
      points: Array.from({ length: timeline.sessionsPerCondition[c]! }, (_, s) => {
        const f = timelineFrameIndex(timeline, c, s, epochIndex);
        const y = value(f);
        return Number.isFinite(y) ? { x: s + 1, y, ...(extras?.(f) ?? {}) } : null;
      }).filter((p): p is NonNullable<typeof p> => p !== null),
    }));

  let body: React.ReactNode = (
    <>
      <p className="panel-note">Click a neuron or a link in the network, or choose a neuron above; until then, the whole population.</p>
      <PopulationView timeline={timeline} statistics={statistics} conditionIndex={conditionIndex} sessionOrdinal={sessionOrdinal} epochIndex={epochIndex} />
    </>
  );
  if (selection?.kind === 'neuron' && selection.index < timeline.neuronIds.length) {
    const i = selection.index;
    const n = timeline.neuronIds.length;
    const edges = timeline.edges.length / 2;
    const frame = timelineFrameIndex(timeline, conditionIndex, sessionOrdinal, epochIndex);
    const partners = Array.from({ length: edges }, (_, e) => e)
      .filter((e) => timeline.edges[2 * e] === i || timeline.edges[2 * e + 1] === i)
      .map((e) => ({ e, w: timeline.edgeWeights[frame * edges + e]! }))
      .filter(({ w }) => w !== 0)
      .sort((a, b) => Math.abs(b.w) - Math.abs(a.w))
      .slice(0, 5);
    const choice = perCondition((f) => timeline.nodeChoiceProbability[f * n + i]!);
    const id = timeline.neuronIds[i]!;
    body = (
      <>
        <h3>
          Neuron <bdi>{id}</bdi>
        </h3>
        <p className="panel-note">
          Task relevance {Number.isFinite(timeline.relevance[i]!) ? timeline.relevance[i]!.toFixed(2) : 'unknown'}; preferred stimulus{' '}
          {Number.isFinite(timeline.preferredStimulus[i]!) ? timeline.preferredStimulus[i] : 'none'}; epoch{' '}
          <strong>
            <bdi>{epoch}</bdi>
          </strong>
          .
        </p>
        {chart(`Information of ${id}`, perCondition((f) => timeline.nodeWeights[f * n + i]!), (v) => v.toFixed(3))}
        {chart(`Mean response of ${id}`, perCondition((f) => timeline.nodeMeanResponse[f * n + i]!), (v) => v.toPrecision(3))}
        {choice.some((s) => s.points.length > 0) && chart(`Choice probability of ${id}`, choice, (v) => v.toFixed(2))}
        <h4>Strongest partners (this frame)</h4>
        <ul className="partners">
          {partners.map(({ e, w }) => {
            const other = timeline.edges[2 * e] === i ? timeline.edges[2 * e + 1]! : timeline.edges[2 * e]!;
            return (
              <li key={e}>
                <button type="button" className="link-button" onClick={() => sceneActions.select({ kind: 'link', edge: e })}>
                  <bdi>{timeline.neuronIds[other]}</bdi>: R = {w.toFixed(4)}
                </button>
              </li>
            );
          })}
          {partners.length === 0 && <li>none among the links kept</li>}
        </ul>
      </>
    );
  } else if (selection?.kind === 'link' && selection.edge < timeline.edges.length / 2) {
    const e = selection.edge;
    const edges = timeline.edges.length / 2;
    const [a, b] = [timeline.neuronIds[timeline.edges[2 * e]!]!, timeline.neuronIds[timeline.edges[2 * e + 1]!]!];
    const significance = timeline.edgeSignificant;
    body = (
      <>
        <h3>
          Pair <bdi>{a}</bdi> – <bdi>{b}</bdi>
        </h3>
        {chart(
          `Noise correlation of ${a} – ${b}`,
          perCondition((f) => timeline.edgeNoiseCorrelation[f * edges + e]!, (f) => fisherInterval(timeline.edgeNoiseCorrelation[f * edges + e]!, trialsOf(timeline, f))),
          (v) => v.toFixed(3),
        )}
        {chart(
          `Redundancy of ${a} – ${b}`,
          perCondition(
            (f) => timeline.edgeWeights[f * edges + e]!,
            (f) => ({ ...(significance ? { marked: significance[f * edges + e] === 1 } : {}), ...redundancyInterval(timeline, f * edges + e) }),
          ),
          (v) => v.toFixed(4),
        )}
        <p className="panel-note">
          Bands: 95% intervals — of the noise correlation from Fisher z and the trial count; of the redundancy from its delta-method standard error
          {timeline.edgeRedundancyError ? '' : ' (when the statistics pass is done)'}.{' '}
          {significance ? 'Filled points: redundancy significant against the trial-shuffle null (FDR); hollow: not.' : 'Significance appears when the statistics pass is done.'}
        </p>
        <button type="button" onClick={() => sceneActions.select({ kind: 'neuron', index: timeline.edges[2 * e]! })}>
          Inspect <bdi>{a}</bdi>
        </button>{' '}
        <button type="button" onClick={() => sceneActions.select({ kind: 'neuron', index: timeline.edges[2 * e + 1]! })}>
          Inspect <bdi>{b}</bdi>
        </button>
      </>
    );
  }

  return (
    <section className="inspector-panel" aria-label="Inspector">
      <div className="inspector-head">
        <label className="field">
          <span>Inspect neuron</span>
          <select value={selection?.kind === 'neuron' ? selection.index : ''} onChange={(e) => sceneActions.select(e.target.value === '' ? null : { kind: 'neuron', index: Number(e.target.value) })}>
            <option value="">(none)</option>
            {byRelevance.map((i) => (
              <option key={i} value={i}>
                {isolated(timeline.neuronIds[i]!)}
                {Number.isFinite(timeline.relevance[i]!) ? ` — relevance ${timeline.relevance[i]!.toFixed(2)}` : ''}
              </option>
            ))}
          </select>
        </label>
        {selection && (
          <button type="button" onClick={() => sceneActions.select(null)}>
            Clear selection
          </button>
        )}
      </div>
      {body}
    </section>
  );
}

function trialsOf(timeline: Timeline, frame: number): number {
  return timeline.frames[frame]?.trials ?? 0;
}

/** A link's redundancy ± Z_95 standard errors, where the statistics pass gave one. */
function redundancyInterval(timeline: Timeline, slot: number): { low: number; high: number } | Record<string, never> {
  const error = timeline.edgeRedundancyError?.[slot];
  if (error === undefined || !Number.isFinite(error)) return {};
  const value = timeline.edgeWeights[slot]!;
  return { low: value - Z_95 * error, high: value + Z_95 * error };
}

/** 95% interval of a correlation from its trial count (Fisher z: atanh r ± 1.96 / √(T − 3)). */
export function fisherInterval(r: number, trials: number): { low: number; high: number } | Record<string, never> {
  if (!(trials > 3) || !(Math.abs(r) < 1)) return {};
  const z = Math.atanh(r);
  const half = 1.96 / Math.sqrt(trials - 3);
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}
