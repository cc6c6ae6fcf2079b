/** What a Monaco pane says while its editor's code loads, or if it could not be loaded. */
export function EditorLoadStatus({ phase }: { phase: 'loading' | 'ready' | 'failed' }) {
  if (phase === 'loading') {
    return (
      <p className="merge-loading muted" role="status">
        Loading the editor…
      </p>
    );
  }
  if (phase === 'failed') {
    return (
      <p className="merge-loading notice notice-error" role="alert">
        The editor could not be loaded. Reload the window to try again.
      </p>
    );
  }
  return null;
}
