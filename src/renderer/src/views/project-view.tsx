import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { DriftEntry } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DeployPicker } from '../components/deploy-picker.js';
import { DeployedArtifactRow } from '../components/deployed-artifact-row.js';
import { ListFilterBar } from '../components/list-filter-bar.js';
import { LocalTime } from '../components/local-time.js';
import { ProjectHealthBadges } from '../components/project-health-badges.js';
import { useFocusKeeper } from '../components/use-focus-keeper.js';
import { useHeadingFocus } from '../components/use-heading-focus.js';
import { useKeptOrder } from '../components/use-kept-order.js';
import { navigate } from '../routing/use-route.js';
import { artifactKey, deployedEntries } from '../view-model/deployed-artifacts.js';
import { folderName } from '../view-model/format.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';
import type { OrderedRow } from '../view-model/list-order.js';
import { inAppWords } from '../view-model/error-words.js';
import { outdatedNames, syncOutdatedTaskKey } from '../actions/outdated-actions.js';
import { TaskStatus } from '../components/task-status.js';
import { isTaskRunning } from '../state/tasks-store.js';

/** A deployed artifact as the ordering rule reads it. */
const entryRow = (entry: DriftEntry): OrderedRow => ({ key: artifactKey(entry), name: entry.name, needsAction: entry.recommendation !== null });

/** One project: its deployed artifacts with their drift and actions, and the deploy picker. */
export function ProjectView({ path }: { path: string }) {
  const { stores, actions } = useServices();
  const summary = useStore(stores.projects, (s) => s.projects.find((p) => p.path === path));
  const report = useStore(stores.projects, (s) => s.reports[path]);
  const pending = useStore(stores.projects, (s) => s.pendingMerges[path]);
  const checking = useStore(stores.projects, (s) => s.checking[path] === true);
  const syncingOutdated = useStore(stores.tasks, (s) => isTaskRunning(s, syncOutdatedTaskKey(path)));
  const outdated = report === undefined ? 0 : outdatedNames(report).length;
  // A drift check the user asks for sorts the rows afresh; anything else keeps them in place.
  const [orderEpoch, setOrderEpoch] = useState(0);
  const [filter, setFilter] = useState(NO_FILTER);
  const entries = useKeptOrder(
    useMemo(() => (report === undefined ? [] : deployedEntries(report)), [report]),
    entryRow,
    orderEpoch,
  );
  const shown = entries.filter((entry) => passesFilter(filter, [entry.name, entry.type], entry.recommendation !== null));
  const pendingByArtifact = useMemo(() => new Map((pending ?? []).map((m) => [artifactKey(m), m])), [pending]);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const focusKeeper = useFocusKeeper<HTMLUListElement>();

  useEffect(() => {
    void actions.openProject(path);
  }, [actions, path]);

  const name = summary?.name ?? folderName(path);
  return (
    <section className="view" aria-labelledby="project-title">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href="#/projects">Projects</a> /
          </p>
          <h1 id="project-title" ref={heading} tabIndex={-1}>
            {name}
          </h1>
          <p className="project-path">{path}</p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            onClick={() => {
              setOrderEpoch((epoch) => epoch + 1);
              void actions.refreshDrift([path]);
            }}
            aria-disabled={checking || undefined}
          >
            {checking ? 'Checking…' : 'Check drift'}
          </button>
          {outdated > 0 || syncingOutdated ? (
            <button
              type="button"
              title="Take the collection's changes into every outdated artifact (copies without edits of their own)"
              aria-disabled={syncingOutdated || undefined}
              onClick={() => {
                if (!syncingOutdated) void actions.syncOutdated(path);
              }}
            >
              {outdated === 1 ? 'Sync 1 outdated' : `Sync ${outdated} outdated`}
            </button>
          ) : null}
          {summary !== undefined ? (
            <ConfirmButton
              label="Forget project"
              confirmation={{
                title: `Forget ${name}?`,
                confirmLabel: 'Forget project',
                body: (
                  <p>
                    SkillMeat stops watching <code>{path}</code>. Nothing in the folder is touched: its deployed artifacts stay, and importing it again brings it back as it is.
                  </p>
                ),
              }}
              onConfirm={() => {
                void actions.forgetProject(path);
                navigate({ view: 'projects' });
              }}
            />
          ) : null}
        </div>
      </header>

      <TaskStatus taskKey={syncOutdatedTaskKey(path)} label="Sync outdated result" />
      {report === undefined ? (
        <p className="muted" role="status">
          {checking ? 'Checking drift…' : 'No drift report yet.'}
        </p>
      ) : (
        <>
          <div className="summary-line">
            {summary !== undefined ? <ProjectHealthBadges summary={summary} drift={report} /> : null}
            <span className="muted">
              checked <LocalTime iso={report.checked_at} />
            </span>
          </div>
          {report.error !== null ? (
            <p className="notice notice-error" role="alert">
              Drift could not be checked: {inAppWords(report.error.message)}
            </p>
          ) : null}
          {report.notices.map((notice) => (
            <p key={notice} className="notice" role="status">
              {inAppWords(notice)}
            </p>
          ))}
          <section aria-labelledby="deployed-title">
            <h2 id="deployed-title">Deployed artifacts</h2>
            {entries.length === 0 ? (
              <p className="empty">Nothing from a collection is deployed here yet.</p>
            ) : (
              <>
                {entries.length > FILTER_FROM_ROWS ? <ListFilterBar label="Filter artifacts" filter={filter} onChange={setFilter} shown={shown.length} total={entries.length} /> : null}
                <ul className="artifact-list" aria-label="Deployed artifacts" ref={focusKeeper.ref} onFocus={focusKeeper.onFocus}>
                  {shown.map((entry) => (
                    <DeployedArtifactRow key={artifactKey(entry)} project={path} projectName={name} entry={entry} pending={pendingByArtifact.get(artifactKey(entry))} />
                  ))}
                </ul>
              </>
            )}
          </section>
          <DeployPicker project={path} report={report} />
        </>
      )}
    </section>
  );
}
