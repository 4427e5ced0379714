import { useEffect, useRef, useState } from 'react';
import { currentFrame, useView, viewActions } from '../../state/viewStore';
import type { AppStatistics } from '../../workers/protocol';
import type { Timeline } from '../../../shared/network/timeline';
import { SessionChart, type ChartSeries } from './SessionChart';
import { ExportControls } from './ExportControls';
import type { ExportReply } from '../../workers/analysisClient';
import { CorrelationChart, datasetSeries } from './CorrelationChart';
import { capitalise } from '../../ui/PlaybackControls';
import { conditionColour } from '../conditionColours';
import { INTERVAL_METHOD_TEXT } from '../../../shared/analysis/populationIntervals';
import type { SessionBehaviour } from '../../../shared/analysis/behaviour';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../shared/analysis/settings';


type Measure = 'redundancy' | 'fisher' | 'noise';

/**
 * Population measures over sessions for the current epoch, every condition in one chart, with 95%
 * intervals (exact-Gaussian, populationIntervals.ts) once the statistics pass is done; the learning trend and task − passive tests below.
 */
export function SummaryPanel({ onCancelStatistics, collapse, exportResults }: { onCancelStatistics: () => void; collapse: boolean; exportResults: () => Promise<ExportReply> }) {
  const [open, setOpen] = useState(true);
  // The split view's task pane is half the width: the panel folds away while it is shown (its button
  // brings it back) and is as it was when the view leaves split.
  const beforeCollapse = useRef<boolean | null>(null);
  useEffect(() => {
    if (collapse) {
      setOpen((was) => ((beforeCollapse.current = was), false));
    } else if (beforeCollapse.current !== null) {
      setOpen(beforeCollapse.current);
      beforeCollapse.current = null;
    }
  }, [collapse]);
  const timeline = useView((s) => s.timeline);
  const statistics = useView((s) => s.statistics);
  const progress = useView((s) => s.statisticsProgress);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  if (!timeline) return null;
  const epoch = timeline.epochs[epochIndex]!;
  const select = (seriesId: string, x: number) => viewActions.showSession(timeline.conditions.indexOf(seriesId.replace(/-shuffled$/, '')), x - 1);
  const sessions = Math.max(...timeline.sessionsPerCondition);
  const chart = (measure: Measure, title: string, format: (v: number) => string, undefinedReason?: string) => (
    <SessionChart
      title={title}
      series={seriesFor(timeline, statistics, epoch, measure)}
      xCount={Math.max(...timeline.sessionsPerCondition)}
      currentX={sessionOrdinal + 1}
      format={format}
      onSelect={select}
      {...(undefinedReason ? { undefinedReason } : {})}
    />
  );

  return (
    <section className={`summary-panel ${open ? 'open' : 'closed'}`} aria-label="Summary">
      <button type="button" className="panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Summary
      </button>
      {open && (
        <div className="panel-body">
          <p className="panel-note">
            Epoch <strong><bdi>{epoch}</bdi></strong>; current: session {sessionOrdinal + 1}, <bdi>{timeline.conditions[conditionIndex]}</bdi>.{' '}
            {statistics ? intervalNote(statistics) : ''}
          </p>
          {sessions === 1 && (
            <p className="panel-note single-session" aria-label="Single session">
              <strong>One session{timeline.conditions.length > 1 ? ' per condition' : ''}: learning across sessions cannot be shown.</strong> What can: this
              session&apos;s population measures in each epoch (← →){timeline.comparison ? ', and task against passive' : ''}.
            </p>
          )}
          {progress && (
            <div className="statistics-progress">
              <span id="statistics-label">
                Confidence intervals and tests: {progress.done} of {progress.total} frames
              </span>
              <progress aria-label="Statistics progress" max={progress.total} value={progress.done} />
              <button type="button" onClick={onCancelStatistics}>
                Cancel statistics
              </button>
            </div>
          )}
          {chart('redundancy', 'Population redundancy I_shuffle − I', (v) => v.toFixed(2))}
          {statistics && statistics.summary.behaviour.length > 0 && (
            <SessionChart
              title="Behaviour: percent correct"
              series={behaviourSeries(timeline, statistics, (b) => b.percentCorrect)}
              xCount={Math.max(...timeline.sessionsPerCondition)}
              currentX={sessionOrdinal + 1}
              format={(v) => `${v.toFixed(1)}%`}
              onSelect={select}
            />
          )}
          {statistics && statistics.summary.behaviour.some((b) => b.psychometric !== null) && (
            <SessionChart
              title="Behaviour: psychometric threshold (stimulus units, 50% → 75% of choices)"
              series={behaviourSeries(timeline, statistics, (b) => b.psychometric?.threshold ?? null)}
              xCount={Math.max(...timeline.sessionsPerCondition)}
              currentX={sessionOrdinal + 1}
              format={(v) => v.toPrecision(3)}
              onSelect={select}
            />
          )}
          {chart('fisher', 'Fisher information I and I_shuffle (bias-corrected)', (v) => v.toFixed(2))}
          {chart('noise', 'Mean noise correlation', (v) => v.toFixed(3), 'a noise correlation needs two neurons recorded together')}
          <CorrelationChart title="Correlation vs redundancy" series={datasetSeries(timeline, epoch)} />
          {statistics && <SummaryTests statistics={statistics} epoch={epoch} />}
          <ExportControls exportResults={exportResults} />
        </div>
      )}
    </section>
  );
}

/** A behaviour measure per session, one line per condition with behaviour, at the sessions' places on the x axis. */
function behaviourSeries(timeline: Timeline, statistics: AppStatistics, measure: (b: SessionBehaviour) => number | null): ChartSeries[] {
  return timeline.conditions.flatMap((condition, c) => {
    const points = statistics.summary.behaviour
      .filter((b) => b.condition === condition)
      .flatMap((b) => {
        const frame = timeline.frames.find((f) => f.session === b.session);
        const y = measure(b);
        return frame && y !== null ? [{ x: frame.sessionOrdinal + 1, y }] : [];
      });
    return points.length === 0 ? [] : [{ id: condition, label: capitalise(condition), colour: conditionColour(timeline, c), points }];
  });
}

function seriesFor(timeline: Timeline, statistics: AppStatistics | null, epoch: string, measure: Measure): ChartSeries[] {
  const main = mainSeries(timeline, statistics, epoch, measure);
  if (measure !== 'fisher') return main;
  // I_shuffle beside I: the gap between the dashed and the solid line is the redundancy.
  const shuffled = timeline.conditions.map((condition, c) => ({
    id: `${condition}-shuffled`,
    label: `${capitalise(condition)} I_shuffle`,
    colour: conditionColour(timeline, c),
    dashed: true,
    points: timeline.frames
      .filter((f) => f.condition === condition && f.epoch === epoch)
      .map((frame) => {
        const interval = statistics?.frames.find((s) => s.session === frame.session && s.epoch === epoch)?.intervals?.fisherShuffled;
        return { x: frame.sessionOrdinal + 1, y: frame.population.fisherShuffled, ...(interval ? { low: interval.low, high: interval.high } : {}) };
      }),
  }));
  return [...main, ...shuffled];
}

function mainSeries(timeline: Timeline, statistics: AppStatistics | null, epoch: string, measure: Measure): ChartSeries[] {
  return timeline.conditions.map((condition, c) => {
    const frames = timeline.frames.filter((f) => f.condition === condition && f.epoch === epoch);
    return {
      id: condition,
      label: capitalise(condition),
      colour: conditionColour(timeline, c),
      points: frames.map((frame) => {
        const stats = statistics?.frames.find((s) => s.session === frame.session && s.epoch === epoch);
        const interval =
          measure === 'redundancy' ? stats?.intervals?.redundancy : measure === 'fisher' ? stats?.intervals?.fisher : undefined;
        const y =
          measure === 'redundancy'
            ? frame.population.redundancy
            : measure === 'fisher'
              ? frame.population.fisher
              : frame.population.meanNoiseCorrelation;
        return { x: frame.sessionOrdinal + 1, y, ...(interval ? { low: interval.low, high: interval.high } : {}) };
      }),
    };
  });
}

function SummaryTests({ statistics, epoch }: { statistics: AppStatistics; epoch: string }) {
  const learning = statistics.summary.learning.filter((t) => t.epoch === epoch);
  const comparison = statistics.summary.taskVsPassive.find((t) => t.epoch === epoch);
  const withBehaviour = statistics.summary.redundancyVsBehaviour.filter((t) => t.epoch === epoch && t.rho !== null);
  const p = (value: number) => (value < 0.001 ? 'p < 0.001' : `p = ${value.toPrecision(2)}`);
  return (
    <div className="summary-tests" aria-label="Tests">
      <h3>Learning trend (redundancy over sessions)</h3>
      <ul>
        {learning.map((t) => (
          <li key={t.condition}>
            <bdi>{capitalise(t.condition)}</bdi>: slope {t.slope >= 0 ? '+' : ''}
            {t.slope.toFixed(3)} per session, {p(t.p)}
            {t.p < 0.05 ? (t.slope > 0 ? ' — rises' : ' — falls') : ' — no significant trend'}
            {t.test === 'least squares' ? ' (least squares, sessions unweighted)' : ' (sessions weighted by precision)'}
          </li>
        ))}
      </ul>
      {withBehaviour.map((t) => (
        <p key={t.condition}>
          Redundancy against percent correct, <bdi>{t.condition}</bdi> sessions: Spearman ρ = {t.rho!.toFixed(2)} ({t.sessions} sessions, {p(t.p!)})
        </p>
      ))}
      {comparison && (
        <p>
          Task − passive, same days: {comparison.meanDifference >= 0 ? '+' : ''}
          {comparison.meanDifference.toFixed(3)} ({comparison.pairs} days; days weighted by precision, {p(comparison.p)}; paired sign-flip {p(comparison.signFlipP)}, paired t {p(comparison.pairedTP)})
        </p>
      )}
      <p className="panel-note">
        {statistics.fixedNeurons !== null ? `Tests use N = ${statistics.fixedNeurons} neurons in every session. ` : ''}
        {statistics.settings.permutations} permutations, seed {statistics.settings.seed}.
      </p>
    </div>
  );
}

/** Says which 95% intervals the bands are, and how they were made (the results file records the same). */
function intervalNote(statistics: AppStatistics): string {
  const frame = statistics.frames.find((f) => f.intervals !== null);
  const bands = frame?.intervals ? `Bands: 95% intervals (${INTERVAL_METHOD_TEXT}; ${frame.intervals.draws} draws). ` : '';
  return `${bands}${settingsNote(statistics.settings)}`;
}

/** Which statistics settings gave these intervals and tests, and whether they are `chorus analyze`'s defaults. */
function settingsNote(settings: AnalysisSettings): string {
  const counted = (['intervalDraws', 'shuffles', 'permutations', 'subsets'] as const).every((key) => settings[key] === DEFAULT_SETTINGS[key]) && settings.seed === DEFAULT_SETTINGS.seed;
  const chosen = [
    settings.discriminate ? ` Discriminating stimulus ${settings.discriminate[0]} from ${settings.discriminate[1]} (--discriminate ${settings.discriminate.join(',')}).` : '',
    settings.fixedNeurons !== null ? ` Fixed N = ${settings.fixedNeurons} neurons (--neurons ${settings.fixedNeurons}).` : '',
  ].join('');
  return `Statistics: ${settings.intervalDraws} interval draws, ${settings.shuffles} trial shuffles, ${settings.permutations} permutations, ${settings.subsets} subsets, seed ${settings.seed}${counted ? ' (the defaults of chorus analyze)' : ''}.${chosen}`;
}
