/** The version DAG graph of one artifact goes here (the `history` method); the route exists so rows can link to it now. */
export function HistoryView({ name }: { name: string }) {
  return (
    <section className="view" aria-labelledby="history-title">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href="#/collection">Collection</a> /
          </p>
          <h1 id="history-title">History of {name}</h1>
        </div>
      </header>
      <p className="empty">The version graph is coming next: every version of {name}, with its parents and where it came from.</p>
    </section>
  );
}
