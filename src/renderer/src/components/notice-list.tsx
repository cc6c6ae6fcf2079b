import { useStore } from 'zustand';
import { useServices } from '../app-context.js';

/** Back-end notices and background failures, newest last, each dismissable. */
export function NoticeList() {
  const { stores, actions } = useServices();
  const notices = useStore(stores.notices, (s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="link" aria-label="Dismiss notice" onClick={() => actions.dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
