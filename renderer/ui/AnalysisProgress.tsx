import { useView } from '../state/viewStore';

/** Visible while the worker reads and analyses; the analysis can be cancelled. */
export function AnalysisProgress({ onCancel }: { onCancel: () => void }) {
  const job = useView((s) => s.job);
  if (!job) return null;
  const percent = job.total > 0 ? Math.round((100 * job.done) / job.total) : 0;
  return (
    <div className="progress" aria-live="polite">
      <span id="analysis-progress-label">
        {job.action ?? 'Analysing'} <bdi>{job.label}</bdi>
      </span>
      <progress aria-label="Analysis progress" max={100} value={percent} />
      <span className="step">
        {percent}% · {job.step}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
