// The merge editor's model: the result text and where each region of the merge sits in it, kept
// right while a person accepts choices and types. It knows nothing of editors: views mirror the
// LineEdits it returns and feed it the line edits typed in the result.
//
// The result is an ordered list of atoms: gap 0, region 0, gap 1, region 1, …, gap n (atom 2g is
// gap g, atom 2r + 1 is region r). Gaps are the lines the merge left alone. The atoms lie in a run
// of segments, each one atom, or several that a hand edit across their borders joined into a group
// (whose inner borders nobody can know until its gaps read as they did: see split-group.ts). An
// editor's undo of an edit brings back the segments exactly as they were (see edit-memory.ts).
// Only segment line counts are kept, so an edit costs a search and a pass over the segments (and,
// inside a group, a pass over its lines), never a rebuild of the text.
import type { MergeRegionData } from '../../../shared/merge-results.js';
import { lineEndingOf, linesEqualAt, regionTexts, stateOf } from './region-texts.js';
import type { MergeSources, RegionTexts } from './region-texts.js';
import type { LineEdit, RegionChoice, RegionState, RegionView } from './region-view.js';
import { splitGroup } from './split-group.js';
import type { GroupAtom, GroupPart } from './split-group.js';
import { EditMemory } from './edit-memory.js';
import type { EditRecord } from './edit-memory.js';
import { splitLines } from './split-lines.js';

export type { LineEdit, LineSpan, RegionChoice, RegionState, RegionView } from './region-view.js';

/** What a merge model is made of: one text file of a pending merge (MergeFile's fields). */
export interface MergeModelInput {
  readonly base: string;
  readonly project: string;
  readonly collection: string;
  readonly merged: string;
  readonly regions: readonly MergeRegionData[];
  /** The result so far when it is not `merged` (a saved draft, or a text resolved earlier). */
  readonly result?: string | null;
}

/** Atoms [first, last] holding `count` result lines: one atom, or a group that a hand edit joined. */
interface Segment {
  readonly first: number;
  readonly last: number;
  count: number;
}

// Above this many lines, splice(...lines) would pass too many arguments: the array is rebuilt.
const MAX_SPLICE_ARGUMENTS = 16_384;

/** The result of a text merge and its regions, under choices and hand edits. */
export class MergeModel {
  private resultLines: string[];
  private readonly segments: Segment[] = [];
  /** First result line of each segment (segments[i] holds lines [starts[i], starts[i] + count)). */
  private readonly starts: number[] = [];
  private readonly states: RegionState[];
  /**
   * Per atom, the lines it held when last on its own (at first, its lines in the merge). A group
   * splits back where its gaps hold these again (so undoing a join restores even a gap edited by
   * hand before it), and a choice in a group restores the others from them.
   */
  private readonly held: (readonly string[])[];
  /** Per atom, its lines in the merge: a gap also splits back when it holds these. */
  private readonly original: readonly (readonly string[])[];
  /** Recent edits worth undoing exactly: an undo brings back the regions as they were. */
  private readonly memory = new EditMemory();
  private views: readonly RegionView[] | null = null;

  private constructor(
    private readonly data: readonly MergeRegionData[],
    private readonly texts: readonly RegionTexts[],
    lines: string[],
    original: readonly (readonly string[])[],
  ) {
    this.resultLines = lines;
    this.original = original;
    this.held = [...original];
    this.states = data.map(() => 'hand');
  }

  /** A model of one file's merge, from the core's data; the result is `merged` unless `result` says otherwise. */
  static create(input: MergeModelInput): MergeModel {
    const sources: MergeSources = {
      base: splitLines(input.base),
      project: splitLines(input.project),
      collection: splitLines(input.collection),
      merged: splitLines(input.merged),
    };
    checkRegions(input.regions, sources);
    const eol = lineEndingOf(sources);
    const texts = input.regions.map((region) => regionTexts(sources, region, eol));
    const original: (readonly string[])[] = [];
    let next = 0;
    input.regions.forEach((region, index) => {
      original.push(sources.merged.slice(next, region.merged.start), texts[index]!.of.unresolved);
      next = region.merged.start + region.merged.count;
    });
    original.push(sources.merged.slice(next));
    const result = input.result ?? input.merged;
    if (result === input.merged) {
      // The merge's own ranges say where everything is.
      const model = new MergeModel(input.regions, texts, [...sources.merged], original);
      model.replaceSegments(0, 0, original.map((lines) => ({ atoms: 1, count: lines.length })));
      return model;
    }
    // A draft: its regions are found between the gaps, as when a group splits back; unless every
    // gap is found, the whole text is one group of hand-edited regions.
    const lines = splitLines(result);
    const model = new MergeModel(input.regions, texts, lines, original);
    model.segments.push({ first: 0, last: original.length - 1, count: lines.length });
    model.starts.push(0);
    const parts = splitGroup(lines, 0, lines.length, model.groupAtoms(model.segments[0]!));
    // (Otherwise the model stays as constructed: one group, every region 'hand'.)
    if (parts !== null && parts.every((part) => part.atoms === 1)) model.replaceSegments(0, 1, parts);
    return model;
  }

  /** The current result lines, each with its ending (the model's own array: read it, do not keep it across changes). */
  get lines(): readonly string[] {
    return this.resultLines;
  }

  /** The result as the merge will write it. */
  text(): string {
    return this.resultLines.join('');
  }

  /** Every region in order, where the result holds it and what it holds. */
  regions(): readonly RegionView[] {
    this.views ??= this.buildViews();
    return this.views;
  }

  /** How many conflicts still hold their marker block. */
  conflictsRemaining(): number {
    return this.data.filter((region, index) => region.kind === 'conflict' && this.states[index] === 'unresolved').length;
  }

  /** True when a region, or a group joined by a hand edit, still holds a conflict's whole marker block. */
  hasConflictMarkers(): boolean {
    if (this.states.includes('unresolved')) return true;
    return this.segments.some((segment, i) => segment.first !== segment.last && this.groupHoldsMarkers(segment, this.starts[i]!));
  }

  /** Puts the text of `choice` into region `index`; returns the edit made. */
  accept(index: number, choice: RegionChoice): LineEdit {
    this.checkIndex(index);
    return this.put(index, this.texts[index]!.of[choice]);
  }

  /** Puts the conflict-marker block back into region `index` (a non-conflict region gets its merged lines back). */
  reopen(index: number): LineEdit {
    this.checkIndex(index);
    return this.put(index, this.texts[index]!.of.unresolved);
  }

  /** Makes every unresolved conflict take `side`; the edits in order, each in the lines left by the one before. */
  acceptAll(side: 'project' | 'collection'): LineEdit[] {
    const edits: LineEdit[] = [];
    this.data.forEach((region, index) => {
      if (region.kind === 'conflict' && this.states[index] === 'unresolved') edits.push(this.accept(index, side));
    });
    return edits;
  }

  /** Applies an edit typed in the result: the regions it touches take the new lines (joined if it crosses their borders). */
  applyEdit(edit: LineEdit): void {
    const { start, deleteCount, lines } = edit;
    if (!Number.isInteger(start) || !Number.isInteger(deleteCount) || start < 0 || deleteCount < 0 || start + deleteCount > this.resultLines.length) {
      throw new RangeError(`The edit of lines ${start}..${start + deleteCount} lies outside the result's ${this.resultLines.length} lines.`);
    }
    if (deleteCount === 0 && lines.length === 0) return;
    // An undo of a remembered edit goes to the atoms that edit changed, whatever the borders say.
    const undone = this.memory.undoneBy(edit, this.resultLines, (record) => this.atomsHoldLines(record, start, start + deleteCount));
    const [first, last] = undone
      ? [this.segmentOf(undone.firstAtom), this.segmentOf(undone.lastAtom)]
      : deleteCount === 0
        ? this.insertionSegments(start, lines)
        : this.touchedSegments(start, start + deleteCount);
    // An undo is remembered too (its own undo is a redo), in place of the edit it took back.
    if (undone !== undefined) this.memory.forget(undone);
    this.remember(first, last, start, deleteCount, lines);
    let count = lines.length - deleteCount;
    for (let i = first; i <= last; i++) {
      const segment = this.segments[i]!;
      count += segment.count;
      // Remember what each atom held before it disappears into a group.
      if (first !== last && segment.first === segment.last) this.held[segment.first] = this.segmentLines(i);
    }
    this.replaceLines(start, deleteCount, lines);
    this.segments.splice(first, last - first + 1, { first: this.segments[first]!.first, last: this.segments[last]!.last, count });
    this.starts.splice(first + 1, last - first);
    if (undone === undefined || !this.restore(first, undone)) this.settle(first);
  }

  /** The first unresolved region starting after line `afterLine`, else the first one (wrapping around). */
  nextUnresolved(afterLine: number): RegionView | undefined {
    const open = this.regions().filter((view) => view.state === 'unresolved');
    return open.find((view) => view.result.start > afterLine) ?? open[0];
  }

  /** The last unresolved region starting before line `beforeLine`, else the last one (wrapping around). */
  previousUnresolved(beforeLine: number): RegionView | undefined {
    const open = this.regions().filter((view) => view.state === 'unresolved');
    return open.findLast((view) => view.result.start < beforeLine) ?? open[open.length - 1];
  }

  /** The text `choice` would put into region `index` ('unresolved': its marker block). */
  textOf(index: number, choice: RegionChoice | 'unresolved'): string {
    this.checkIndex(index);
    return this.texts[index]!.of[choice].join('');
  }

  /** Replaces region `index`'s lines by `lines`; a region inside a group takes the group apart first. */
  private put(index: number, lines: readonly string[]): LineEdit {
    const atom = 2 * index + 1;
    const i = this.segmentOf(atom);
    const segment = this.segments[i]!;
    const start = this.starts[i]!;
    if (segment.first === segment.last) {
      const deleteCount = segment.count;
      this.remember(i, i, start, deleteCount, lines);
      this.replaceLines(start, deleteCount, lines);
      segment.count = lines.length;
      this.settle(i);
      return { start, deleteCount, lines };
    }
    // Nobody knows which of a group's lines are this region's, so the choice brings back the
    // others as they were before the edit that joined them: one clear edit a view can undo.
    const parts: (readonly string[])[] = [];
    for (let a = segment.first; a <= segment.last; a++) parts.push(a === atom ? lines : this.held[a]!);
    const rebuilt = parts.flat();
    const deleteCount = segment.count;
    // An undo of this in the editor puts the group back as it was.
    this.memory.remember({
      at: start,
      removed: this.segmentLines(i),
      inserted: rebuilt,
      firstAtom: segment.first,
      lastAtom: segment.last,
      parts: [{ atoms: segment.last - segment.first + 1, count: segment.count }],
      before: null,
    });
    this.replaceLines(start, deleteCount, rebuilt);
    this.replaceSegments(i, 1, parts.map((part) => ({ atoms: 1, count: part.length })));
    return { start, deleteCount, lines: rebuilt };
  }

  /**
   * After segment i changed: a group tries to split back into its atoms; then the states of the
   * regions there are read from their lines, and the segments after it move.
   */
  private settle(i: number): void {
    const segment = this.segments[i]!;
    if (segment.first !== segment.last) {
      const parts = splitGroup(this.resultLines, this.starts[i]!, segment.count, this.groupAtoms(segment));
      if (parts !== null) {
        this.replaceSegments(i, 1, parts);
        return;
      }
      for (let atom = firstRegionAtom(segment); atom <= segment.last; atom += 2) this.states[(atom - 1) / 2] = 'hand';
    } else if (segment.first % 2 === 1) {
      const index = (segment.first - 1) / 2;
      this.states[index] = stateOf(this.texts[index]!, this.resultLines, this.starts[i]!, segment.count);
    }
    this.refreshStarts(i + 1);
    this.views = null;
  }

  /** Replaces `remove` segments at i by these parts (runs of atoms from i's first atom on), and reads their states. */
  private replaceSegments(i: number, remove: number, parts: readonly GroupPart[]): void {
    let atom = i < this.segments.length ? this.segments[i]!.first : 0;
    const added = parts.map(({ atoms, count }) => {
      const segment = { first: atom, last: atom + atoms - 1, count };
      atom += atoms;
      return segment;
    });
    this.segments.splice(i, remove, ...added);
    this.starts.splice(i, remove, ...added.map(() => 0));
    this.refreshStarts(i);
    added.forEach((segment, k) => {
      for (let region = firstRegionAtom(segment); region <= segment.last; region += 2) {
        const index = (region - 1) / 2;
        this.states[index] = segment.first === segment.last ? stateOf(this.texts[index]!, this.resultLines, this.starts[i + k]!, segment.count) : 'hand';
      }
    });
    this.views = null;
  }

  /** Recomputes the first line of segments from..end from the counts before them. */
  private refreshStarts(from: number): void {
    if (from === 0 && this.starts.length > 0) this.starts[0] = 0;
    for (let i = Math.max(from, 1); i < this.segments.length; i++) this.starts[i] = this.starts[i - 1]! + this.segments[i - 1]!.count;
  }

  /** What each atom of a group must (gaps) or may best (regions) hold for the group to split. */
  private groupAtoms(segment: Segment): GroupAtom[] {
    const atoms: GroupAtom[] = [];
    for (let atom = segment.first; atom <= segment.last; atom++) {
      atoms.push(
        atom % 2 === 0
          ? { kind: 'gap', texts: [this.held[atom]!, this.original[atom]!] }
          : { kind: 'region', recognised: this.texts[(atom - 1) / 2]!.recognised.map((text) => text.lines) },
      );
    }
    return atoms;
  }

  /**
   * Before an edit of segments first..last, remembers what an undo of it needs. Every edit is
   * remembered, or an undo of one that was not would pass for a new edit, and hide the older ones.
   */
  private remember(first: number, last: number, start: number, deleteCount: number, lines: readonly string[]): void {
    const parts: GroupPart[] = [];
    for (let i = first; i <= last; i++) parts.push({ atoms: this.segments[i]!.last - this.segments[i]!.first + 1, count: this.segments[i]!.count });
    const end = this.starts[last]! + this.segments[last]!.count;
    this.memory.remember({
      at: start,
      removed: this.resultLines.slice(start, start + deleteCount),
      inserted: [...lines],
      firstAtom: this.segments[first]!.first,
      lastAtom: this.segments[last]!.last,
      parts,
      before: first === last ? null : this.resultLines.slice(this.starts[first]!, end),
    });
  }

  /** True when lines [from, to) lie within the segments holding the record's atoms. */
  private atomsHoldLines(record: EditRecord, from: number, to: number): boolean {
    const a = this.segmentOf(record.firstAtom);
    const b = this.segmentOf(record.lastAtom);
    return this.starts[a]! <= from && to <= this.starts[b]! + this.segments[b]!.count;
  }

  /** After an undo of `record` joined its atoms into segment i: puts back the cut they had, if their lines are as they were. */
  private restore(i: number, record: EditRecord): boolean {
    const segment = this.segments[i]!;
    const fits =
      segment.first === record.firstAtom &&
      segment.last === record.lastAtom &&
      record.parts.reduce((sum, part) => sum + part.count, 0) === segment.count &&
      (record.before === null || (record.before.length === segment.count && linesEqualAt(this.resultLines, this.starts[i]!, record.before)));
    if (!fits) return false;
    this.replaceSegments(i, 1, record.parts);
    return true;
  }

  /**
   * The segment an insertion of `lines` before line p belongs to (undos aside: see applyEdit).
   * Strictly inside a segment: that one. At a border: an empty region (accepting an empty side
   * leaves a place to type into); else an atom there that the lines give back its text (a gap its
   * lines, a region one of its recognised texts, a group a cut), as when a deletion is undone that
   * memory no longer holds; else the gap there, so that lines typed next to a region do not
   * silently become part of it.
   */
  private insertionSegments(p: number, lines: readonly string[]): [number, number] {
    const from = this.firstSegmentEndingFrom(p, true);
    let to = from;
    while (to + 1 < this.segments.length && this.starts[to + 1]! <= p) to++;
    const run: number[] = [];
    for (let i = from; i <= to; i++) run.push(i);
    const count = (i: number): number => this.segments[i]!.count;
    const inside = run.find((i) => this.starts[i]! < p && p < this.starts[i]! + count(i));
    if (inside !== undefined) return [inside, inside];
    const pick =
      run.find((i) => count(i) === 0 && !isGapAtom(this.segments[i]!)) ??
      run.find((i) => this.settlesWith(i, lines, this.starts[i]! === p && count(i) > 0 ? 'start' : 'end')) ??
      run.find((i) => count(i) === 0) ??
      // Two segments meet at p: the one whose atom at p is a gap.
      (run.length === 1 || this.segments[run[0]!]!.last % 2 === 0 ? run[0]! : run[run.length - 1]!);
    return [pick, pick];
  }

  /** True when segment i with `lines` added at its start or end reads as its text again (a group: splits). */
  private settlesWith(i: number, lines: readonly string[], where: 'start' | 'end'): boolean {
    const segment = this.segments[i]!;
    const length = segment.count + lines.length;
    const alone = segment.first === segment.last;
    const targets: readonly (readonly string[])[] = !alone
      ? []
      : segment.first % 2 === 0
        ? [this.held[segment.first]!, this.original[segment.first]!]
        : this.texts[(segment.first - 1) / 2]!.recognised.map((text) => text.lines);
    // Most insertions leave an atom at a length none of its texts has: no need to look closer.
    if (alone && !targets.some((text) => text.length === length)) return false;
    const own = this.segmentLines(i);
    const joined = where === 'start' ? [...lines, ...own] : [...own, ...lines];
    if (!alone) return splitGroup(joined, 0, joined.length, this.groupAtoms(segment)) !== null;
    return targets.some((text) => text.length === length && linesEqualAt(joined, 0, text));
  }

  /** The run of segments whose lines [a, b) overlaps, with any empty ones strictly inside. */
  private touchedSegments(a: number, b: number): [number, number] {
    const from = this.firstSegmentEndingFrom(a, false);
    let to = from;
    while (to + 1 < this.segments.length && this.starts[to + 1]! < b) to++;
    return [from, to];
  }

  /** The first segment ending after line a (or at it, when `orAt`); segment ends never decrease. */
  private firstSegmentEndingFrom(a: number, orAt: boolean): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const end = this.starts[mid]! + this.segments[mid]!.count;
      if (end > a || (orAt && end === a)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The segment holding `atom`. */
  private segmentOf(atom: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.segments[mid]!.last >= atom) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  private segmentLines(i: number): string[] {
    return this.resultLines.slice(this.starts[i]!, this.starts[i]! + this.segments[i]!.count);
  }

  private replaceLines(start: number, deleteCount: number, lines: readonly string[]): void {
    if (lines.length <= MAX_SPLICE_ARGUMENTS) this.resultLines.splice(start, deleteCount, ...lines);
    else this.resultLines = [...this.resultLines.slice(0, start), ...lines, ...this.resultLines.slice(start + deleteCount)];
  }

  /** True when a group's lines hold the whole marker block of one of its conflicts. */
  private groupHoldsMarkers(segment: Segment, start: number): boolean {
    const end = start + segment.count;
    for (let atom = firstRegionAtom(segment); atom <= segment.last; atom += 2) {
      const index = (atom - 1) / 2;
      if (this.data[index]!.kind !== 'conflict') continue;
      const block = this.texts[index]!.of.unresolved;
      for (let at = start; at + block.length <= end; at++) {
        if (this.resultLines[at] === block[0] && linesEqualAt(this.resultLines, at, block)) return true;
      }
    }
    return false;
  }

  private buildViews(): readonly RegionView[] {
    const views: RegionView[] = [];
    this.segments.forEach((segment, i) => {
      const result = { start: this.starts[i]!, count: segment.count };
      for (let atom = firstRegionAtom(segment); atom <= segment.last; atom += 2) {
        const index = (atom - 1) / 2;
        const { kind, base, project, collection } = this.data[index]!;
        const state = this.states[index]!;
        views.push({
          index,
          kind,
          state,
          result,
          base: { start: base.start, count: base.count },
          project: { start: project.start, count: project.count },
          collection: { start: collection.start, count: collection.count },
          resolved: state !== 'unresolved',
        });
      }
    });
    return views;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.data.length) {
      throw new RangeError(`There is no region ${index}: the merge has ${this.data.length}.`);
    }
  }
}

function isGapAtom(segment: Segment): boolean {
  return segment.first === segment.last && segment.first % 2 === 0;
}

function firstRegionAtom(segment: Segment): number {
  return segment.first % 2 === 1 ? segment.first : segment.first + 1;
}

/** Throws when the regions do not fit the texts: the model would silently mislay lines otherwise. */
function checkRegions(regions: readonly MergeRegionData[], sources: MergeSources): void {
  let next = 0;
  regions.forEach((region, index) => {
    const fits = (range: { start: number; count: number }, lines: readonly string[]): boolean => range.start + range.count <= lines.length;
    if (region.merged.start < next || !fits(region.merged, sources.merged) || !fits(region.base, sources.base) || !fits(region.project, sources.project) || !fits(region.collection, sources.collection)) {
      throw new RangeError(`Merge region ${index} does not fit the texts it was computed from.`);
    }
    next = region.merged.start + region.merged.count;
  });
}
