import { currentFrame, useView, viewActions } from '../state/viewStore';
import { isolated } from './isolated';

/** Play/Pause, Session slider, Epoch and Condition — each labelled for screen readers and tests. */
export function PlaybackControls() {
  const timeline = useView((s) => s.timeline);
  const playing = useView((s) => s.playing);
  const speed = useView((s) => s.speed);
  const loop = useView((s) => s.loop);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const disabled = timeline === null;
  const sessions = timeline?.sessionsPerCondition[conditionIndex] ?? 1;
  // One frame (one session, one epoch) has nothing to play; one session plays its epochs.
  const oneFrame = sessions * (timeline?.epochs.length ?? 1) < 2;

  return (
    <div className="controls" role="group" aria-label="Playback">
      <button type="button" className="play" onClick={viewActions.togglePlay} disabled={disabled || oneFrame} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" aria-label="Previous frame" onClick={() => viewActions.step(-1)} disabled={disabled}>
        ◀
      </button>
      <button type="button" aria-label="Next frame" onClick={() => viewActions.step(1)} disabled={disabled}>
        ▶
      </button>

      <label className="field narrow">
        <span>Speed</span>
        <select value={speed} onChange={(event) => viewActions.setSpeed(Number(event.target.value))}>
          {[0.3, 0.6, 1.2, 2.4, 4.8].map((value) => (
            <option key={value} value={value}>
              {value} frames/s
            </option>
          ))}
        </select>
      </label>
      <label className="field check">
        <input type="checkbox" checked={loop} onChange={(event) => viewActions.setLoop(event.target.checked)} />
        <span>Loop</span>
      </label>

      <label className="field">
        <span>Session</span>
        <input
          type="range"
          min={1}
          max={sessions}
          step={1}
          value={sessionOrdinal + 1}
          disabled={disabled || sessions < 2}
          aria-valuetext={`Session ${sessionOrdinal + 1} of ${sessions}`}
          onChange={(event) => viewActions.setSession(Number(event.target.value) - 1)}
        />
      </label>

      <label className="field">
        <span>Epoch</span>
        <select value={epochIndex} disabled={disabled} onChange={(event) => viewActions.setEpoch(Number(event.target.value))}>
          {(timeline?.epochs ?? ['—']).map((name, index) => (
            <option key={name} value={index}>
              {isolated(name)}
            </option>
          ))}
        </select>
      </label>

      <div className="field condition" role="radiogroup" aria-labelledby="condition-label">
        <span id="condition-label">Condition</span>
        {(timeline?.conditions ?? ['task', 'passive']).map((condition, index) => (
          <label key={condition} className="radio">
            <input
              type="radio"
              name="condition"
              value={condition}
              checked={index === conditionIndex}
              disabled={disabled}
              onChange={() => viewActions.setCondition(index)}
            />
            <bdi>{capitalise(condition)}</bdi>
          </label>
        ))}
      </div>
    </div>
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
