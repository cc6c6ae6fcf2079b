import { useRef } from 'react';
import type { ChangedFile } from '../../../shared/merge-results.js';
import { changedFileText } from '../view-model/compare-choices.js';
import { ChangesDiffPane } from './changes-diff-pane.js';
import { SIDE_BY_SIDE_MIN_WIDTH, useWidthAtLeast } from './use-width-at-least.js';

/**
 * The files two versions differ in, and the chosen one in the two-pane diff under its two labels
 * (inline below SIDE_BY_SIDE_MIN_WIDTH): what the history's Changes and the collection's upstream
 * changes show alike.
 */
export function ChangedFilesDiff({
  files,
  selected,
  onSelect,
  labels,
  labelLevel,
  wholeFileName,
  className = 'diff-body',
}: {
  files: readonly ChangedFile[];
  /** The path of the file shown. */
  selected: string | null;
  onSelect: (path: string) => void;
  labels: { readonly from: string; readonly to: string };
  /** The heading level of the two labels, under the section's own heading. */
  labelLevel: 'h3' | 'h4';
  /** What a single-file artifact's file (path "") is called in the list's accessible names. */
  wholeFileName?: string;
  className?: string;
}) {
  const body = useRef<HTMLDivElement>(null);
  const sideBySide = useWidthAtLeast(body, SIDE_BY_SIDE_MIN_WIDTH);
  const shown = files.find((f) => f.path === selected);
  const Label = labelLevel;
  return (
    <div ref={body} className={className}>
      <ul className="version-files" aria-label="Changed files">
        {files.map((f) => (
          <li key={f.path}>
            <button type="button" className="merge-file" aria-current={f.path === selected ? 'true' : undefined} aria-label={`${f.path === '' && wholeFileName !== undefined ? wholeFileName : f.path}: ${f.change}`} onClick={() => onSelect(f.path)}>
              <code className="merge-file-path">{f.path === '' ? '(the file)' : f.path}</code>
              <span className={`merge-file-state muted change-${f.change}`}>{changedFileText(f)}</span>
            </button>
          </li>
        ))}
      </ul>
      {shown === undefined ? null : shown.binary || shown.omitted.length > 0 ? (
        <p className="empty">{shown.binary ? 'A binary file: it cannot be shown as text.' : 'Too large to show here.'}</p>
      ) : (
        <div className="diff-main">
          <div className={`diff-labels${sideBySide ? '' : ' inline'}`}>
            <Label className="diff-label">
              {labels.from}
              {sideBySide ? '' : ' → '}
            </Label>
            <Label className="diff-label">{labels.to}</Label>
          </div>
          <ChangesDiffPane file={shown} sideBySide={sideBySide} />
        </div>
      )}
    </div>
  );
}
