/** The snapshot timeline goes here (listSnapshots, createSnapshot, rollback); the route exists so links can point at it now. */
export function SnapshotsView() {
  return (
    <section className="view" aria-labelledby="snapshots-title">
      <header className="view-header">
        <h1 id="snapshots-title">Snapshots</h1>
      </header>
      <p className="empty">The snapshot timeline is coming next: every snapshot of the collection, with rollback.</p>
    </section>
  );
}
