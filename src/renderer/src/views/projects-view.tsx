import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { ProjectHealthBadges } from '../components/project-health-badges.js';
import { PathForm } from '../components/path-form.js';
import { TaskStatus } from '../components/task-status.js';
import { routeHash } from '../../../shared/app-routes.js';
import { IMPORT_TASK, isTaskRunning } from '../state/tasks-store.js';
import { formatTime } from '../view-model/format.js';

/** Every registered project with its drift summary, and the ways to import one. */
export function ProjectsView() {
  const { stores, actions } = useServices();
  const projects = useStore(stores.projects, (s) => s.projects);
  const loaded = useStore(stores.projects, (s) => s.loaded);
  const summaries = useStore(stores.projects, (s) => s.summaries);
  const checking = useStore(stores.projects, (s) => s.checking);
  const importing = useStore(stores.tasks, (s) => isTaskRunning(s, IMPORT_TASK));

  return (
    <section className="view" aria-labelledby="projects-title">
      <header className="view-header">
        <h1 id="projects-title">Projects</h1>
        <button type="button" onClick={() => void actions.refreshDrift(projects.map((p) => p.path))} disabled={projects.length === 0}>
          Check all
        </button>
      </header>

      <div className="card import-card">
        <PathForm label="Project folder" button="Import" placeholder="/path/to/a/project" busy={importing} onSubmit={(path) => void actions.importProjects([path])} />
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
        <ul className="project-list" aria-label="Projects">
          {projects.map((project) => (
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
              <span className="project-checked muted">checked {formatTime(summaries[project.path]?.checked_at ?? project.last_checked)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
