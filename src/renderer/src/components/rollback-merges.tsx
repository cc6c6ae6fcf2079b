import type { PendingMergeInfo } from '../../../shared/results.js';
import { navigate } from '../routing/use-route.js';
import { plural } from '../view-model/result-summary.js';

/**
 * The conflicts rollbacks keeping later edits left in the collection, one row per artifact, each
 * with **Merge…** opening it in the merge view (the collection copy now against the snapshot).
 */
export function RollbackMerges({ merges: all }: { merges: readonly PendingMergeInfo[] }) {
  // An upstream update's merges wait in the collection too; the collection view lists those.
  const merges = all.filter((m) => m.direction === 'rollback');
  if (merges.length === 0) return null;
  return (
    <section className="card rollback-merges" aria-labelledby="rollback-merges-title">
      <h2 id="rollback-merges-title">Unfinished merges</h2>
      <p className="muted">A rollback keeping later edits could not merge these: their files stay as they are until you settle them.</p>
      <ul aria-label="Unfinished merges of the collection">
        {merges.map((merge) => (
          <li key={`${merge.type}:${merge.name}`} className="rollback-merge-row">
            <strong>{merge.name}</strong>
            <span className="muted">
              {merge.type} · {plural(merge.conflicts.length, 'file')} in conflict ({merge.conflicts.map((c) => c.path || merge.name).join(', ')})
            </span>
            <button type="button" aria-label={`Merge… ${merge.name}`} onClick={() => navigate({ view: 'merge', project: '', artifact: merge.name, type: merge.type })}>
              Merge…
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
