import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { FileConflictInfo } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { navigate } from '../routing/use-route.js';
import { ActionButton } from './action-button.js';
import { ConfirmButton } from './confirm-button.js';

const KIND_TEXT: Readonly<Record<FileConflictInfo['kind'], string>> = {
  content: 'changed differently on both sides',
  deletion: 'deleted on one side, changed on the other',
  binary: 'binary, changed on both sides',
  no_base: 'no common base to merge from',
  too_large: 'too large to merge by lines, changed on both sides',
};

/**
 * The files of one artifact that a sync could not settle: each opens in the merge view (Merge…),
 * or is settled at once by keeping one whole side. A single-file artifact's file has no name ('').
 */
export function ConflictList({ project, artifact, files, busy }: { project: string; artifact: { name: string; type: ArtifactType }; files: readonly Pick<FileConflictInfo, 'path' | 'kind'>[]; busy: boolean }) {
  const { actions } = useServices();
  if (files.length === 0) return null;
  const target = { project, artifact: artifact.name, type: artifact.type };
  return (
    <div className="conflicts">
      <h4>Conflicts</h4>
      <ul aria-label={`Conflicts in ${artifact.name}`}>
        {files.map((file) => {
          const name = file.path === '' ? artifact.name : file.path;
          return (
            <li key={file.path} aria-label={name} className="conflict-file">
              <span className="drift-icon drift-conflict" aria-hidden="true">
                ⚠
              </span>
              <code>{name}</code>
              <span className="muted">{KIND_TEXT[file.kind]}</span>
              <span className="conflict-actions">
                <ActionButton
                  busy={busy}
                  title="Resolve it line by line in the merge view"
                  onClick={() => {
                    actions.requestMergeFile(target, file.path);
                    navigate({ view: 'merge', ...target });
                  }}
                >
                  Merge…
                </ActionButton>
                <ActionButton busy={busy} title="Settle this file now with the project copy" onClick={() => void actions.resolveConflict(project, artifact, file.path, 'project')}>
                  Keep project
                </ActionButton>
                <ConfirmButton
                  label="Take collection"
                  busy={busy}
                  title="Settle this file now with the collection copy, replacing the project's edits"
                  confirmation={{
                    title: `Take the collection version of ${name}?`,
                    confirmLabel: 'Take collection version',
                    body: (
                      <p>
                        The project's edits of <code>{name}</code> are replaced by the collection's. The project copy is kept as a version first, so Undo can put it back.
                      </p>
                    ),
                  }}
                  onConfirm={() => void actions.resolveConflict(project, artifact, file.path, 'collection')}
                />
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
