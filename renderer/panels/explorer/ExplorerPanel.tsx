import { explorerStore, useExplorer } from '../../state/explorerStore';
import { useView } from '../../state/viewStore';
import { CorrelationChart, seriesByCondition, type CorrelationSeries } from '../summary/CorrelationChart';
import { conditionColour } from '../conditionColours';
import { download } from '../../platform/download';
import { sessionPoints, type SessionPoint } from '../../../shared/network/sessionPoints';
import { HYPOTHESIS_PARAMETERS, simulateHypothesis, type HypothesisModel, type HypothesisOptions, type HypothesisParameter } from '../../../shared/simulate/hypotheses';
import { writeChorusJson } from '../../../shared/formats/chorusJson';
import type { Timeline } from '../../../shared/network/timeline';

const MODEL_NAMES: Record<HypothesisModel, string> = { feedback: 'Feedback (inference)', efficient: 'Efficient coding (decorrelation)' };

interface ExplorerProps {
  /** Simulate and show these options (the analysis client; it cancels the update before). */
  readonly onChange: (options: HypothesisOptions, compare: boolean) => void;
  /** Keep the simulated dataset as the workspace's and leave the explorer. */
  readonly onClose: () => void;
}

/**
 * Two hypotheses of learning, live: a model, its parameters as labelled sliders, and the "correlation vs
 * redundancy" chart of its sessions (both models side by side on request). Every change re-simulates and
 * re-analyses in the worker, which drops the update before it; the network shows the model's last task
 * session. The simple form (?explore=simple) has two big toggles and one slider, for a kiosk.
 */
export function ExplorerPanel({ onChange, onClose }: ExplorerProps) {
  const options = useExplorer((s) => s.options);
  const compare = useExplorer((s) => s.compare);
  const simple = useExplorer((s) => s.simple);
  const otherPoints = useExplorer((s) => s.otherPoints);
  const dataPoints = useExplorer((s) => s.dataPoints);
  const lastUpdateMs = useExplorer((s) => s.lastUpdateMs);
  const timeline = useView((s) => s.timeline);
  const source = useView((s) => s.source);
  const shown = timeline && source?.startsWith('hypothesis') ? timeline : null;

  const update = (next: Partial<HypothesisOptions>, nextCompare = compare) => {
    const merged = { ...options, ...next };
    explorerStore.setState({ options: merged, compare: nextCompare });
    onChange(merged, nextCompare);
  };
  const series = [...explorerSeries(shown, options.model, compare ? otherPoints : null), ...dataSeries(dataPoints)];
  const sliders = simple ? HYPOTHESIS_PARAMETERS.filter((p) => p.key === 'learning') : HYPOTHESIS_PARAMETERS;

  return (
    <section className={`explorer-panel${simple ? ' simple' : ''}`} aria-label="Hypothesis explorer">
      <h2>Two hypotheses of learning</h2>
      <fieldset className="explorer-models">
        <legend>Model</legend>
        {(['feedback', 'efficient'] as const).map((model) =>
          simple ? (
            <button key={model} type="button" className="big-toggle" aria-pressed={options.model === model} onClick={() => update({ model })}>
              {model === 'feedback' ? 'Brain with feedback' : 'Brain that decorrelates'}
            </button>
          ) : (
            <label key={model} className="check">
              <input type="radio" name="explorer-model" checked={options.model === model} onChange={() => update({ model })} /> {MODEL_NAMES[model]}
            </label>
          ),
        )}
        {!simple && (
          <label className="check">
            <input type="checkbox" checked={compare} onChange={(event) => update({}, event.target.checked)} /> Both side by side on the chart
          </label>
        )}
      </fieldset>
      {sliders.map((p) => (
        <label key={p.key} className="field slider-field" title={p.meaning}>
          <span>
            {p.label} ({p.symbol})
          </span>
          <input
            type="range"
            min={p.min}
            max={p.max}
            step={p.step}
            value={options[p.key as HypothesisParameter]}
            onChange={(event) => update({ [p.key]: Number(event.target.value) })}
          />
          <output>{formatValue(options[p.key as HypothesisParameter], p.step)}</output>
        </label>
      ))}
      <p className="panel-note" role="status" aria-label="Explorer status">
        {lastUpdateMs === null ? 'Simulating…' : `Simulated and analysed in ${Math.round(lastUpdateMs)} ms. `}
        {options.model === 'feedback'
          ? 'Feedback adds noise along the stimulus direction: neurons share more of the same information, and redundancy grows with learning.'
          : 'Decorrelation removes shared noise: correlations fall, and redundancy does not rise — correlation is not redundancy.'}
      </p>
      <CorrelationChart title="Correlation vs redundancy (explorer)" series={series} />
      {!simple && (
        <div className="explorer-actions">
          <button type="button" onClick={onClose}>
            Open as dataset
          </button>
          <button type="button" onClick={() => saveDataset(options)}>
            Save dataset
          </button>
        </div>
      )}
    </section>
  );
}

function formatValue(value: number, step: number): string {
  return step >= 1 ? String(value) : value.toFixed(2);
}

/** The shown model's sessions (task and passive) from the timeline, and the other model's when compared. */
export function explorerSeries(
  timeline: Timeline | null,
  model: HypothesisModel,
  other: { readonly model: HypothesisModel; readonly points: readonly SessionPoint[] } | null,
): CorrelationSeries[] {
  const lines = (which: HypothesisModel, points: readonly SessionPoint[], dashed: boolean) =>
    seriesByCondition(points, (condition) => {
      const c = timeline?.conditions.indexOf(condition) ?? -1;
      return {
        id: `${which}-${condition}`,
        label: `${which === 'feedback' ? 'Feedback' : 'Decorrelation'}, ${condition}`,
        colour: timeline && c >= 0 ? conditionColour(timeline, c) : '#999999',
        dashed,
      };
    });
  return [...(timeline ? lines(model, sessionPoints(timeline.frames), false) : []), ...(other && other.model !== model ? lines(other.model, other.points, true) : [])];
}

/** The data that was on screen, grey, one line per condition, named by the dataset. */
function dataSeries(data: { readonly name: string; readonly points: readonly SessionPoint[] } | null): CorrelationSeries[] {
  if (!data) return [];
  const greys = ['#8b949e', '#c9d1d9', '#6e7681'];
  const conditions = [...new Set(data.points.map((p) => p.condition))];
  return seriesByCondition(data.points, (condition) => ({
    id: `data-${condition}`,
    label: `Data (${data.name}), ${condition}`,
    colour: greys[conditions.indexOf(condition) % greys.length]!,
  }));
}

function saveDataset(options: HypothesisOptions): void {
  // The simulation is seeded and cheap: the page makes the same dataset the worker shows.
  const dataset = simulateHypothesis(options);
  download(new Blob([writeChorusJson(dataset)], { type: 'application/json' }), `hypothesis-${options.model}-seed${options.seed}.chorus.json`);
}
