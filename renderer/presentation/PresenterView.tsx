import { useEffect, useMemo, useState } from 'react';
import { CaptionText } from './CaptionText';
import { presentationCommand } from './presentationKeys';
import { joinPresentation, type PresentationStateMessage } from './presenterChannel';
import type { PresentationMove } from '../state/presentationStore';

/** "12:05" of elapsed milliseconds (hours when there are some). */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * The speaker's window (`?presenter`): the step on screen and the next one, the notes in large type,
 * the time since the talk started and the time of day. Its buttons and the talk's keys move the
 * presentation in the other window, which moves this one in turn.
 */
export function PresenterView() {
  const [state, setState] = useState<PresentationStateMessage | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const link = useMemo(() => joinPresentation(setState), []);
  useEffect(() => () => link.close(), [link]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    document.title = 'Chorus — presenter view';
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const command = presentationCommand(event.key, event.shiftKey, true);
      if (command === null || command === 'start' || command === 'start-here') return;
      event.preventDefault();
      link.send(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [link]);

  const send = (command: PresentationMove) => () => link.send(command);
  const story = state?.story ?? null;
  if (!state || !story) {
    return (
      <main className="presenter" aria-label="Presenter view">
        <h1>Presenter view</h1>
        <p role="status" aria-label="Presenter status">
          Waiting for a presentation: press Present (F5) in the Chorus window.
        </p>
      </main>
    );
  }
  const current = story.steps[state.step]!;
  const next = story.steps[state.step + 1] ?? null;
  return (
    <main className="presenter" aria-label="Presenter view">
      <header className="presenter-head">
        <h1>
          <bdi>{story.title}</bdi>
        </h1>
        <p role="status" aria-label="Presenter status">
          Step {state.step + 1} of {story.steps.length}
          {state.blank ? ` · screen ${state.blank}` : ''}
        </p>
        <p className="presenter-times">
          <span aria-label="Elapsed time">{elapsedText(now - state.startedAt)}</span>
          <span aria-label="Clock">{new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
        </p>
      </header>
      <section className="presenter-current" aria-label="Current step">
        <h2>Now</h2>
        <CaptionText text={current.caption} />
      </section>
      <section className="presenter-next" aria-label="Next step">
        <h2>Next</h2>
        {next ? <CaptionText text={next.caption} /> : <p>End of the story</p>}
      </section>
      <section className="presenter-notes" aria-label="Speaker notes">
        <h2>Notes</h2>
        <p>{current.notes || 'No notes for this step.'}</p>
      </section>
      <nav className="presenter-controls" aria-label="Presentation controls">
        <button type="button" onClick={send('previous')} disabled={state.step === 0}>
          Previous step
        </button>
        <button type="button" onClick={send('next')} disabled={next === null}>
          Next step
        </button>
        <button type="button" aria-pressed={state.blank === 'black'} onClick={send('black')}>
          Black screen
        </button>
        <button type="button" onClick={send('leave')}>
          End presentation
        </button>
      </nav>
    </main>
  );
}
