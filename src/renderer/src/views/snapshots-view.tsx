import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { RollbackDialog } from '../components/rollback-dialog.js';
import { RollbackOutcomeCard } from '../components/rollback-outcome.js';
import { RollbackMerges } from '../components/rollback-merges.js';
import { SnapshotComparison } from '../components/snapshot-comparison.js';
import { SnapshotDetails } from '../components/snapshot-details.js';
import { SnapshotTimeline } from '../components/snapshot-timeline.js';
import { TaskStatus } from '../components/task-status.js';
import { focusOpenedView } from '../components/use-heading-focus.js';
import { CREATE_SNAPSHOT_TASK, isTaskRunning } from '../state/tasks-store.js';
import { artifactText, SNAPSHOT_KINDS } from '../view-model/snapshot-text.js';

/**
 * The snapshot timeline of the active collection: every snapshot, newest first, filtered by kind or
 * by an artifact that changed, with rollbacks and merges beside them; a selected snapshot's
 * artifacts and actions; comparisons; the rollback dialog and its outcome; taking a snapshot.
 */
export function SnapshotsView() {
  const { stores, actions } = useServices();
  const status = useStore(stores.snapshots, (s) => s.status);
  const error = useStore(stores.snapshots, (s) => s.error);
  const total = useStore(stores.snapshots, (s) => s.total);
  const collection = useStore(stores.snapshots, (s) => s.collection);
  const selected = useStore(stores.snapshots, (s) => s.selected);
  const comparison = useStore(stores.snapshots, (s) => s.comparison);
  const rollback = useStore(stores.snapshots, (s) => s.rollback);
  const outcome = useStore(stores.snapshots, (s) => s.outcome);
  const rollbackMerges = useStore(stores.snapshots, (s) => s.rollbackMerges);
  const notice = useStore(stores.snapshots, (s) => s.notice);
  const filterKey = useStore(stores.snapshots, (s) => `${s.filter.kinds.join(',')} ${s.filter.artifact?.type ?? ''}:${s.filter.artifact?.name ?? ''}`);
  const heading = useRef<HTMLHeadingElement>(null);
  const timeline = useRef<HTMLDivElement>(null);
  const scrollOffset = useRef(0);
  const view = useRef<HTMLElement>(null);
  /** The label of the button a comparison was opened from: the focus goes back to it (a new element by then). */
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    focusOpenedView(heading.current);
    performance.mark('skillmeat:timeline-open');
    void actions.loadTimeline();
    void actions.loadCollection();
  }, [actions]);

  // Another filter is another list: it starts at the top.
  useEffect(() => {
    scrollOffset.current = 0;
  }, [filterKey]);

  const closeComparison = () => {
    actions.closeComparison();
    // Back where the comparison was asked for.
    requestAnimationFrame(() => {
      const buttons = [...(view.current?.querySelectorAll<HTMLButtonElement>('.snapshot-details button') ?? [])];
      (buttons.find((b) => b.textContent === returnFocus.current) ?? timeline.current)?.focus();
    });
  };

  return (
    <section ref={view} className="view snapshots-view" aria-labelledby="snapshots-title">
      <header className="view-header">
        <div>
          <h1 id="snapshots-title" ref={heading} tabIndex={-1}>
            Snapshots
          </h1>
          <p className="muted view-subtitle">{collection === null ? '' : `Collection ${collection} · ${total.toLocaleString('en')} snapshot${total === 1 ? '' : 's'}`}</p>
        </div>
        <CreateSnapshotForm />
      </header>

      {notice !== null ? (
        <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="link" aria-label="Dismiss notice" onClick={() => actions.dismissSnapshotNotice()}>
            ×
          </button>
        </div>
      ) : null}
      {outcome !== null ? <RollbackOutcomeCard outcome={outcome} onDismiss={() => actions.dismissRollbackOutcome()} /> : null}
      <RollbackMerges merges={rollbackMerges} />

      {comparison !== null ? (
        <SnapshotComparison comparison={comparison} onClose={closeComparison} />
      ) : (
        <>
          <TimelineFilters />
          {status === 'failed' ? (
            <p className="task task-error" role="alert">
              {error}
            </p>
          ) : status !== 'ready' ? (
            <p className="muted" role="status">
              Reading the snapshots…
            </p>
          ) : null}
          <div
            className="snapshots-body"
            onClickCapture={(event) => {
              // Remember the control a comparison was opened from, to return to it.
              if (event.target instanceof HTMLElement) returnFocus.current = event.target.closest('button')?.textContent ?? null;
            }}
          >
            <div ref={timeline} className="timeline-pane" tabIndex={-1} aria-label="Timeline">
              {status === 'ready' && total === 0 ? <p className="empty">No snapshot matches. Take one with a message above, or change the filters.</p> : null}
              {status === 'ready' ? <SnapshotTimeline scrollOffset={scrollOffset} /> : null}
            </div>
            {selected !== null ? (
              <SnapshotDetails snapshot={selected} onDeleted={() => timeline.current?.focus()} />
            ) : (
              <p className="empty snapshot-details-empty">Select a snapshot to see its artifacts, compare it or roll back to it.</p>
            )}
          </div>
        </>
      )}

      {rollback !== null ? <RollbackDialog dialog={rollback} /> : null}
    </section>
  );
}

/** Take a snapshot now, with a message. */
function CreateSnapshotForm() {
  const { stores, actions } = useServices();
  const busy = useStore(stores.tasks, (s) => isTaskRunning(s, CREATE_SNAPSHOT_TASK));
  const [message, setMessage] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = message.trim();
    if (trimmed === '' || busy) return;
    void actions.createSnapshot(trimmed).then(() => setMessage(''));
  };
  return (
    <div className="create-snapshot">
      <form className="path-form" onSubmit={submit} aria-label="New snapshot">
        <label htmlFor={id} className="visually-hidden">
          Snapshot message
        </label>
        <div className="path-form-row">
          <input id={id} type="text" value={message} placeholder="What is this snapshot for?" autoComplete="off" maxLength={1000} onChange={(e) => setMessage(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || message.trim() === ''}>
            Create snapshot
          </button>
        </div>
      </form>
      <TaskStatus taskKey={CREATE_SNAPSHOT_TASK} label="Create snapshot result" />
    </div>
  );
}

/** Kinds to show, the artifact that must have changed, and whether rollbacks and merges are shown. */
function TimelineFilters() {
  const { stores, actions } = useServices();
  const filter = useStore(stores.snapshots, (s) => s.filter);
  const showAudit = useStore(stores.snapshots, (s) => s.showAudit);
  const artifacts = useStore(stores.collection, (s) => s.artifacts);
  const artifactId = useId();
  const chosen = filter.artifact === null ? '' : `${filter.artifact.type}:${filter.artifact.name}`;
  return (
    <div className="timeline-filters" role="group" aria-label="Filters">
      <fieldset className="kind-filter">
        <legend>Kinds</legend>
        {SNAPSHOT_KINDS.map((kind) => {
          const checked = filter.kinds.includes(kind);
          return (
            <label key={kind}>
              <input
                type="checkbox"
                checked={checked}
                // At least one kind stays shown.
                disabled={checked && filter.kinds.length === 1}
                onChange={() => void actions.setTimelineFilter({ ...filter, kinds: checked ? filter.kinds.filter((k) => k !== kind) : SNAPSHOT_KINDS.filter((k) => k === kind || filter.kinds.includes(k)) })}
              />
              {kind}
            </label>
          );
        })}
      </fieldset>
      <label htmlFor={artifactId} className="artifact-filter">
        Only where
        <select
          id={artifactId}
          value={chosen}
          onChange={(event) => {
            const picked = artifacts.find((a) => `${a.type}:${a.name}` === event.target.value);
            void actions.setTimelineFilter({ ...filter, artifact: picked === undefined ? null : { name: picked.name, type: picked.type } });
          }}
        >
          <option value="">any artifact</option>
          {filter.artifact !== null && !artifacts.some((a) => `${a.type}:${a.name}` === chosen) ? <option value={chosen}>{artifactText(filter.artifact)}</option> : null}
          {artifacts.map((a) => (
            <option key={`${a.type}:${a.name}`} value={`${a.type}:${a.name}`}>
              {artifactText(a)}
            </option>
          ))}
        </select>
        changed
      </label>
      <label className="audit-toggle">
        <input type="checkbox" checked={showAudit} onChange={(event) => void actions.showAuditOnTimeline(event.target.checked)} />
        Show rollbacks and merges
      </label>
    </div>
  );
}
