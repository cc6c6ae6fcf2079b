/** The choices beside each conflict of the merge view, in the spec's words, and how a region's state reads. */
import type { RegionChoice, RegionState } from '../merge-model/region-view.js';

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

/** The choices, main ones first: the three the spec names, then the other order and the way back to the base. */
export const CONFLICT_CHOICES: readonly ConflictChoiceOption[] = [
  { choice: 'project', label: 'Accept project', short: 'Project', title: "Put the project's lines here", minor: false },
  { choice: 'collection', label: 'Accept collection', short: 'Collection', title: "Put the collection's lines here", minor: false },
  { choice: 'both', label: 'Accept both', short: 'Both', title: "The project's lines, then the collection's", minor: false },
  { choice: 'both_collection_first', label: 'Both, collection first', short: 'Both, collection first', title: "The collection's lines, then the project's", minor: true },
  { choice: 'base', label: 'Back to base', short: 'Back to base', title: 'The lines as they were before either side changed them', minor: true },
];

/** In a narrow pane the minor choices (and Reopen) are the options of one "More…" list. */
export const MORE_LABEL = 'More…';

/** The action that puts a settled conflict's markers back. */
export const REOPEN_LABEL = 'Reopen';

const STATE_TEXT: Readonly<Record<RegionState, string>> = {
  unresolved: 'unresolved',
  project: 'project accepted',
  collection: 'collection accepted',
  both: 'both accepted',
  both_collection_first: 'both accepted, collection first',
  base: 'back to base',
  hand: 'edited by hand',
};

/** A region's state in words ("project accepted"). */
export function regionStateText(state: RegionState): string {
  return STATE_TEXT[state];
}
