import type { MergeFileWork, WholeFileChoice as Choice } from '../view-model/merge-files.js';
import { fileKindText, wholeFileOptions } from '../view-model/merge-files.js';
import type { SideNames } from '../view-model/side-names.js';

/** A file that cannot be merged by lines (binary, deleted on one side, too large): one choice for the whole file. */
export function WholeFileChoice({ work, names, onChoose }: { work: MergeFileWork; names: SideNames; onChoose: (choice: Choice) => void }) {
  const { file } = work;
  if (file.state === 'auto_merged') {
    return (
      <div className="card whole-file">
        <h2>{file.path}</h2>
        <p>Merged automatically: only one side changed this file, or both made the same change. Nothing to decide.</p>
      </div>
    );
  }
  return (
    <div className="card whole-file" role="group" aria-label={`Whole-file choice for ${file.path}`}>
      <h2>{file.path}</h2>
      <p>
        This file is {fileKindText(file.kind)}, so it is settled as a whole: choose which copy to keep.
        {file.omitted.length > 0 ? ` Too large to show here: ${file.omitted.join(', ')}; compare the files on disk.` : ''}
      </p>
      <div className="whole-file-actions">
        {wholeFileOptions(file, names).map((option) => (
          <button key={option.choice} type="button" title={option.description} aria-pressed={work.choice === option.choice} className={work.choice === option.choice ? 'primary' : undefined} onClick={() => onChoose(option.choice)}>
            {option.label}
          </button>
        ))}
      </div>
      {file.state === 'resolved' && work.choice === null ? <p className="muted">Already settled ({file.resolution ?? 'text'}); choosing again replaces that.</p> : null}
    </div>
  );
}
