// Taking a joined group apart again. A hand edit across several regions fuses them (and the gaps
// between) into one group, because nobody can say which of the new lines belong to which region.
// Once a member gap holds its own lines again (an undo, or the same text typed back), the cut there
// is known again: gaps are fixed text, regions are whatever lies between them.
//
// Not every gap need be back for some to be: a group joined on top of an earlier group is undone
// one join at a time, and the earlier group's gaps come back last. So gaps that fit are placed and
// gaps that do not stay inside smaller groups. A gap's lines may also occur inside a region (a
// blank line, a closing brace), so several cuts can fit; the cut chosen places the most gaps, then
// leaves the most regions reading as one of their recognised texts (a side, both, the base, the
// marker block), then places gaps as early as it can: that is the cut an undo restores. A dynamic
// program over the places where each gap fits finds it in O(places · log lines).
import { linesEqualAt } from './region-texts.js';

/** One atom of a group: a gap must hold one of its texts; a region holds anything, best one of its recognised texts. */
export type GroupAtom =
  | { readonly kind: 'gap'; readonly texts: readonly (readonly string[])[] }
  | { readonly kind: 'region'; readonly recognised: readonly (readonly string[])[] };

/** A run of `atoms` consecutive atoms holding `count` lines: one atom stands alone again, several stay joined. */
export interface GroupPart {
  readonly atoms: number;
  readonly count: number;
}

/** A gap placed at an offset of the group, holding `length` lines, with the best score of a cut up to it. */
interface Place {
  readonly id: number;
  readonly gap: number;
  readonly at: number;
  readonly length: number;
  readonly score: number;
  /** The place of the gap placed before it, or START. */
  readonly from: number;
}

const START = -1;

/**
 * How lines[start, start + count) are cut back into the atoms of a group (`atoms` alternate gap and
 * region, as in the result), or null when no gap can be placed and the group stays whole.
 */
export function splitGroup(lines: readonly string[], start: number, count: number, atoms: readonly GroupAtom[]): GroupPart[] | null {
  if (atoms.length === 1) return [{ atoms: 1, count }];
  const gapAtoms: number[] = [];
  atoms.forEach((atom, i) => {
    if (atom.kind === 'gap') gapAtoms.push(i);
  });
  const candidates = findPlaces(lines, start, count, atoms, gapAtoms);
  const regionTexts = (atom: number): readonly (readonly string[])[] => {
    const found = atoms[atom];
    return found?.kind === 'region' ? found.recognised : [];
  };
  const recognised = (atom: number, from: number, to: number): boolean =>
    regionTexts(atom).some((text) => text.length === to - from && linesEqualAt(lines, start + from, text));
  // A placed gap outweighs any number of recognised regions.
  const placedWeight = atoms.length + 1;
  const places: Place[] = [];
  const best = new PrefixBest(count);
  best.offer(0, 0, START);
  let previous: Place[] = [];
  for (let k = 0; k < gapAtoms.length; k++) {
    // The places of gap k - 1 by where they end, for the region between it and gap k.
    const previousByEnd = new Map<number, Place[]>();
    for (const place of previous) {
      const end = place.at + place.length;
      const list = previousByEnd.get(end);
      if (list === undefined) previousByEnd.set(end, [place]);
      else list.push(place);
    }
    const between = gapAtoms[k]! - 1;
    const current: Place[] = [];
    for (const { at, length } of candidates[k]!) {
      // Any earlier cut that ends by `at`: the atoms between stay joined (or one region, unrecognised)...
      let [score, from] = best.upTo(at);
      // ...or the gap before ends where one of the region's recognised texts leaves off.
      for (const text of regionTexts(between)) {
        const before = previousByEnd.get(at - text.length);
        if (before === undefined || !linesEqualAt(lines, start + at - text.length, text)) continue;
        for (const place of before) {
          // Among equal scores, the cut under which this region reads as one of its texts.
          if (place.score + 1 >= score) [score, from] = [place.score + 1, place.id];
        }
      }
      if (k === 0 && between === 0 && recognised(0, 0, at) && 1 > score) [score, from] = [1, START];
      const place: Place = { id: places.length, gap: k, at, length, score: score + placedWeight, from };
      places.push(place);
      current.push(place);
    }
    for (const place of current) best.offer(place.at + place.length, place.score, place.id);
    previous = current;
  }
  // The best cut, counting a region after its last gap when it reads as a recognised text.
  let chosen = START;
  let chosenScore = 0;
  for (const place of places) {
    const tail = gapAtoms[place.gap] === atoms.length - 2 && recognised(atoms.length - 1, place.at + place.length, count) ? 1 : 0;
    if (place.score + tail > chosenScore) [chosen, chosenScore] = [place.id, place.score + tail];
  }
  if (chosen === START) return null;
  const placed: Place[] = [];
  for (let i = chosen; i !== START; i = places[i]!.from) placed.unshift(places[i]!);
  const parts: GroupPart[] = [];
  let atom = 0;
  let line = 0;
  for (const { gap, at, length } of placed) {
    if (gapAtoms[gap]! > atom) parts.push({ atoms: gapAtoms[gap]! - atom, count: at - line });
    parts.push({ atoms: 1, count: length });
    atom = gapAtoms[gap]! + 1;
    line = at + length;
  }
  if (atom < atoms.length) parts.push({ atoms: atoms.length - atom, count: count - line });
  return parts;
}

/**
 * Every offset at which each gap fits, ascending. One pass over the lines, looking each line up
 * among the gaps' first lines; a gap that opens (closes) the group has nothing before (after) it to
 * take lines, so it fits only at that edge; an empty gap fits anywhere.
 */
function findPlaces(
  lines: readonly string[],
  start: number,
  count: number,
  atoms: readonly GroupAtom[],
  gapAtoms: readonly number[],
): { at: number; length: number }[][] {
  const places = gapAtoms.map((): { at: number; length: number }[] => []);
  const byFirstLine = new Map<string, { gap: number; text: readonly string[] }[]>();
  gapAtoms.forEach((atomIndex, gap) => {
    const atom = atoms[atomIndex]!;
    if (atom.kind !== 'gap') return;
    const texts = atom.texts.filter((text, i) => atom.texts.findIndex((other) => sameLines(other, text)) === i);
    for (const text of texts) {
      if (text.length > 0) {
        const list = byFirstLine.get(text[0]!);
        if (list === undefined) byFirstLine.set(text[0]!, [{ gap, text }]);
        else list.push({ gap, text });
      } else if (atomIndex === 0) places[gap]!.push({ at: 0, length: 0 });
      else if (atomIndex === atoms.length - 1) places[gap]!.push({ at: count, length: 0 });
      else for (let at = 0; at <= count; at++) places[gap]!.push({ at, length: 0 });
    }
  });
  for (let at = 0; at < count; at++) {
    for (const { gap, text } of byFirstLine.get(lines[start + at]!) ?? []) {
      const atomIndex = gapAtoms[gap]!;
      const fits = at + text.length <= count && linesEqualAt(lines, start + at, text);
      const edgeOk = (atomIndex !== 0 || at === 0) && (atomIndex !== atoms.length - 1 || at + text.length === count);
      if (fits && edgeOk) places[gap]!.push({ at, length: text.length });
    }
  }
  for (const list of places) list.sort((a, b) => a.at - b.at || a.length - b.length);
  return places;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && linesEqualAt(a, 0, b);
}

/**
 * The best score among cuts ending at or before an offset, earliest-ending among equals: a Fenwick
 * tree over offsets 0..size keeping the maximum, so each question and each new cut costs O(log size).
 */
class PrefixBest {
  private readonly keys: Float64Array;
  private readonly ids: Int32Array;

  constructor(private readonly size: number) {
    this.keys = new Float64Array(size + 2).fill(-1);
    this.ids = new Int32Array(size + 2).fill(START);
  }

  /** Records a cut ending at `end` with `score`. */
  offer(end: number, score: number, id: number): void {
    const key = score * (this.size + 2) + (this.size + 1 - end);
    for (let i = end + 1; i < this.keys.length; i += i & -i) {
      if (key > this.keys[i]!) {
        this.keys[i] = key;
        this.ids[i] = id;
      }
    }
  }

  /** [score, id] of the best cut ending at or before `end`. */
  upTo(end: number): [number, number] {
    let key = -1;
    let id = START;
    for (let i = end + 1; i > 0; i -= i & -i) {
      if (this.keys[i]! > key) {
        key = this.keys[i]!;
        id = this.ids[i]!;
      }
    }
    return [Math.floor(key / (this.size + 2)), id];
  }
}
