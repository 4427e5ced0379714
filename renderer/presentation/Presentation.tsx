import { useEffect, useMemo } from 'react';
import { captionText } from '../../shared/story/caption';
import { CaptionText } from './CaptionText';
import { openPresenterView } from './presenterChannel';
import { presentationActions, usePresentation } from '../state/presentationStore';
import { currentFrame, useView, viewActions, viewStore } from '../state/viewStore';
import { StoryPlayer } from './storyPlayer';

/**
 * The audience's screen while a story is presented: the network full size (the workspace's panels are
 * hidden by App), the step's caption in large type, where in the data the frame is, progress dots, and
 * small controls for a mouse; B / W blank it. The keys are usePresentationKeys'.
 */
export function Presentation() {
  const story = usePresentation((s) => s.story);
  const step = usePresentation((s) => s.step);
  const moves = usePresentation((s) => s.moves);
  const blank = usePresentation((s) => s.blank);
  const player = useMemo(() => new StoryPlayer(() => presentationActions.next()), []);
  useEffect(() => () => player.stop(), [player]);

  useEffect(() => {
    const timeline = viewStore.getState().timeline;
    if (!story || !timeline) return;
    const shown = player.show(story.steps[step]!, timeline, true);
    if (!shown.applied) {
      presentationActions.leave();
      viewActions.setViewNotice({ kind: 'error', title: `Could not present "${story.title}"`, lines: shown.notes });
    } else if (shown.notes.length > 0) {
      viewActions.setViewNotice({ kind: 'warning', title: `"${story.title}", step ${step + 1}, shown as far as this dataset allows`, lines: shown.notes });
    }
    // `moves` replays a step entered again (F5 on the first step).
  }, [story, step, moves, player]);

  if (!story) return null;
  const caption = story.steps[step]!.caption;
  return (
    <section className="presentation" aria-label="Presentation">
      <div className="presentation-caption" aria-live="polite" aria-label="Caption">
        {captionText(caption).trim() === '' ? null : <CaptionText text={caption} />}
      </div>
      <PresentationStatus steps={story.steps.length} step={step} />
      <ol className="presentation-dots" aria-label="Story progress">
        {story.steps.map((_, k) => (
          <li key={k} aria-current={k === step ? 'step' : undefined} aria-label={`Step ${k + 1}${k === step ? ', on screen' : ''}`} />
        ))}
      </ol>
      <div className="presentation-controls">
        <button type="button" aria-label="Previous step" onClick={() => presentationActions.previous()} disabled={step === 0}>
          ‹
        </button>
        <button type="button" aria-label="Next step" onClick={() => presentationActions.next()} disabled={step === story.steps.length - 1}>
          ›
        </button>
        <button type="button" onClick={openPresenterView}>
          Presenter view
        </button>
        <button type="button" onClick={() => presentationActions.leave()}>
          Leave presentation
        </button>
      </div>
      {blank && <div className={`presentation-blank ${blank}`} role="img" aria-label={blank === 'black' ? 'Black screen' : 'White screen'} />}
    </section>
  );
}

/** "Step 2 of 10 · Session 1 of 10 · pre-decision · task": the step and the frame the data is at. */
function PresentationStatus({ steps, step }: { steps: number; step: number }) {
  const timeline = useView((s) => s.timeline);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const frame = timeline
    ? ` · Session ${sessionOrdinal + 1} of ${timeline.sessionsPerCondition[conditionIndex]} · ${timeline.epochs[epochIndex]} · ${timeline.conditions[conditionIndex]}`
    : '';
  return (
    <p className="presentation-status" role="status" aria-label="Presentation status">
      Step {step + 1} of {steps}
      {frame}
    </p>
  );
}
