import { currentFrame, useView } from '../state/viewStore';
import { timelineFrameIndex } from '../../shared/network/timeline';

/** "Session 3 of 10 · pre-decision · task", plus the frame's population redundancy. */
export function StatusLine() {
  const timeline = useView((s) => s.timeline);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  if (!timeline) return <p className="status" role="status">No dataset loaded</p>;
  const sessions = timeline.sessionsPerCondition[conditionIndex]!;
  const frame = timeline.frames[timelineFrameIndex(timeline, conditionIndex, sessionOrdinal, epochIndex)]!;
  const { redundancy, redundancyPercent } = frame.population;
  return (
    <div className="status-block">
      <p className="status" role="status" aria-label="Current frame">
        Session {sessionOrdinal + 1} of {sessions} · <bdi>{timeline.epochs[epochIndex]}</bdi> · <bdi>{timeline.conditions[conditionIndex]}</bdi>
      </p>
      <p className="measure" aria-label="Population redundancy">
        Redundancy I<sub>shuffle</sub> − I = {redundancy.toFixed(3)}
        {redundancyPercent !== null ? ` (${redundancyPercent.toFixed(0)}% of I_shuffle)` : ''} · session {frame.session}
      </p>
    </div>
  );
}
