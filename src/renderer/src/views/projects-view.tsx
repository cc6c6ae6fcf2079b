import { useState } from 'react';
import { useStore } from 'zustand';
import type { ProjectSummary } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { SYNC_ALL_OUTDATED_TASK } from '../actions/outdated-actions.js';
import { FirstRunGuide } from '../components/first-run-guide.js';
import { MonitorToggle } from '../components/monitor-toggle.js';
import { ListFilterBar } from '../components/list-filter-bar.js';
import { LocalTime } from '../components/local-time.js';
import { ProjectHealthBadges } from '../components/project-health-badges.js';
import { PathForm } from '../components/path-form.js';
import { TaskStatus } from '../components/task-status.js';
import { useHeadingFocus } from '../components/use-heading-focus.js';
import { useKeptOrder } from '../components/use-kept-order.js';
import { routeHash } from '../../../shared/app-routes.js';
import { IMPORT_TASK, isTaskRunning } from '../state/tasks-store.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';
import { attentionLine, projectNeedsAction } from '../view-model/projects-attention.js';

/** Every registered project with its drift summary, and the ways to import one. */
export function ProjectsView() {
  const { stores, actions } = useServices();
  const projects = useStore(stores.projects, (s) => s.projects);
  const loaded = useStore(stores.projects, (s) => s.loaded);
  const summaries = useStore(stores.projects, (s) => s.summaries);
  const checking = useStore(stores.projects, (s) => s.checking);
  const importing = useStore(stores.tasks, (s) => isTaskRunning(s, IMPORT_TASK));
  const syncingOutdated = useStore(stores.tasks, (s) => isTaskRunning(s, SYNC_ALL_OUTDATED_TASK));
  const outdated = Object.values(summaries).reduce((sum, summary) => sum + (summary.state === 'checked' ? summary.counts.outdated : 0), 0);
  const [filter, setFilter] = useState(NO_FILTER);
  // Sorted once drift is known (a refresh the user asks for sorts again); rows then keep their places.
  const [orderEpoch, setOrderEpoch] = useState(0);
  const needsAction = (project: ProjectSummary) => projectNeedsAction(project, summaries[project.path]);
  const ordered = useKeptOrder(projects, (p) => ({ key: p.path, name: p.name, needsAction: needsAction(p) }), orderEpoch);
  const shown = ordered.filter((p) => passesFilter(filter, [p.name, p.path], needsAction(p)));
  const heading = useHeadingFocus<HTMLHeadingElement>();

  return (
    <section className="view" aria-labelledby="projects-title">
      <header className="view-header">
        <h1 id="projects-title" ref={heading} tabIndex={-1}>
          Projects
        </h1>
        <div className="header-actions">
          <button
            type="button"
            onClick={() => {
              setOrderEpoch((epoch) => epoch + 1);
              void actions.refreshDrift(projects.map((p) => p.path));
            }}
            disabled={projects.length === 0}
          >
            Check all
          </button>
          <button
            type="button"
            title="Take the collection's changes into every project copy without edits of its own"
            aria-disabled={syncingOutdated || outdated === 0 || undefined}
            onClick={() => {
              if (!syncingOutdated && outdated > 0) void actions.syncAllOutdated();
            }}
          >
            {outdated === 0 ? 'Sync all outdated' : `Sync all outdated (${outdated})`}
          </button>
          <MonitorToggle />
        </div>
      </header>
      <TaskStatus taskKey={SYNC_ALL_OUTDATED_TASK} label="Sync all outdated result" />

      <FirstRunGuide />

      <div className="card import-card">
        <PathForm
          label="Project folder"
          button="Import"
          placeholder="~/code/webapp"
          busy={importing}
          choose={{ purpose: 'project', kinds: ['folder'], taskKey: IMPORT_TASK }}
          onSubmit={(path) => void actions.importProjects([path])}
        />
        <p className="hint">Or drop a project folder anywhere on this window.</p>
        <TaskStatus taskKey={IMPORT_TASK} label="Import result" />
      </div>

      {!loaded ? (
        <p className="muted" role="status">
          Loading projects…
        </p>
      ) : projects.length === 0 ? (
        <p className="empty">No projects yet. Import one above, or drop its folder on the window.</p>
      ) : (
        <>
          <p className="attention-line" aria-label="Projects needing action">
            {attentionLine(projects, summaries)}
          </p>
          {projects.length > FILTER_FROM_ROWS ? <ListFilterBar label="Filter projects" filter={filter} onChange={setFilter} shown={shown.length} total={projects.length} /> : null}
          <ul className="project-list" aria-label="Projects">
            {shown.map((project) => (
              <li key={project.path} className="card project-row" aria-label={project.name}>
                <div className="project-main">
                  <a className="project-name" href={routeHash({ view: 'project', path: project.path })}>
                    {project.name}
                  </a>
                  <span className="project-path">{project.path}</span>
                </div>
                <div className="project-health">
                  {checking[project.path] ? <span className="spinner" role="status" aria-label="Checking drift" /> : null}
                  <ProjectHealthBadges summary={project} drift={summaries[project.path]} />
                </div>
                <span className="project-checked muted">
                  checked <LocalTime iso={summaries[project.path]?.checked_at ?? project.last_checked} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
