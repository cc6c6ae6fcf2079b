import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { FileConflictInfo } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { routeHash } from '../../../shared/app-routes.js';

const KIND_TEXT: Readonly<Record<FileConflictInfo['kind'], string>> = {
  content: 'changed differently on both sides',
  deletion: 'deleted on one side, changed on the other',
  binary: 'binary, changed on both sides',
  no_base: 'no common base to merge from',
  too_large: 'too large to merge by lines, changed on both sides',
};

/** The files of one artifact that a sync could not settle, each with the ways to settle it. */
export function ConflictList({ project, artifact, files, busy }: { project: string; artifact: { name: string; type: ArtifactType }; files: readonly Pick<FileConflictInfo, 'path' | 'kind'>[]; busy: boolean }) {
  const { actions } = useServices();
  if (files.length === 0) return null;
  return (
    <div className="conflicts">
      <h4>Conflicts</h4>
      <ul aria-label={`Conflicts in ${artifact.name}`}>
        {files.map((file) => (
          <li key={file.path} aria-label={file.path} className="conflict-file">
            <span className="drift-icon drift-conflict" aria-hidden="true">
              ⚠
            </span>
            <code>{file.path}</code>
            <span className="muted">{KIND_TEXT[file.kind]}</span>
            <span className="conflict-actions">
              <button type="button" disabled={busy} onClick={() => void actions.resolveConflict(project, artifact, file.path, 'local')}>
                Keep project version
              </button>
              <button type="button" disabled={busy} onClick={() => void actions.resolveConflict(project, artifact, file.path, 'collection')}>
                Take collection version
              </button>
              <a href={routeHash({ view: 'merge', project, artifact: artifact.name })}>Merge…</a>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
