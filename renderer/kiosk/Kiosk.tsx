import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Story, StoryStep } from '../../shared/story/storyFile';
import type { KioskConfig } from '../../shared/kiosk/kioskConfig';
import { kioskText, KIOSK_LOCALES, type KioskLanguage, type KioskTextKey } from '../../shared/kiosk/kioskText';
import { shownPartners } from '../../shared/kiosk/partners';
import { turnedCamera } from '../../shared/story/transition';
import { timelineFrameIndex, type Timeline } from '../../shared/network/timeline';
import { AnalysisClient } from '../workers/analysisClient';
import { NetworkScene } from '../scene/NetworkScene';
import { CaptionText } from '../presentation/CaptionText';
import { StoryPlayer } from '../presentation/storyPlayer';
import { sceneActions, sceneStore, useScene } from '../state/sceneStore';
import { currentFrame, useView, viewStore } from '../state/viewStore';
import { applyView } from '../state/viewFile';
import { useKioskClock } from './useKioskClock';
import { useKioskConfig } from './useKioskConfig';
import { useKioskContent } from './useKioskContent';
import { kioskTimeScale } from '../../shared/kiosk/timeScale';
import { isBlockedKioskKey } from '../../shared/kiosk/blockedKeys';
import { StaffExit } from './StaffExit';

/**
 * The museum kiosk (`?kiosk`): no workspace, only the network full screen. With no visitor it plays the
 * story on a loop with large captions and a "Touch to explore" call; a touch starts a visit with big
 * controls (before / after learning, watching / doing the task, tap a neuron, languages); after the idle
 * timeout and a countdown, everything goes back to the start for the next visitor.
 */
export function Kiosk() {
  const config = useKioskConfig();
  const analysis = useMemo(() => new AnalysisClient(), []);
  useEffect(() => () => analysis.dispose(), [analysis]);
  const content = useKioskContent(config, analysis);
  const timeline = content?.timeline;
  // The kiosk draws point estimates only: the statistics pass would take a core from the animation all day.
  useEffect(() => {
    if (timeline) analysis.stopBackgroundWork();
  }, [timeline, analysis]);
  if (!config || !content) return <div className="kiosk" aria-busy="true" />;
  return <KioskFloor config={config} timeline={content.timeline} story={content.story} />;
}

function KioskFloor({ config, timeline, story }: { config: KioskConfig; timeline: Timeline; story: Story }) {
  const timeScale = useMemo(() => kioskTimeScale(window.location.search), []);
  const [language, setLanguage] = useState<KioskLanguage>(config.languages[0]!);
  const [attractStart, setAttractStart] = useState(0);
  const t = useCallback((key: KioskTextKey, values?: Record<string, string | number>) => kioskText(language, key, values), [language]);
  const reset = useCallback(() => {
    setLanguage(config.languages[0]!);
    sceneActions.select(null);
    setAttractStart((n) => n + 1);
  }, [config]);
  // The attract loop shows each configured language in turn, one pass of the story each.
  const nextLanguage = useCallback(() => {
    if (config.cycleLanguages) setLanguage((shown) => config.languages[(config.languages.indexOf(shown) + 1) % config.languages.length]!);
  }, [config]);
  const settings = useMemo(() => ({ idleTimeoutSeconds: config.idleTimeoutSeconds, countdownSeconds: config.countdownSeconds }), [config]);
  const { phase, secondsLeft } = useKioskClock(settings, reset, timeScale);
  const attract = phase === 'attract';
  useLockDown();
  useScreenAwake();

  return (
    <div
      className={`kiosk ${attract ? 'attract' : 'visiting'}`}
      lang={language}
      onContextMenu={(event) => event.preventDefault()}
    >
      <NetworkScene sceneId="main" label={t('networkLabel')} cameraControls={!attract && config.interactions.camera} />
      {attract ? (
        <AttractLoop key={`attract-${attractStart}`} story={story} timeline={timeline} holdSeconds={config.attractStepSeconds} timeScale={timeScale} onLoop={nextLanguage} t={t} />
      ) : (
        <Visit story={story} timeline={timeline} config={config} t={t} />
      )}
      <KioskStatus timeline={timeline} t={t} />
      {!attract && config.languages.length > 1 && (
        <div className="kiosk-languages" role="group" aria-label={t('languages')}>
          {config.languages.map((code) => (
            <button key={code} type="button" lang={code} aria-pressed={code === language} onClick={() => setLanguage(code)}>
              {KIOSK_LOCALES[code].languageName}
            </button>
          ))}
        </div>
      )}
      {config.exitPin && <StaffExit key={`staff-${attractStart}`} pin={config.exitPin} />}
      {phase === 'countdown' && (
        <div className="kiosk-countdown" role="alert">
          <p>{t('stillThere')}</p>
          <p>{t('resetIn', { seconds: secondsLeft ?? 0 })}</p>
        </div>
      )}
    </div>
  );
}

/**
 * The page's part of the lock-down (Electron's window does the rest, electron/kioskWindow.ts): the zoom
 * and history keys (shared/kiosk/blockedKeys.ts), Ctrl+wheel zoom and drags of the page's own images and
 * text are cancelled. Native listeners: React's wheel listener is passive and cannot cancel.
 */
function useLockDown(): void {
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      if (isBlockedKioskKey({ type: 'keyDown', key: event.key, control: event.ctrlKey, meta: event.metaKey, alt: event.altKey, shift: event.shiftKey })) event.preventDefault();
    };
    const wheel = (event: WheelEvent) => {
      if (event.ctrlKey) event.preventDefault();
    };
    const drag = (event: DragEvent) => event.preventDefault();
    window.addEventListener('keydown', key, { capture: true });
    window.addEventListener('wheel', wheel, { capture: true, passive: false });
    window.addEventListener('dragstart', drag, { capture: true });
    return () => {
      window.removeEventListener('keydown', key, { capture: true });
      window.removeEventListener('wheel', wheel, { capture: true });
      window.removeEventListener('dragstart', drag, { capture: true });
    };
  }, []);
}

/**
 * Keeps the display awake in the web build (Electron's kiosk window holds a power-save blocker): a
 * screen wake lock, asked again whenever the page becomes visible (the browser drops it when hidden).
 * Where the browser refuses (no permission, an old browser), the exhibit's own power settings decide.
 */
function useScreenAwake(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let live = true;
    const ask = () => {
      if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
      navigator.wakeLock
        .request('screen')
        .then((got) => (live ? (lock = got) : void got.release()))
        .catch((error: Error) => console.info(`kiosk: the screen may sleep (${error.message})`));
    };
    ask();
    document.addEventListener('visibilitychange', ask);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', ask);
      void lock?.release();
    };
  }, []);
}

type Translate = (key: KioskTextKey, values?: Record<string, string | number>) => string;

/** The day and what the monkey is doing, large: the status a visitor (and a test) reads. */
function KioskStatus({ timeline, t }: { timeline: Timeline; t: Translate }) {
  const state = useView((s) => s);
  const { sessionOrdinal } = currentFrame(state);
  const watching = timeline.comparison !== null && state.conditionIndex === timeline.comparison.passive;
  return (
    <p className="kiosk-status" role="status" aria-label="Current frame">
      {t('dayOf', { day: sessionOrdinal + 1, days: timeline.sessionsPerCondition[state.conditionIndex] ?? 0 })} · {t(watching ? 'watching' : 'doingTask')}
    </p>
  );
}

/** Degrees a second the camera circles the network while an attract step holds. */
const ORBIT_DEGREES_PER_SECOND = 4;

/**
 * The story on a loop: each step's motion, then a slow orbit while it holds, then the next; the last
 * step leads back to the first (`onLoop`: a pass has ended, e.g. to show the next language).
 */
function AttractLoop({ story, timeline, holdSeconds, timeScale, onLoop, t }: { story: Story; timeline: Timeline; holdSeconds: number; timeScale: number; onLoop: () => void; t: Translate }) {
  const [step, setStep] = useState(0);
  // Story passes since this loop began: on the caption's element for the soak, which counts attract cycles by it.
  const [passes, setPasses] = useState(0);
  const [settled, setSettled] = useState(false);
  const count = story.steps.length;
  const loop = useRef(onLoop);
  loop.current = onLoop;
  const shownStep = useRef(0);
  shownStep.current = step;
  const player = useMemo(
    () =>
      new StoryPlayer(
        () => {
          const next = (shownStep.current + 1) % count;
          if (next === 0) {
            loop.current();
            setPasses((n) => n + 1);
          }
          setSettled(false);
          setStep(next);
        },
        () => setSettled(true),
        timeScale,
      ),
    [count, timeScale],
  );
  useEffect(() => {
    const shown: StoryStep = { ...story.steps[step]!, advanceAfterSeconds: story.steps[step]!.advanceAfterSeconds ?? holdSeconds };
    player.show(shown, timeline, step > 0);
    return () => player.stop();
  }, [player, story, step, timeline, holdSeconds]);
  useEffect(() => {
    if (!settled) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function turn(now) {
      sceneActions.moveCamera(turnedCamera(sceneStore.getState().camera, ((now - last) / 1000) * timeScale * ORBIT_DEGREES_PER_SECOND), 'attract');
      last = now;
      frame = requestAnimationFrame(turn);
    });
    return () => cancelAnimationFrame(frame);
  }, [settled, timeScale]);
  return (
    <>
      <section className="kiosk-caption" aria-label="Story" aria-live="polite" data-step={step + 1} data-passes={passes}>
        <CaptionText text={story.steps[step]!.caption} />
      </section>
      <p className="kiosk-call" aria-hidden="true">
        {t('touchToExplore')}
      </p>
    </>
  );
}

/** Where every visit starts: the story's first view (day 1 of the task). */
function visitStart(story: Story): StoryStep {
  return story.steps[0]!;
}

/** A visit: the learning slider, the watching / doing toggle, a tapped neuron's partners, a plain caption. */
function Visit({ story, timeline, config, t }: { story: Story; timeline: Timeline; config: KioskConfig; t: Translate }) {
  const state = useView((s) => s);
  const selection = useScene((s) => s.selection);
  const filter = useScene((s) => s.filter);
  useEffect(() => {
    applyView(visitStart(story).view, timeline);
  }, [story, timeline]);
  // A visitor taps neurons, not links (a link has no sentence of its own); where taps on neurons are not part of the exhibit, a tap selects nothing.
  useEffect(() => {
    if (selection !== null && (!config.interactions.neurons || selection.kind === 'link')) sceneActions.select(null);
  }, [config, selection]);
  const epochs = timeline.epochs.length;
  const { sessionOrdinal, epochIndex } = currentFrame(state);
  const sessions = timeline.sessionsPerCondition[state.conditionIndex] ?? 1;
  const comparison = timeline.comparison;
  const watching = comparison !== null && state.conditionIndex === comparison.passive;
  const setCondition = (conditionIndex: number) => viewStore.setState({ conditionIndex, playing: false, position: sessionOrdinal * epochs + epochIndex });
  const tapped = selection?.kind === 'neuron' ? selection.index : null;
  const partners = tapped === null ? [] : shownPartners(timeline, timelineFrameIndex(timeline, state.conditionIndex, sessionOrdinal, epochIndex), tapped, filter);
  const neuron = tapped === null ? '' : timeline.neuronIds[tapped]!;
  return (
    <>
      <section className="kiosk-caption" aria-label="What you see" aria-live="polite">
        <p>{t(watching ? 'captionPassive' : 'captionTask')}</p>
        {tapped !== null ? (
          <p className="kiosk-neuron">{partners.length === 0 ? t('neuronNone', { neuron }) : partners.length === 1 ? t('neuronOne', { neuron }) : t('neuronMany', { neuron, partners: partners.length })}</p>
        ) : (
          <p className="kiosk-hint">{config.interactions.neurons ? t('gestureHint') : t('captionLearning')}</p>
        )}
      </section>
      <div className="kiosk-controls">
        {config.interactions.sessions && (
          <label className="kiosk-slider">
            <span>{t('beforeLearning')}</span>
            <input
              type="range"
              aria-label={t('learningSlider')}
              aria-valuetext={t('dayOf', { day: sessionOrdinal + 1, days: sessions })}
              min={1}
              max={sessions}
              step={1}
              value={sessionOrdinal + 1}
              onChange={(event) => viewStore.setState({ playing: false, position: (Number(event.target.value) - 1) * epochs + epochIndex })}
            />
            <span>{t('afterLearning')}</span>
          </label>
        )}
        {config.interactions.condition && comparison && (
          <div className="kiosk-toggle" role="group" aria-label={t('conditionToggle')}>
            <button type="button" aria-pressed={watching} onClick={() => setCondition(comparison.passive)}>
              {t('watching')}
            </button>
            <button type="button" aria-pressed={!watching} onClick={() => setCondition(comparison.task)}>
              {t('doingTask')}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
