import { useView, viewActions } from '../state/viewStore';

/** Errors and warnings about the data, in full, dismissible; errors are announced (role="alert"). */
export function NoticeBanner() {
  const notice = useView((s) => s.notice);
  if (!notice) return null;
  const shown = notice.lines.slice(0, 8);
  return (
    <section className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} aria-label={notice.title}>
      <h2>{notice.title}</h2>
      <ul>
        {shown.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
        {notice.lines.length > shown.length && <li>… and {notice.lines.length - shown.length} more</li>}
      </ul>
      <div className="notice-actions">
        {notice.retryWithoutSilent && (
          <button type="button" onClick={notice.retryWithoutSilent}>
            Load without silent neurons
          </button>
        )}
        <button type="button" onClick={() => viewActions.setNotice(null)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
