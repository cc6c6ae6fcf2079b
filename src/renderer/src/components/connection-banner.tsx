import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { connectionBanner } from '../client/reconnect-policy.js';

/** Says so, on every view, while the page cannot reach the back end (web mode's server stopped or refused it); the desktop bridge never closes. */
export function ConnectionBanner() {
  const link = useStore(useServices().stores.connection, (s) => s.link);
  const words = connectionBanner(link);
  if (words === null) return null;
  return (
    <p className="notice notice-error" role="alert">
      {words}
    </p>
  );
}
