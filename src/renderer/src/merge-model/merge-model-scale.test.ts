// A sanity check at the size of a large real file, not a benchmark: nothing here is timed, so it
// cannot fail on a slow machine; it fails if tracking goes wrong when there is a lot to track.
import { describe, expect, it } from 'vitest';
import { buildMerge, collectionChange, conflict, projectChange, same } from './merge-fixture.js';
import type { MergePiece } from './merge-fixture.js';
import { MergeModel } from './merge-model.js';
import type { LineEdit, RegionChoice } from './merge-model.js';
import { projectMerge } from './merge-projection.js';

/** 500 regions (conflicts, one-sided changes, some deleting lines) between 99 unchanged lines each. */
function bigMerge(): MergePiece[] {
  const pieces: MergePiece[] = [];
  for (let r = 0; r < 500; r++) {
    let gap = '';
    for (let i = 0; i < 99; i++) gap += `line ${r}.${i}\n`;
    pieces.push(same(gap));
    const base = `base ${r}\n`;
    if (r % 5 === 0) pieces.push(projectChange(base, ''));
    else if (r % 3 === 0) pieces.push(collectionChange(base, `collection ${r}\n`));
    else if (r % 3 === 1) pieces.push(projectChange(base, `project ${r}\n`));
    else pieces.push(conflict({ base, project: `project ${r}\nmore ${r}\n`, collection: r % 7 === 0 ? '' : `collection ${r}\n` }));
  }
  pieces.push(same('last line\n'));
  return pieces;
}

/** A small deterministic random source, so a failure can be replayed. */
function randomSource(seed: number): (below: number) => number {
  // mulberry32: the low bits of a plain LCG repeat too soon for small ranges.
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}

const CHOICES: readonly RegionChoice[] = ['project', 'collection', 'both', 'both_collection_first', 'base'];

/** The edit that takes back `edit`, applied to `lines`. */
function inverseOf(edit: LineEdit, lines: readonly string[]): LineEdit {
  return { start: edit.start, deleteCount: edit.lines.length, lines: lines.slice(edit.start, edit.start + edit.deleteCount) };
}

function applyTo(lines: string[], edit: LineEdit): void {
  lines.splice(edit.start, edit.deleteCount, ...edit.lines);
}

describe('a 50,000-line merge with 500 regions', () => {
  it('tracks 1,000 edits, and undoing them all brings back every region as it was', () => {
    const model = MergeModel.create(buildMerge(bigMerge()));
    expect(model.lines.length).toBeGreaterThan(50_000);
    expect(model.regions()).toHaveLength(500);
    const original = projectMerge(model);
    const mirror = [...model.lines];
    const undo: LineEdit[] = [];
    const random = randomSource(20_240_601);
    for (let k = 0; k < 1_000; k++) {
      const length = mirror.length;
      const at = random(length);
      let edit: LineEdit;
      switch (random(6)) {
        case 0:
          edit = { start: random(length + 1), deleteCount: 0, lines: [`typed ${k}\n`] };
          break;
        case 1:
          edit = { start: at, deleteCount: 1, lines: [] };
          break;
        case 2:
          edit = { start: at, deleteCount: 1, lines: [`changed ${k}\n`, `added ${k}\n`] };
          break;
        case 3:
          // Long enough to cross a region now and then.
          edit = { start: at, deleteCount: Math.min(1 + random(150), length - at), lines: [`across ${k}\n`] };
          break;
        default: {
          const made = model.accept(random(500), CHOICES[random(CHOICES.length)]!);
          undo.push(inverseOf(made, mirror));
          applyTo(mirror, made);
          continue;
        }
      }
      undo.push(inverseOf(edit, mirror));
      model.applyEdit(edit);
      applyTo(mirror, edit);
    }
    expect(model.text()).toBe(mirror.join(''));
    for (const view of model.regions()) {
      if (view.state === 'hand') continue;
      const held = model.lines.slice(view.result.start, view.result.start + view.result.count).join('');
      expect(held).toBe(model.textOf(view.index, view.state));
    }
    for (const edit of undo.reverse()) model.applyEdit(edit);
    expect(projectMerge(model)).toBe(original);
  });

  it('splits back into all 500 regions when the whole text is cut and pasted back', () => {
    const model = MergeModel.create(buildMerge(bigMerge()));
    model.acceptAll('project');
    const before = projectMerge(model);
    const all = [...model.lines];
    model.applyEdit({ start: 0, deleteCount: all.length, lines: [] });
    expect(new Set(model.regions().map((view) => view.state))).toEqual(new Set(['hand']));
    model.applyEdit({ start: 0, deleteCount: 0, lines: all });
    expect(projectMerge(model)).toBe(before);
  });
});
