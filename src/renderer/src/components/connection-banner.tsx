import { useStore } from 'zustand';
import { useServices } from '../app-context.js';

/** Says so, on every view, when the page has lost the back end (web mode's server stopped); the desktop bridge never closes. */
export function ConnectionBanner() {
  const status = useStore(useServices().stores.connection, (s) => s.status);
  if (status !== 'closed') return null;
  return (
    <p className="notice notice-error" role="alert">
      Disconnected from SkillMeat: nothing on this page can change now. Start <code>skillmeat ui --web</code> again and open the URL it prints.
    </p>
  );
}
