import { useState } from 'react';
import { download } from '../../platform/download';
import { shownPairsCsv, shownPairsFileName } from '../../state/linksShown';
import { useScene } from '../../state/sceneStore';
import { currentFrame, useView } from '../../state/viewStore';
import type { ExportReply } from '../../workers/analysisClient';

const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_');

/**
 * Results out of the app: the results JSON `chorus analyze --out` writes for the same data and
 * settings, the population values per frame as CSV (both once the statistics pass is done), and the
 * links drawn now as CSV.
 */
export function ExportControls({ exportResults }: { readonly exportResults: () => Promise<ExportReply> }) {
  const timeline = useView((s) => s.timeline);
  const statistics = useView((s) => s.statistics);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const filter = useScene((s) => s.filter);
  const viewMode = useScene((s) => s.viewMode);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!timeline) return null;

  const saveFromWorker = async (which: 'results' | 'population') => {
    setBusy(true);
    try {
      const reply = await exportResults();
      if (reply.kind === 'export-failed') return setMessage(reply.message);
      const name = `${safeName(reply.name)}${which === 'results' ? '.results.json' : '.population.csv'}`;
      download(new Blob([which === 'results' ? reply.results : reply.population], { type: which === 'results' ? 'application/json' : 'text/csv' }), name);
      setMessage(`Saved ${name}.`);
    } finally {
      setBusy(false);
    }
  };
  const savePairs = () => {
    const frame = { conditionIndex, sessionOrdinal, epochIndex, difference: viewMode === 'difference' && timeline.comparison !== null };
    const name = shownPairsFileName(timeline, frame);
    download(new Blob([shownPairsCsv(timeline, filter, frame)], { type: 'text/csv' }), name);
    setMessage(`Saved ${name}.`);
  };
  const waiting = statistics === null ? 'after the statistics pass' : undefined;

  return (
    <div className="export-controls" role="group" aria-label="Export">
      <h3>Export</h3>
      <button type="button" disabled={busy || statistics === null} title={waiting} onClick={() => void saveFromWorker('results')}>
        Export results (JSON)
      </button>
      <button type="button" disabled={busy || statistics === null} title={waiting} onClick={() => void saveFromWorker('population')}>
        Export population values (CSV)
      </button>
      <button type="button" onClick={savePairs}>
        Export shown pairs (CSV)
      </button>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
