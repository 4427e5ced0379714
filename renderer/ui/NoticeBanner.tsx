import { useView, viewActions, type Notice } from '../state/viewStore';

/**
 * Errors and warnings, in full, dismissible; errors are announced (role="alert"). The data's notice and
 * the view's (a #view= link, a view file) are shown apart, each with its own Dismiss.
 */
export function NoticeBanner() {
  const notice = useView((s) => s.notice);
  const viewNotice = useView((s) => s.viewNotice);
  return (
    <>
      {viewNotice && <NoticeSection notice={viewNotice} onDismiss={() => viewActions.setViewNotice(null)} />}
      {notice && <NoticeSection notice={notice} onDismiss={() => viewActions.setNotice(null)} />}
    </>
  );
}

function NoticeSection({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
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
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
