import { useEffect, useMemo } from 'react';
import { chorus } from './platform/chorus';
import { chooseFiles, fromDrop } from './platform/chosenFiles';
import { DatasetDialog } from './ui/DatasetDialog';
import { datasetDialogStore } from './state/datasetDialogStore';
import { AnalysisClient } from './workers/analysisClient';
import { useView, viewActions } from './state/viewStore';
import { NetworkScene } from './scene/NetworkScene';
import { PlaybackControls } from './ui/PlaybackControls';
import { StatusLine } from './ui/StatusLine';
import { AnalysisProgress } from './ui/AnalysisProgress';
import { NoticeBanner } from './ui/NoticeBanner';
import { Legend } from './ui/Legend';
import { SummaryPanel } from './panels/summary/SummaryPanel';
import { usePlaybackClock } from './ui/usePlaybackClock';
import { useKeyboardShortcuts } from './ui/useKeyboardShortcuts';

export function App() {
  const analysis = useMemo(() => new AnalysisClient(), []);
  const timeline = useView((s) => s.timeline);
  usePlaybackClock();
  useKeyboardShortcuts();

  const openDataset = async (folder = false) => {
    const files = await chooseFiles(folder);
    if (files) analysis.choose(files);
  };

  useEffect(() => {
    analysis.loadDemo();
    return chorus.onMenuCommand((command) => {
      if (command === 'open-dataset') void openDataset();
      else if (command === 'open-folder') void openDataset(true);
      else if (command === 'load-demo') analysis.loadDemo();
      else viewActions.togglePlay();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per app: the client lives as long as the page
  }, [analysis]);

  const onDrop = (event: React.DragEvent) => {
    event.preventDefault();
    void fromDrop(event.dataTransfer).then((files) => analysis.choose(files));
  };

  return (
    <div className="app" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <header className="topbar">
        <h1>Chorus</h1>
        <p className="dataset" aria-label="Current dataset">
          {timeline ? timeline.datasetName : 'No dataset'}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void openDataset()}>
            Open dataset…
          </button>
          <button type="button" onClick={() => void openDataset(true)}>
            Open folder…
          </button>
          <button type="button" onClick={() => analysis.loadDemo()}>
            Load demo
          </button>
        </div>
      </header>
      <NoticeBanner />
      <main className="stage">
        <NetworkScene />
        <Legend />
        <SummaryPanel onCancelStatistics={() => analysis.cancelStatistics()} />
        <AnalysisProgress onCancel={() => analysis.cancel()} />
      </main>
      <DatasetDialog onPreview={(mapping) => analysis.preview(mapping)} onOpen={(mapping, dropSilent) => analysis.open(datasetDialogStore.getState().files ?? [], mapping, dropSilent)} onCancel={() => analysis.closeDialog()} hasDataset={timeline !== null} />
      <footer className="bottombar">
        <PlaybackControls />
        <StatusLine />
      </footer>
    </div>
  );
}
