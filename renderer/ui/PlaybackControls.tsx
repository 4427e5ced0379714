import { currentFrame, useView, viewActions } from '../state/viewStore';

/** Play/Pause, Session slider, Epoch and Condition — each labelled for screen readers and tests. */
export function PlaybackControls() {
  const timeline = useView((s) => s.timeline);
  const playing = useView((s) => s.playing);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const disabled = timeline === null;
  const sessions = timeline?.sessionsPerCondition[conditionIndex] ?? 1;

  return (
    <div className="controls" role="group" aria-label="Playback">
      <button type="button" className="play" onClick={viewActions.togglePlay} disabled={disabled} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>

      <label className="field">
        <span>Session</span>
        <input
          type="range"
          min={1}
          max={sessions}
          step={1}
          value={sessionOrdinal + 1}
          disabled={disabled}
          aria-valuetext={`Session ${sessionOrdinal + 1} of ${sessions}`}
          onChange={(event) => viewActions.setSession(Number(event.target.value) - 1)}
        />
      </label>

      <label className="field">
        <span>Epoch</span>
        <select value={epochIndex} disabled={disabled} onChange={(event) => viewActions.setEpoch(Number(event.target.value))}>
          {(timeline?.epochs ?? ['—']).map((name, index) => (
            <option key={name} value={index}>
              {name}
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
            {capitalise(condition)}
          </label>
        ))}
      </div>
    </div>
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
