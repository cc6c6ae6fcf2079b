// The merge model's vocabulary: what a region can hold, what a view is told about it, and the edits
// a view mirrors into its editor. Kept apart from the model so views can import the words alone.

/** A text a person can choose for a region. */
export type RegionChoice = 'project' | 'collection' | 'both' | 'both_collection_first' | 'base';

/** 'unresolved': the region holds its conflict-marker block; 'hand': text that is none of the choices. */
export type RegionState = RegionChoice | 'unresolved' | 'hand';

/** Lines [start, start + count) of a text, 0-based; `count` 0 marks a point between lines. */
export interface LineSpan {
  readonly start: number;
  readonly count: number;
}

/** One region of the merge as the result holds it now. */
export interface RegionView {
  /** Position in the core's region list. */
  readonly index: number;
  readonly kind: 'project' | 'collection' | 'conflict';
  readonly state: RegionState;
  /** Lines of the current result this region holds; regions joined by a hand edit all report the group's span (one shared object). */
  readonly result: LineSpan;
  readonly base: LineSpan;
  readonly project: LineSpan;
  readonly collection: LineSpan;
  /** state !== 'unresolved'. */
  readonly resolved: boolean;
}

/** A replacement of result lines [start, start + deleteCount) by `lines` (each with its ending): what a view mirrors into its editor. */
export interface LineEdit {
  readonly start: number;
  readonly deleteCount: number;
  readonly lines: readonly string[];
}
