import { useEffect, useMemo, useState } from 'react';
import { captionText } from '../../shared/story/caption';
import { formatDuration, VIDEO_FORMATS, VIDEO_FRAME_RATES, VIDEO_SIZES, type VideoFormat } from '../../shared/video/videoSettings';
import { storyToPresent } from '../presentation/storyToPresent';
import { videoExportStore } from '../state/videoExportStore';
import { currentFrame, useView, viewStore } from '../state/viewStore';
import { isolated } from '../ui/isolated';
import { ModalDialog } from '../ui/ModalDialog';
import { formatSupport, useVideoExport, type VideoOutcome, type VideoProgress } from './useVideoExport';
import { needsSignificance, orbitPlan, storyPlan } from './videoPlans';

const fileSafe = (text: string) => text.replace(/[^\w.-]+/g, '_').slice(0, 80);

/**
 * Export video…: a story (the one Present shows: the editor's, else the built-in one on the demo) or
 * the view on screen over a run of sessions with the camera circling, rendered frame by frame at a size
 * and frame rate of its own (not the window's), as MP4 (H.264) or WebM (VP9). Says when this browser
 * cannot encode a format and offers the other; shows progress with the time left, and Cancel.
 */
export function ExportVideoDialog() {
  const timeline = useView((s) => s.timeline);
  const statistics = useView((s) => s.statistics);
  const story = useMemo(() => (timeline ? storyToPresent() : null), [timeline]);
  const [source, setSource] = useState<'story' | 'orbit'>('story');
  const [sizeIndex, setSizeIndex] = useState(2);
  const [fps, setFps] = useState(30);
  const [format, setFormat] = useState<VideoFormat>('mp4');
  const sessions = timeline ? timeline.sessionsPerCondition[viewStore.getState().conditionIndex]! : 1;
  const [fromSession, setFromSession] = useState(1);
  const [toSession, setToSession] = useState(sessions);
  const [seconds, setSeconds] = useState(10);
  const [degrees, setDegrees] = useState(90);
  const [support, setSupport] = useState<Record<VideoFormat, boolean> | null>(null);
  const { progress, outcome, start } = useVideoExport();
  const size = VIDEO_SIZES[sizeIndex]!;

  useEffect(() => {
    let current = true;
    setSupport(null);
    void formatSupport(size.width, size.height, fps).then((found) => current && setSupport(found));
    return () => {
      current = false;
    };
  }, [size.width, size.height, fps]);

  const plan = useMemo(() => {
    if (!timeline) return null;
    if (source === 'story') return story && storyPlan(story, timeline, fps);
    const epochs = timeline.epochs.length;
    const { epochIndex } = currentFrame(viewStore.getState());
    return orbitPlan({ from: (fromSession - 1) * epochs + epochIndex, to: (toSession - 1) * epochs + epochIndex, seconds, orbitDegrees: degrees }, fps);
  }, [timeline, source, story, fps, fromSession, toSession, seconds, degrees]);

  const close = () => {
    progress?.controller.abort();
    videoExportStore.setState({ open: false });
  };
  const waitsForStatistics = source === 'story' && needsSignificance(story) && statistics === null;
  const unsupported = support !== null && !support[format];
  const canStart = plan !== null && progress === null && !unsupported && !waitsForStatistics && support !== null;
  const name = source === 'story' && story ? fileSafe(story.title) : `chorus-${fileSafe(timeline?.datasetName ?? 'view')}-sessions${fromSession}-${toSession}`;

  return (
    <ModalDialog titleId="video-export-title" title="Export video" className="video-export-dialog" backdropClassName="video-export-backdrop" onEscape={() => progress === null && close()}>
      <fieldset className="video-export-fields" disabled={progress !== null}>
        <legend>What the video shows</legend>
        <label className="choice">
          <input type="radio" name="video-source" checked={source === 'story'} onChange={() => setSource('story')} disabled={!story} />
          Story: <bdi>{story ? isolated(story.title) : 'none'}</bdi> {story && `(${story.steps.length} step${story.steps.length === 1 ? '' : 's'})`}
        </label>
        <label className="choice">
          <input type="radio" name="video-source" checked={source === 'orbit'} onChange={() => setSource('orbit')} />
          The view on screen over a run of sessions, the camera circling
        </label>
        {source === 'orbit' && (
          <div className="video-export-row">
            <SessionField label="From session" sessions={sessions} value={fromSession} onChange={setFromSession} />
            <SessionField label="To session" sessions={sessions} value={toSession} onChange={setToSession} />
            <label className="field narrow">
              <span>Seconds</span>
              <input type="number" min={1} max={600} step={1} value={seconds} onChange={(e) => setSeconds(Math.min(600, Math.max(1, Number(e.target.value) || 1)))} />
            </label>
            <label className="field narrow">
              <span>Orbit (degrees)</span>
              <input type="number" min={-720} max={720} step={15} value={degrees} onChange={(e) => setDegrees(Math.min(720, Math.max(-720, Number(e.target.value) || 0)))} />
            </label>
          </div>
        )}
      </fieldset>
      <fieldset className="video-export-fields" disabled={progress !== null}>
        <legend>Format</legend>
        <div className="video-export-row">
          <label className="field">
            <span>Video size</span>
            <select value={sizeIndex} onChange={(e) => setSizeIndex(Number(e.target.value))}>
              {VIDEO_SIZES.map((s, k) => (
                <option key={s.label} value={k}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field narrow">
            <span>Frame rate</span>
            <select value={fps} onChange={(e) => setFps(Number(e.target.value))}>
              {VIDEO_FRAME_RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {rate} fps
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>File type</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as VideoFormat)}>
              {(Object.keys(VIDEO_FORMATS) as VideoFormat[]).map((f) => (
                <option key={f} value={f}>
                  {VIDEO_FORMATS[f].label}
                  {support && !support[f] ? ' — not available here' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      {plan && (
        <p className="video-export-summary">
          {plan.frames} frames, {formatDuration(plan.frames / fps)} of video at {size.width} × {size.height}; captions, legend and frame stamp are drawn in.
        </p>
      )}
      {source === 'story' && story && <p className="video-export-note">Steps that wait for a key are held for 4 s. First caption: “{captionText(story.steps[0]?.caption ?? '').split('\n')[0]}”</p>}
      {unsupported && <FormatMissing format={format} other={support} onSwitch={setFormat} />}
      {waitsForStatistics && (
        <p role="status" className="video-export-note">
          The story shows links by significance: the video can be made once the statistics pass has ended.
        </p>
      )}
      {progress && <ExportProgress progress={progress} />}
      {outcome && <ExportOutcome outcome={outcome} onSwitch={setFormat} />}
      <div className="dialog-buttons">
        {progress ? (
          <button type="button" onClick={() => progress.controller.abort()}>
            Cancel video
          </button>
        ) : (
          <button type="button" disabled={!canStart} onClick={() => plan && start({ plan, width: size.width, height: size.height, fps, format, name })}>
            Export
          </button>
        )}
        <button type="button" onClick={close} disabled={progress !== null}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function SessionField({ label, sessions, value, onChange }: { label: string; sessions: number; value: number; onChange: (session: number) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: sessions }, (_, k) => (
          <option key={k} value={k + 1}>
            {k + 1}
          </option>
        ))}
      </select>
    </label>
  );
}

function FormatMissing({ format, other, onSwitch }: { format: VideoFormat; other: Record<VideoFormat, boolean>; onSwitch: (format: VideoFormat) => void }) {
  const alternative = (Object.keys(other) as VideoFormat[]).find((f) => f !== format && other[f]);
  return (
    <div role="alert" className="dialog-errors">
      This browser cannot encode {VIDEO_FORMATS[format].label} video at this size and frame rate.
      {alternative ? (
        <>
          {' '}
          {VIDEO_FORMATS[alternative].label} works here.{' '}
          <button type="button" onClick={() => onSwitch(alternative)}>
            Use {VIDEO_FORMATS[alternative].label}
          </button>
        </>
      ) : (
        ' Nor can it encode the other format: try a smaller size.'
      )}
    </div>
  );
}

function ExportProgress({ progress }: { progress: VideoProgress }) {
  const elapsed = (performance.now() - progress.startedAt) / 1000;
  const left = progress.done > 0 ? (elapsed / progress.done) * (progress.total - progress.done) : Number.NaN;
  return (
    <div className="dialog-reading" role="status" aria-label="Making the video">
      <progress aria-label="Video progress" max={progress.total || 1} value={progress.done} />
      <span>
        frame {progress.done} of {progress.total}, {formatDuration(left)} left
      </span>
    </div>
  );
}

function ExportOutcome({ outcome, onSwitch }: { outcome: VideoOutcome; onSwitch: (format: VideoFormat) => void }) {
  if (outcome.kind === 'cancelled') return <p role="status">The video was cancelled; nothing was saved.</p>;
  if (outcome.kind === 'failed') {
    return (
      <div role="alert" className="dialog-errors">
        The video could not be made: {outcome.message}
        {outcome.alternative && (
          <>
            {' '}
            <button type="button" onClick={() => onSwitch(outcome.alternative!)}>
              Use {VIDEO_FORMATS[outcome.alternative].label}
            </button>
          </>
        )}
      </div>
    );
  }
  return (
    <div role="status">
      Saved <bdi>{outcome.name}</bdi>: {outcome.frames} frames.
      {outcome.notes.length > 0 && (
        <ul>
          {outcome.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
