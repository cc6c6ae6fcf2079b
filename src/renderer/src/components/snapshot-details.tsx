import { routeHash } from '../../../shared/app-routes.js';
import { useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import type { SnapshotRef } from '../state/snapshots-store.js';
import { absoluteTime } from '../view-model/local-time.js';
import { changesText, kindText, retentionText, sizeText, snapshotTitle } from '../view-model/snapshot-text.js';
import { ConfirmDialog } from './confirm-dialog.js';

/**
 * The selected snapshot: what it is, what changed since the one before, the artifacts it holds, and
 * what can be done with it (compare, roll back, pin, delete). `onDeleted` moves the focus on once
 * the snapshot, and with it this panel, is gone.
 */
export function SnapshotDetails({ snapshot, onDeleted }: { snapshot: SnapshotRef; onDeleted: () => void }) {
  const { stores, actions } = useServices();
  const artifacts = useStore(stores.snapshots, (s) => s.artifacts[snapshot.id]);
  const marked = useStore(stores.snapshots, (s) => s.marked);
  const policy = useStore(stores.snapshots, (s) => s.retentionPolicy);
  const [deleting, setDeleting] = useState(false);
  const changes = changesText(snapshot.changes);
  const retention = retentionText(snapshot.retention, policy);
  const title = snapshot.message.trim() === '' ? snapshot.id : snapshot.message;
  const markedOther = marked !== null && marked.id !== snapshot.id ? marked : null;

  return (
    <section className="card snapshot-details" aria-labelledby="snapshot-details-title">
      <h2 id="snapshot-details-title">{title}</h2>
      <dl className="details-list">
        <dt>Id</dt>
        <dd>
          <code>{snapshot.id}</code>
        </dd>
        <dt>Kind</dt>
        <dd>{kindText(snapshot)}</dd>
        <dt>Taken</dt>
        <dd>{absoluteTime(snapshot.timestamp)}</dd>
        <dt>Kept</dt>
        <dd>{retention.long}</dd>
        <dt>Since the one before</dt>
        <dd>{changes.names === '' ? changes.label : changes.names}</dd>
      </dl>

      <div className="details-actions" role="group" aria-label="Snapshot actions">
        <button type="button" className="primary" onClick={() => void actions.compareSnapshots(snapshot, null)}>
          Compare with now
        </button>
        <button type="button" onClick={() => void actions.openRollback(snapshot)}>
          Roll back…
        </button>
        {markedOther !== null ? (
          <button type="button" onClick={() => void actions.compareSnapshots(snapshot, markedOther)}>
            Compare with {markedOther.id}
          </button>
        ) : null}
        <button type="button" aria-pressed={marked?.id === snapshot.id} onClick={() => actions.markForComparing(marked?.id === snapshot.id ? null : snapshot)} title="Then select another snapshot and compare the two">
          Choose for comparing
        </button>
        <button type="button" onClick={() => void actions.pinSnapshot(snapshot, !snapshot.pinned)}>
          {snapshot.pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          Delete…
        </button>
      </div>

      <h3>Artifacts</h3>
      {artifacts === undefined || artifacts.phase === 'loading' ? (
        <p className="muted" role="status">
          Reading the artifacts…
        </p>
      ) : artifacts.phase === 'failed' ? (
        <p className="task task-error" role="alert">
          The artifacts could not be read: {artifacts.message}
        </p>
      ) : artifacts.value.length === 0 ? (
        <p className="empty">This snapshot holds no artifact.</p>
      ) : (
        <table className="artifact-table compact" aria-label="Artifacts in the snapshot">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Files</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.value.map((artifact) => (
              <tr key={`${artifact.type}:${artifact.name}`}>
                <th scope="row" title={artifact.content_hash}>
                  <a href={routeHash({ view: 'history', name: artifact.name, type: artifact.type })} title="Version history">
                    {artifact.name}
                  </a>
                </th>
                <td>
                  <span className="chip">{artifact.type}</span>
                </td>
                <td>{artifact.file_count}</td>
                <td>{sizeText(artifact.size_bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {deleting ? (
        <ConfirmDialog
          title={`Delete snapshot ${snapshot.id}?`}
          confirmLabel="Delete snapshot"
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            void actions.deleteSnapshot(snapshot).then(onDeleted);
          }}
        >
          <p>{snapshotTitle(snapshot)} will be gone for good: the collection can no longer be rolled back to it.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
