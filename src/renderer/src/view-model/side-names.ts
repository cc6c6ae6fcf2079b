import type { MergeDocument } from '../../../shared/merge-results.js';

/**
 * What the two sides of a merge are called wherever the user reads them (pane titles, the buttons
 * beside each conflict, whole-file choices). A project's merge (sync or push) names its places:
 * project and collection. A rollback's merge is in the collection: the collection copy as it is
 * now against the snapshot's content.
 */
export interface SideNames {
  readonly project: string;
  readonly collection: string;
}

export const PROJECT_MERGE_SIDES: SideNames = { project: 'project', collection: 'collection' };
export const ROLLBACK_MERGE_SIDES: SideNames = { project: 'collection now', collection: 'snapshot' };
export const UPDATE_MERGE_SIDES: SideNames = { project: 'collection', collection: 'upstream' };

/** The side names of a merge by where its result goes. */
export function sideNamesOf(direction: MergeDocument['direction']): SideNames {
  return direction === 'rollback' ? ROLLBACK_MERGE_SIDES : direction === 'update' ? UPDATE_MERGE_SIDES : PROJECT_MERGE_SIDES;
}

/** A name as a title starts it ("collection now" → "Collection now"). */
export function titled(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A merge pane's title: Base and Result, and the two sides by the merge's names. */
export function paneTitle(pane: 'base' | 'project' | 'result' | 'collection', names: SideNames): string {
  return pane === 'base' ? 'Base' : pane === 'result' ? 'Result' : titled(names[pane]);
}
