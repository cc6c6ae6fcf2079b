import type { TextLines } from './text-lines.js';

/**
 * Gives every distinct line text a small integer id, so that diffs compare numbers instead of strings.
 * One table serves all three sides of a merge, so equal lines get equal ids across files.
 */
export class LineIdTable {
  private readonly ids = new Map<string, number>();

  /** The ids of `lines`, allocating an id for each text not seen before. */
  idsOf(lines: readonly string[]): Int32Array {
    const result = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) result[i] = this.idOf(lines[i]!);
    return result;
  }

  /**
   * The ids of `lines`, a version of `model` (line strings, ids `modelIds`): a merge's sides are
   * mostly the base's lines in the base's order, so each line is first compared in place with the
   * model line after the last one matched — far cheaper than hashing it — and looked up only when
   * that fails.
   */
  idsFollowing(lines: TextLines, model: readonly string[], modelIds: Int32Array): Int32Array {
    const result = new Int32Array(lines.count);
    // Where each id last occurs in the model, to pick up the walk again after a line that differs.
    let positions: Int32Array | undefined;
    let guess = 0;
    for (let i = 0; i < lines.count; i++) {
      if (guess < model.length && lines.lineEquals(i, model[guess]!)) {
        result[i] = modelIds[guess]!;
        guess++;
        continue;
      }
      const id = this.idOf(lines.line(i));
      result[i] = id;
      positions ??= lastPositions(modelIds);
      const position = id < positions.length ? positions[id]! : -1;
      if (position !== -1) guess = position + 1;
    }
    return result;
  }

  private idOf(line: string): number {
    let id = this.ids.get(line);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(line, id);
    }
    return id;
  }

  /** How many distinct lines the table holds (ids run from 0 to size - 1). */
  get size(): number {
    return this.ids.size;
  }
}

/** Where each id last occurs in `ids` (-1 for ids that do not): a walk along a model picks up again there after a line that differs. */
export function lastPositions(ids: Int32Array): Int32Array {
  let maxId = -1;
  for (let k = 0; k < ids.length; k++) maxId = Math.max(maxId, ids[k]!);
  const positions = new Int32Array(maxId + 1).fill(-1);
  for (let k = 0; k < ids.length; k++) positions[ids[k]!] = k;
  return positions;
}
