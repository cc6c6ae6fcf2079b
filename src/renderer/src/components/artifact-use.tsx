import './everyday-actions.css';
import { useStore } from 'zustand';
import { routeHash } from '../../../shared/app-routes.js';
import type { ArtifactInfo } from '../../../shared/results.js';
import { collectionArtifactKey } from '../actions/collection-actions.js';
import { useServices } from '../app-context.js';

/** Which projects an artifact of the collection is deployed in: read when asked (**Used in…**), then each project a link. */
export function ArtifactUse({ artifact }: { artifact: ArtifactInfo }) {
  const { stores, actions } = useServices();
  const use = useStore(stores.collection, (s) => s.usedIn[collectionArtifactKey(artifact)]);
  if (use === undefined) {
    return (
      <button type="button" className="link-button" onClick={() => void actions.loadArtifactUse(artifact)}>
        Used in…
      </button>
    );
  }
  switch (use.phase) {
    case 'reading':
      return (
        <span className="muted" role="status">
          Reading…
        </span>
      );
    case 'failed':
      return (
        <span className="task-error" role="alert">
          {use.message}
        </span>
      );
    case 'read':
      return use.projects.length === 0 ? (
        <span className="muted" aria-label={`${artifact.name} is used in`}>
          No project
        </span>
      ) : (
        <ul className="used-in" aria-label={`${artifact.name} is used in`}>
          {use.projects.map((project) => (
            <li key={project.path}>
              <a href={routeHash({ view: 'project', path: project.path })} title={project.path}>
                {project.name}
              </a>
            </li>
          ))}
        </ul>
      );
  }
}
