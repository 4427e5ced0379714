import { SessionChart, type ChartSeries } from '../summary/SessionChart';
import { capitalise } from '../../ui/PlaybackControls';
import { viewActions } from '../../state/viewStore';
import type { AppStatistics } from '../../workers/protocol';
import type { Timeline } from '../../../shared/network/timeline';
import type { FrameStatistics } from '../../../shared/analysis/frameStatistics';
import { INTERVAL_METHOD_TEXT } from '../../../shared/analysis/populationIntervals';
import { DECODER_METHOD_TEXT } from '../../../shared/analysis/decoders';

/** Okabe–Ito: I_bc, the diagonal decoder and the cross-validated decoder, told apart by colour and dash. */
const DECODER_COLOURS = { fisher: '#0072B2', diagonal: '#E69F00', crossValidated: '#D55E00' };

interface PopulationViewProps {
  readonly timeline: Timeline;
  readonly statistics: AppStatistics | null;
  readonly conditionIndex: number;
  readonly sessionOrdinal: number;
  readonly epochIndex: number;
}

/**
 * The population at a glance, in the inspector while nothing is picked: I_bc with its 95% interval, and
 * the decoder checks of the current condition over sessions — I_bc beside what a correlation-blind
 * decoder (I_diag) and a cross-validated logistic decoder get from the same trials — with this frame's
 * numbers in a table.
 */
export function PopulationView({ timeline, statistics, conditionIndex, sessionOrdinal, epochIndex }: PopulationViewProps) {
  const epoch = timeline.epochs[epochIndex]!;
  const condition = timeline.conditions[conditionIndex]!;
  const statsOf = (session: string): FrameStatistics | undefined => statistics?.frames.find((s) => s.session === session && s.epoch === epoch);
  const frames = timeline.frames.filter((f) => f.condition === condition && f.epoch === epoch);
  const current = frames.find((f) => f.sessionOrdinal === sessionOrdinal);
  const currentStats = current ? statsOf(current.session) : undefined;
  const decoderSeries = (id: 'diagonal' | 'crossValidated', label: string): ChartSeries => ({
    id,
    label,
    colour: DECODER_COLOURS[id],
    dashed: true,
    points: frames.flatMap((frame) => {
      const value = statsOf(frame.session)?.decoders?.[id];
      return value === null || value === undefined ? [] : [{ x: frame.sessionOrdinal + 1, y: value }];
    }),
  });
  const series: ChartSeries[] = [
    {
      id: 'fisher',
      label: 'I_bc',
      colour: DECODER_COLOURS.fisher,
      points: frames.map((frame) => {
        const interval = statsOf(frame.session)?.intervals?.fisher;
        return { x: frame.sessionOrdinal + 1, y: frame.population.fisher, ...(interval ? { low: interval.low, high: interval.high } : {}) };
      }),
    },
    ...(statistics ? [decoderSeries('diagonal', 'I_diag (ignores correlations)'), decoderSeries('crossValidated', 'Logistic decoder, held-out trials')] : []),
  ];
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toPrecision(3));
  const interval = (low?: number, high?: number) => (low === undefined || high === undefined ? '' : ` [${low.toPrecision(3)}, ${high.toPrecision(3)}]`);
  const intervals = currentStats?.intervals ?? null;
  const decoders = currentStats?.decoders ?? null;

  return (
    <>
      <h3>
        Population · <bdi>{capitalise(condition)}</bdi> · <bdi>{epoch}</bdi>
      </h3>
      <SessionChart
        title={`Decoder checks, ${condition}`}
        series={series}
        xCount={Math.max(...timeline.sessionsPerCondition)}
        currentX={sessionOrdinal + 1}
        format={(v) => v.toPrecision(3)}
        onSelect={(_, x) => viewActions.showSession(conditionIndex, x - 1)}
      />
      {current && (
        <table className="population-table">
          <caption>Session {sessionOrdinal + 1} (95% intervals)</caption>
          <tbody>
            {(
              [
                ['I_bc', current.population.fisher, intervals?.fisher],
                ['I_shuffle', current.population.fisherShuffled, intervals?.fisherShuffled],
                ['I_red', current.population.redundancy, intervals?.redundancy],
                ['I_diag', decoders?.diagonal, undefined],
                ['Logistic, held out', decoders?.crossValidated, undefined],
              ] as const
            ).map(([name, value, band]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  {number(value)}
                  {interval(band?.low, band?.high)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="panel-note">
        {statistics
          ? decoders
            ? `A decoder trained on other trials should find no more than I_bc (it is a lower bound); I_diag below I_bc is what knowing the noise correlations is worth. Decoders: ${DECODER_METHOD_TEXT} (${decoders.folds} folds). Intervals: ${INTERVAL_METHOD_TEXT}.`
            : `Decoder checks were not computed for this frame. Intervals: ${INTERVAL_METHOD_TEXT}.`
          : 'Intervals and decoder checks appear when the statistics pass is done.'}
      </p>
    </>
  );
}
