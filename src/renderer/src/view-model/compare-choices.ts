/** "Show changes": which comparisons there are, in the app's words, and which one a drift status opens with. */
import type { ChangedFile, CompareSides } from '../../../shared/merge-results.js';
import type { DriftEntry } from '../../../shared/results.js';

export interface CompareOption {
  readonly compare: CompareSides;
  readonly label: string;
  readonly description: string;
}

/** The three comparisons, in the order the selector lists them. */
export const COMPARE_OPTIONS: readonly CompareOption[] = [
  { compare: 'project_baseline', label: 'Project vs baseline', description: 'What was edited in the project since it was deployed (what a push would take).' },
  { compare: 'collection_baseline', label: 'Collection vs baseline', description: 'What changed in the collection since it was deployed (what a sync would bring).' },
  { compare: 'project_collection', label: 'Project vs collection', description: 'How the project copy and the collection copy differ now.' },
];

/** The comparison a row's "Show changes" opens: the side that changed, or both sides when both did. */
export function defaultCompare(entry: Pick<DriftEntry, 'drift_type'>): CompareSides {
  switch (entry.drift_type) {
    case 'outdated':
      return 'collection_baseline';
    case 'conflict':
      return 'project_collection';
    default:
      return 'project_baseline';
  }
}

/** True when a row offers "Show changes": its copy is modified, outdated or in conflict. */
export function offersShowChanges(entry: Pick<DriftEntry, 'drift_type'>): boolean {
  return entry.drift_type === 'modified' || entry.drift_type === 'outdated' || entry.drift_type === 'conflict';
}

/** The label of a comparison. */
export function compareLabel(compare: CompareSides): string {
  return COMPARE_OPTIONS.find((o) => o.compare === compare)?.label ?? compare;
}

/** What happened to a file, in a word for the file list, and whether it can be shown as text. */
export function changedFileText(file: Pick<ChangedFile, 'change' | 'binary' | 'omitted'>): string {
  const note = file.binary ? ', binary' : file.omitted.length > 0 ? ', too large to show' : '';
  return `${file.change}${note}`;
}
