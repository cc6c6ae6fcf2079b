import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { DeployPicker } from '../components/deploy-picker.js';
import { DeployedArtifactRow } from '../components/deployed-artifact-row.js';
import { ProjectHealthBadges } from '../components/project-health-badges.js';
import { navigate } from '../routing/use-route.js';
import { artifactKey, deployedEntries } from '../view-model/deployed-artifacts.js';
import { folderName, formatTime } from '../view-model/format.js';

/** One project: its deployed artifacts with their drift and actions, and the deploy picker. */
export function ProjectView({ path }: { path: string }) {
  const { stores, actions } = useServices();
  const summary = useStore(stores.projects, (s) => s.projects.find((p) => p.path === path));
  const report = useStore(stores.projects, (s) => s.reports[path]);
  const pending = useStore(stores.projects, (s) => s.pendingMerges[path]);
  const checking = useStore(stores.projects, (s) => s.checking[path] === true);
  const entries = useMemo(() => (report === undefined ? [] : deployedEntries(report)), [report]);
  const pendingByArtifact = useMemo(() => new Map((pending ?? []).map((m) => [artifactKey(m), m])), [pending]);

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
          <h1 id="project-title">{name}</h1>
          <p className="project-path">{path}</p>
        </div>
        <div className="header-actions">
          <button type="button" onClick={() => void actions.refreshDrift([path])} disabled={checking}>
            {checking ? 'Checking…' : 'Check drift'}
          </button>
          {summary !== undefined ? (
            <button
              type="button"
              onClick={() => {
                void actions.forgetProject(path);
                navigate({ view: 'projects' });
              }}
            >
              Forget project
            </button>
          ) : null}
        </div>
      </header>

      {report === undefined ? (
        <p className="muted" role="status">
          {checking ? 'Checking drift…' : 'No drift report yet.'}
        </p>
      ) : (
        <>
          <div className="summary-line">
            {summary !== undefined ? <ProjectHealthBadges summary={summary} drift={report} /> : null}
            <span className="muted">checked {formatTime(report.checked_at)}</span>
          </div>
          {report.error !== null ? (
            <p className="notice notice-error" role="alert">
              Drift could not be checked: {report.error.message}
            </p>
          ) : null}
          {report.notices.map((notice) => (
            <p key={notice} className="notice" role="status">
              {notice}
            </p>
          ))}
          <section aria-labelledby="deployed-title">
            <h2 id="deployed-title">Deployed artifacts</h2>
            {entries.length === 0 ? (
              <p className="empty">Nothing from a collection is deployed here yet.</p>
            ) : (
              <ul className="artifact-list" aria-label="Deployed artifacts">
                {entries.map((entry) => (
                  <DeployedArtifactRow key={artifactKey(entry)} project={path} entry={entry} pending={pendingByArtifact.get(artifactKey(entry))} />
                ))}
              </ul>
            )}
          </section>
          <DeployPicker project={path} report={report} />
        </>
      )}
    </section>
  );
}
