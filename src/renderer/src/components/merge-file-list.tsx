import type { MergeFileWork } from '../view-model/merge-files.js';
import { fileStateText } from '../view-model/merge-files.js';

/** The files of a multi-file merge, each with its state; choosing one shows it. */
export function MergeFileList({ files, selected, onSelect }: { files: readonly MergeFileWork[]; selected: string | null; onSelect: (path: string) => void }) {
  return (
    <nav className="merge-files" aria-label="Files of the merge">
      <ul>
        {files.map((work) => {
          const state = fileStateText(work);
          const open = work.remaining > 0;
          return (
            <li key={work.file.path}>
              <button type="button" className={`merge-file${open ? ' merge-file-open' : ''}`} aria-current={work.file.path === selected ? 'true' : undefined} aria-label={`${work.file.path}: ${state}`} onClick={() => onSelect(work.file.path)}>
                <span className="drift-icon" aria-hidden="true">
                  {open ? '⚠' : '✓'}
                </span>
                <code className="merge-file-path">{work.file.path === '' ? '(the file)' : work.file.path}</code>
                <span className="merge-file-state muted">{state}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
