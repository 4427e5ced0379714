import { useEffect, useMemo } from 'react';
import { chorus } from './platform/chorus';
import { chooseFiles, fromDrop } from './platform/chosenFiles';
import { DatasetDialog } from './ui/DatasetDialog';
import { datasetDialogStore } from './state/datasetDialogStore';
import { AnalysisClient } from './workers/analysisClient';
import { setStatisticsStopper } from './state/statisticsControl';
import { useVideoExport } from './state/videoExportStore';
import { ExportVideoDialog } from './video/ExportVideoDialog';
import { currentFrame, useView, viewActions, viewStore } from './state/viewStore';
import { useScene } from './state/sceneStore';
import { useViewUrl } from './state/useViewUrl';
import { NetworkScene } from './scene/NetworkScene';
import { PlaybackControls } from './ui/PlaybackControls';
import { StatusLine } from './ui/StatusLine';
import { AnalysisProgress } from './ui/AnalysisProgress';
import { NoticeBanner } from './ui/NoticeBanner';
import { Legend } from './ui/Legend';
import { ViewControls } from './ui/ViewControls';
import { TimelineStrip } from './ui/TimelineStrip';
import { SummaryPanel } from './panels/summary/SummaryPanel';
import { Inspector } from './panels/inspector/Inspector';
import { usePlaybackClock } from './ui/usePlaybackClock';
import { useKeyboardShortcuts } from './ui/useKeyboardShortcuts';
import { syntheticTimeline } from '../shared/network/syntheticTimeline';
import type { Timeline } from '../shared/network/timeline';
import { useAfterFirstNetworkFrame } from './scene/firstNetworkFrame';
import { ExplorerPanel } from './panels/explorer/ExplorerPanel';
import { explorerStore, useExplorer } from './state/explorerStore';
import { sessionPoints } from '../shared/network/sessionPoints';
import { Presentation } from './presentation/Presentation';
import { usePresentationKeys } from './presentation/usePresentationKeys';
import { servePresenterView } from './presentation/presenterChannel';
import { storyToPresent } from './presentation/storyToPresent';
import { presentationActions, presentationStore, usePresentation } from './state/presentationStore';
import { StoryEditor } from './panels/story/StoryEditor';
import { hasUnsavedChanges, storyActions, storyStore, useStoryDraft } from './state/storyStore';
import { runMenuCommand, runOpenRequest, type AppCommands } from './ui/menuCommands';
import { startSettings } from './state/settingsStore';

/**
 * Present (F5): the story from its start, or (Shift+F5) from the current step — the one on screen in a
 * presentation, else the one selected in the editor.
 */
function startPresenting(fromCurrentStep: boolean): void {
  const { story, step } = presentationStore.getState();
  if (story) presentationActions.present(story, fromCurrentStep ? step : 0);
  else {
    const toPresent = storyToPresent();
    const selected = storyStore.getState().story === toPresent ? storyStore.getState().selected : 0;
    if (toPresent) presentationActions.present(toPresent, fromCurrentStep ? selected : 0);
  }
}

/** The browser asks before a reload or close loses a story with unsaved changes. */
function warnOfUnsavedStory(event: BeforeUnloadEvent): void {
  if (hasUnsavedChanges()) event.preventDefault();
}

/** A split-view pane's title: "Task", or "engaged (task)" where the dataset names the condition otherwise. */
function paneTitle(timeline: Timeline, condition: number, role: 'task' | 'passive'): string {
  const name = timeline.conditions[condition]!;
  return name.toLowerCase() === role ? role[0]!.toUpperCase() + role.slice(1) : `${name} (${role})`;
}

/** A split-view pane's name: "Task: 3D network of 120 neurons". */
function paneLabel(timeline: Timeline, condition: number, role: 'task' | 'passive'): string {
  return `${paneTitle(timeline, condition, role)}: 3D network of ${timeline.neuronIds.length} neurons`;
}

/** `?bench=5000x100000`: a generated timeline of that size, playing, for the rendering benchmark. */
const benchSize = /[?&]bench=(\d+)x(\d+)/.exec(window.location.search);
/** `?explore` opens the hypothesis explorer at start; `?explore=simple`, its kiosk-ready form. */
const exploreAtStart = /[?&]explore(?:=(\w+))?(?:&|$)/.exec(window.location.search);

export function App() {
  const analysis = useMemo(() => new AnalysisClient(), []);
  useEffect(() => () => analysis.dispose(), [analysis]);
  useEffect(() => {
    setStatisticsStopper(() => analysis.stopBackgroundWork());
    return () => setStatisticsStopper(null);
  }, [analysis]);
  const timeline = useView((s) => s.timeline);
  const exploring = useExplorer((s) => s.open);
  const viewMode = useScene((s) => s.viewMode);
  const theme = useScene((s) => s.theme);
  // The Summary's charts follow the demo's first network frame instead of delaying it.
  const summaryShown = useAfterFirstNetworkFrame();
  const presenting = usePresentation((s) => s.story !== null);
  const editingStory = useStoryDraft((s) => s.open);
  const videoExportOpen = useVideoExport((s) => s.open);
  const sceneOnly = useVideoExport((s) => s.sceneOnly);
  useEffect(() => servePresenterView(), []);
  useEffect(() => {
    window.addEventListener('beforeunload', warnOfUnsavedStory);
    return () => window.removeEventListener('beforeunload', warnOfUnsavedStory);
  }, []);
  usePlaybackClock();
  useKeyboardShortcuts();
  usePresentationKeys(startPresenting);
  useViewUrl(chorus.platform === 'web' && !benchSize);

  const openDataset = async (folder = false, fromGesture = true) => {
    const files = await chooseFiles(folder, fromGesture);
    if (files) analysis.choose(files);
  };
  const explore = (simple = false) => {
    // The data on screen (not a model) stays on the explorer's chart, on the same axes as the models.
    const { timeline: shown, source } = viewStore.getState();
    const epoch = shown ? shown.epochs[currentFrame(viewStore.getState()).epochIndex]! : null;
    const data = shown && !source?.startsWith('hypothesis') ? { name: shown.datasetName, points: sessionPoints(shown.frames, epoch) } : explorerStore.getState().dataPoints;
    explorerStore.setState({ open: true, simple, lastUpdateMs: null, dataPoints: data });
    const { options, compare } = explorerStore.getState();
    analysis.explore(options, compare);
  };
  const loadDemo = () => {
    explorerStore.setState({ open: false });
    analysis.loadDemo();
  };

  useEffect(() => {
    void startSettings();
    if (benchSize) {
      viewActions.showTimeline(syntheticTimeline(Number(benchSize[1]), Number(benchSize[2])), 'benchmark');
      viewActions.togglePlay();
    } else if (exploreAtStart) explore(exploreAtStart[1] === 'simple');
    else analysis.loadDemo();
    // The shell's menu and its requests to open files run the page's own commands (renderer/ui/menuCommands.ts).
    const commands: AppCommands = {
      openDataset: (folder) => void openDataset(folder, false),
      openFiles: (files) => analysis.choose(files),
      loadDemo,
      explore: () => explore(),
      present: () => startPresenting(false),
    };
    const stopCommands = chorus.onMenuCommand((command) => runMenuCommand(command, commands));
    const stopRequests = chorus.onOpenRequest((request) => void runOpenRequest(request, commands));
    return () => (stopCommands(), stopRequests());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per app: the client lives as long as the page
  }, [analysis]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const onDrop = (event: React.DragEvent) => {
    event.preventDefault();
    void fromDrop(event.dataTransfer).then((files) => analysis.choose(files));
  };
  const comparison = timeline?.comparison ?? null;
  const split = viewMode === 'split' && comparison !== null;

  return (
    <div className={`app${presenting || sceneOnly ? ' presenting' : ''}`} onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <header className="topbar">
        <h1>Chorus</h1>
        <p className="dataset" aria-label="Current dataset">
          {timeline ? <bdi>{timeline.datasetName}</bdi> : 'No dataset'}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void openDataset()}>
            Open dataset…
          </button>
          <button type="button" onClick={() => void openDataset(true)}>
            Open folder…
          </button>
          <button type="button" onClick={loadDemo}>
            Load demo
          </button>
          <button type="button" aria-pressed={exploring} onClick={() => (exploring ? explorerStore.setState({ open: false }) : explore())}>
            Explore hypotheses
          </button>
          <button type="button" aria-pressed={editingStory} onClick={() => storyActions.toggleEditor()}>
            Story editor
          </button>
          <button type="button" disabled={!timeline} onClick={() => startPresenting(false)} aria-keyshortcuts="F5">
            Present
          </button>
        </div>
      </header>
      <ViewControls />
      <NoticeBanner />
      <main className="stage">
        <div className={`scenes ${split ? 'split' : ''}`}>
          {split ? (
            <>
              <NetworkScene sceneId="task" conditionOverride={comparison!.task} label={paneLabel(timeline!, comparison!.task, 'task')} title={paneTitle(timeline!, comparison!.task, 'task')} />
              <NetworkScene sceneId="passive" conditionOverride={comparison!.passive} label={paneLabel(timeline!, comparison!.passive, 'passive')} title={paneTitle(timeline!, comparison!.passive, 'passive')} />
            </>
          ) : (
            <NetworkScene sceneId="main" difference={viewMode === 'difference' && comparison !== null} />
          )}
        </div>
        <Legend />
        {exploring ? (
          <ExplorerPanel
            onChange={(options, compare) => analysis.explore(options, compare)}
            onClose={() => {
              // The model becomes the workspace's dataset, with its statistics pass.
              const { options } = explorerStore.getState();
              explorerStore.setState({ open: false });
              analysis.explore(options, false, true);
            }}
          />
        ) : editingStory ? (
          <StoryEditor />
        ) : (
          summaryShown && <SummaryPanel collapse={split} onCancelStatistics={() => analysis.cancelStatistics()} exportResults={() => analysis.exportResults()} />
        )}
        <Inspector />
        <AnalysisProgress onCancel={() => analysis.cancel()} />
        <Presentation />
      </main>
      {videoExportOpen && <ExportVideoDialog />}
      <footer className="bottombar">
        <PlaybackControls />
        <TimelineStrip />
        <StatusLine />
      </footer>
      <DatasetDialog
        onPreview={(mapping) => analysis.preview(mapping)}
        onOpen={(mapping, dropSilent, choices) => analysis.open(datasetDialogStore.getState().files ?? [], mapping, dropSilent, choices)}
        onCancel={() => analysis.closeDialog()}
        hasDataset={timeline !== null}
      />
    </div>
  );
}
