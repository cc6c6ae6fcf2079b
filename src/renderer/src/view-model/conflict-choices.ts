/** The choices beside each conflict of the merge view, in the spec's words, and how a region's state reads. */
import type { RegionChoice, RegionState } from '../merge-model/region-view.js';
import { PROJECT_MERGE_SIDES, titled, type SideNames } from './side-names.js';

export interface ConflictChoiceOption {
  readonly choice: RegionChoice;
  /** The button's name (and its text when there is room). */
  readonly label: string;
  /** Its text in a narrow pane (a word of `label`, so the name still contains what is seen). */
  readonly short: string;
  readonly title: string;
  /** Shown as a link, after the three main buttons. */
  readonly minor: boolean;
}

/** The choices, main ones first: the three the spec names, then the other order and the way back to the base; worded with the merge's side names. */
export function conflictChoices(names: SideNames = PROJECT_MERGE_SIDES): readonly ConflictChoiceOption[] {
  const { project, collection } = names;
  return [
    { choice: 'project', label: `Accept ${project}`, short: titled(project), title: `Put the lines of the ${project} here`, minor: false },
    { choice: 'collection', label: `Accept ${collection}`, short: titled(collection), title: `Put the lines of the ${collection} here`, minor: false },
    { choice: 'both', label: 'Accept both', short: 'Both', title: `The lines of the ${project}, then those of the ${collection}`, minor: false },
    { choice: 'both_collection_first', label: `Both, ${collection} first`, short: `Both, ${collection} first`, title: `The lines of the ${collection}, then those of the ${project}`, minor: true },
    { choice: 'base', label: 'Back to base', short: 'Back to base', title: 'The lines as they were before either side changed them', minor: true },
  ];
}

/** The choices of a project's merge (sync or push). */
export const CONFLICT_CHOICES: readonly ConflictChoiceOption[] = conflictChoices();

/** In a narrow pane the minor choices (and Reopen) are the options of one "More…" list. */
export const MORE_LABEL = 'More…';

/** The action that puts a settled conflict's markers back. */
export const REOPEN_LABEL = 'Reopen';

/** A region's state in words ("project accepted"), with the merge's side names. */
export function regionStateText(state: RegionState, names: SideNames = PROJECT_MERGE_SIDES): string {
  switch (state) {
    case 'unresolved':
      return 'unresolved';
    case 'project':
      return `${names.project} accepted`;
    case 'collection':
      return `${names.collection} accepted`;
    case 'both':
      return 'both accepted';
    case 'both_collection_first':
      return `both accepted, ${names.collection} first`;
    case 'base':
      return 'back to base';
    case 'hand':
      return 'edited by hand';
  }
}
