import { useState } from 'react';
import { EASINGS, type Easing, type StoryStep } from '../../../shared/story/storyFile';
import { hasUnsavedChanges, storyActions, useStoryDraft } from '../../state/storyStore';
import { addStepFromCurrentView, newStory, openStoryFile, previewStep, saveStory, stepTitle, updateStepFromCurrentView } from '../../presentation/storyCommands';

/**
 * The story editor: a talk built from views. Add the view on screen as a step, then write its caption
 * and notes, reorder (drag, or Move up / down from the keyboard), duplicate, delete, preview; save and
 * open `.chorus-story.json` files. Present (F5) plays the story in the editor.
 */
export function StoryEditor() {
  const story = useStoryDraft((s) => s.story);
  const selected = useStoryDraft((s) => s.selected);
  const unsaved = useStoryDraft((s) => hasUnsavedChanges(s));
  const [dragged, setDragged] = useState<number | null>(null);
  const step = story?.steps[selected] ?? null;

  return (
    <section className="story-panel" aria-label="Story editor">
      <h2>Story</h2>
      {story ? (
        <label className="field">
          Title
          <input type="text" value={story.title} maxLength={200} onChange={(event) => storyActions.setTitle(event.target.value)} />
        </label>
      ) : (
        <p className="panel-note">Set up the view you want to show, then add it as the first step of a talk.</p>
      )}
      <div className="story-actions">
        <button type="button" onClick={addStepFromCurrentView}>
          Add step from current view
        </button>
        <button type="button" onClick={openStoryFile}>
          Open story…
        </button>
        <button type="button" disabled={!story} onClick={() => void saveStory()}>
          Save story…
        </button>
        <button type="button" disabled={!story} onClick={newStory}>
          New story
        </button>
      </div>
      {story && (
        <ol className="story-steps" aria-label="Story steps">
          {story.steps.map((s, k) => (
            <li
              key={k}
              draggable
              className={dragged === k ? 'dragging' : undefined}
              onDragStart={(event) => {
                setDragged(k);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged !== null) storyActions.move(dragged, k);
                setDragged(null);
              }}
              onDragEnd={() => setDragged(null)}
            >
              <button
                type="button"
                className="story-step"
                aria-current={k === selected ? 'step' : undefined}
                onClick={() => {
                  storyActions.select(k);
                  previewStep(k);
                }}
              >
                {stepTitle(s, k)}
              </button>
              <span className="story-step-tools">
                <button type="button" aria-label={`Move step ${k + 1} up`} disabled={k === 0} onClick={() => storyActions.move(k, k - 1)}>
                  ↑
                </button>
                <button type="button" aria-label={`Move step ${k + 1} down`} disabled={k === story.steps.length - 1} onClick={() => storyActions.move(k, k + 1)}>
                  ↓
                </button>
                <button type="button" aria-label={`Duplicate step ${k + 1}`} onClick={() => storyActions.duplicate(k)}>
                  ⧉
                </button>
                <button type="button" aria-label={`Delete step ${k + 1}`} disabled={story.steps.length === 1} onClick={() => storyActions.remove(k)}>
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {step && <StepFields step={step} index={selected} />}
      {story && (
        <p className="panel-note" role="status" aria-label="Story status">
          {story.steps.length} step{story.steps.length === 1 ? '' : 's'} · {unsaved ? 'unsaved changes' : 'saved'}
        </p>
      )}
    </section>
  );
}

/** The selected step's caption, notes, transition, playback and timing. */
function StepFields({ step, index }: { step: StoryStep; index: number }) {
  const update = (fields: Partial<StoryStep>) => storyActions.update(index, fields);
  const number = (text: string, fallback: number) => (text.trim() === '' || !Number.isFinite(Number(text)) ? fallback : Number(text));
  return (
    <fieldset className="story-step-fields">
      <legend>Step {index + 1}</legend>
      <label className="story-text">
        Caption
        <textarea rows={3} maxLength={2000} value={step.caption} onChange={(event) => update({ caption: event.target.value })} aria-describedby="caption-markup" />
      </label>
      <p className="panel-note" id="caption-markup">
        **bold**, *italic*; a new line for a line break.
      </p>
      <label className="story-text">
        Speaker notes
        <textarea rows={3} maxLength={20000} value={step.notes} onChange={(event) => update({ notes: event.target.value })} />
      </label>
      <div className="story-numbers">
        <label className="field">
          Transition (s)
          <input type="number" min={0} max={30} step={0.1} value={step.transition.seconds} onChange={(event) => update({ transition: { ...step.transition, seconds: Math.min(30, Math.max(0, number(event.target.value, 0))) } })} />
        </label>
        <label className="field">
          Easing
          <select value={step.transition.easing} onChange={(event) => update({ transition: { ...step.transition, easing: event.target.value as Easing } })}>
            {EASINGS.map((easing) => (
              <option key={easing} value={easing}>
                {easing}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <input
            type="checkbox"
            checked={step.playback !== null}
            onChange={(event) => update({ playback: event.target.checked ? { toSession: 1, toEpoch: null, framesPerSecond: 2 } : null })}
          />
          Play on to session
        </label>
        {step.playback && (
          <>
            <input
              type="number"
              aria-label="Play to session"
              min={1}
              value={step.playback.toSession}
              onChange={(event) => update({ playback: { ...step.playback!, toSession: Math.max(1, Math.round(number(event.target.value, 1))) } })}
            />
            <label className="field">
              Frames per second
              <input
                type="number"
                min={0.1}
                max={60}
                step={0.1}
                value={step.playback.framesPerSecond}
                onChange={(event) => update({ playback: { ...step.playback!, framesPerSecond: Math.min(60, Math.max(0.1, number(event.target.value, 2))) } })}
              />
            </label>
          </>
        )}
        <label className="field">
          Next step after (s)
          <input
            type="number"
            min={0}
            max={3600}
            placeholder="on a key"
            value={step.advanceAfterSeconds ?? ''}
            onChange={(event) => {
              const seconds = number(event.target.value, 0);
              update({ advanceAfterSeconds: seconds > 0 ? Math.min(3600, seconds) : null });
            }}
          />
        </label>
      </div>
      <div className="story-actions">
        <button type="button" onClick={() => updateStepFromCurrentView(index)}>
          Update step from current view
        </button>
        <button type="button" onClick={() => previewStep(index)}>
          Preview step
        </button>
      </div>
    </fieldset>
  );
}
