import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { routeHash } from '../../../shared/app-routes.js';
import { useRoute } from '../routing/use-route.js';
import { showNoticesOf } from '../state/notices-store.js';

/** Back-end notices and background failures of the view shown, newest last, each dismissable. */
export function NoticeList() {
  const { stores, actions } = useServices();
  const notices = useStore(stores.notices, (s) => s.notices);
  const route = useRoute();
  const view = route.view === 'not_found' ? route.hash : routeHash(route);
  useEffect(() => showNoticesOf(stores.notices, view), [stores.notices, view]);
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
