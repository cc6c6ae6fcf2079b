// Myers' O(ND) difference algorithm in its linear-space form (Myers 1986, section 4b): find a
// "middle snake" by searching from both corners of the edit graph at once, split the problem there,
// and solve both halves. Practical bounds keep pathological inputs fast: past a cost threshold a
// long diagonal run is accepted as a split point, and past a hard limit the furthest-reaching path
// is taken as it is, giving a valid (if not minimal) diff in bounded time.
//
// The choices a minimal diff leaves open (which of several equally short paths) are made the way
// git's xdiff makes them — scan diagonals from the highest down, prefer the deleting move on ties,
// search forward first — because a merge that agrees with `git merge-file` needs the same alignment.

/** A diagonal run this long counts as a strong hint that the two files line up there. */
const SNAKE_LENGTH = 20;
/** Below this cost, searching on for a minimal diff is cheap enough. */
const HEURISTIC_MIN_COST = 256;
/** A diagonal must reach this many times the cost (in lines covered) to be taken as a split point. */
const HEURISTIC_FACTOR = 4;
const MIN_COST_LIMIT = 256;
const FAR_BACK = 0x7fffffff;

/** Integer square root, roughly: 2^ceil(bits(n) / 2). Used to scale limits with input size. */
export function roughSqrt(n: number): number {
  let root = 1;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 4)) root *= 2;
  return root;
}

interface Split {
  readonly a: number;
  readonly b: number;
  /** Whether each half must be solved minimally (no heuristics), as git decides per half. */
  readonly minimalBefore: boolean;
  readonly minimalAfter: boolean;
}

interface Search {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Furthest a-position reached on each diagonal (a index - b index), searching forward / backward. */
  readonly forward: Int32Array;
  readonly backward: Int32Array;
  /** Offset that maps diagonal d to its cell in forward/backward. */
  readonly zero: number;
  readonly costLimit: number;
}

/**
 * Aligns `a` with `b` and marks in `changedA`/`changedB` the lines that are not part of the alignment.
 * `indexA[i]` is where `a[i]` sits in the full file; its flag is cell `indexA[i] + 1`.
 */
export function markUnalignedLines(
  a: Int32Array,
  indexA: Int32Array,
  changedA: Uint8Array,
  b: Int32Array,
  indexB: Int32Array,
  changedB: Uint8Array,
): void {
  const cells = a.length + b.length + 3;
  const search: Search = {
    a,
    b,
    forward: new Int32Array(cells),
    backward: new Int32Array(cells),
    zero: b.length + 1,
    costLimit: Math.max(MIN_COST_LIMIT, roughSqrt(cells)),
  };
  // An explicit stack of boxes [aLow, aHigh, bLow, bHigh, minimal] instead of recursion: the halves
  // are independent, so the order they are solved in does not change the result.
  const boxes: number[] = [0, a.length, 0, b.length, 0];
  while (boxes.length > 0) {
    const minimal = boxes.pop() === 1;
    let bHigh = boxes.pop()!;
    let bLow = boxes.pop()!;
    let aHigh = boxes.pop()!;
    let aLow = boxes.pop()!;
    while (aLow < aHigh && bLow < bHigh && a[aLow] === b[bLow]) {
      aLow++;
      bLow++;
    }
    while (aLow < aHigh && bLow < bHigh && a[aHigh - 1] === b[bHigh - 1]) {
      aHigh--;
      bHigh--;
    }
    if (aLow === aHigh) {
      for (let j = bLow; j < bHigh; j++) changedB[indexB[j]! + 1] = 1;
    } else if (bLow === bHigh) {
      for (let i = aLow; i < aHigh; i++) changedA[indexA[i]! + 1] = 1;
    } else {
      const split = findSplit(search, aLow, aHigh, bLow, bHigh, minimal);
      boxes.push(aLow, split.a, bLow, split.b, split.minimalBefore ? 1 : 0);
      boxes.push(split.a, aHigh, split.b, bHigh, split.minimalAfter ? 1 : 0);
    }
  }
}

/** Finds where to divide the box [aLow, aHigh) × [bLow, bHigh): on a middle snake, or by heuristic. */
function findSplit(search: Search, aLow: number, aHigh: number, bLow: number, bHigh: number, minimal: boolean): Split {
  const { a, b, forward, backward, zero } = search;
  const lowestDiagonal = aLow - bHigh;
  const highestDiagonal = aHigh - bLow;
  const forwardMid = aLow - bLow;
  const backwardMid = aHigh - bHigh;
  const oddDelta = ((forwardMid - backwardMid) & 1) !== 0;
  let forwardLow = forwardMid;
  let forwardHigh = forwardMid;
  let backwardLow = backwardMid;
  let backwardHigh = backwardMid;
  forward[zero + forwardMid] = aLow;
  backward[zero + backwardMid] = aHigh;

  for (let cost = 1; ; cost++) {
    let sawLongSnake = false;

    // Widen the band of diagonals by one each way; where the box edge stops it, step inward
    // instead so the band keeps the parity of this cost. The cell just outside gets a value
    // that never wins, so the loop needs no edge tests.
    if (forwardLow > lowestDiagonal) forward[zero + --forwardLow - 1] = -1;
    else forwardLow++;
    if (forwardHigh < highestDiagonal) forward[zero + ++forwardHigh + 1] = -1;
    else forwardHigh--;
    for (let d = forwardHigh; d >= forwardLow; d -= 2) {
      const fromBelow = forward[zero + d - 1]!;
      const fromAbove = forward[zero + d + 1]!;
      let i = fromBelow >= fromAbove ? fromBelow + 1 : fromAbove;
      const snakeStart = i;
      let j = i - d;
      while (i < aHigh && j < bHigh && a[i] === b[j]) {
        i++;
        j++;
      }
      if (i - snakeStart > SNAKE_LENGTH) sawLongSnake = true;
      forward[zero + d] = i;
      if (oddDelta && backwardLow <= d && d <= backwardHigh && backward[zero + d]! <= i) {
        return { a: i, b: j, minimalBefore: true, minimalAfter: true };
      }
    }

    if (backwardLow > lowestDiagonal) backward[zero + --backwardLow - 1] = FAR_BACK;
    else backwardLow++;
    if (backwardHigh < highestDiagonal) backward[zero + ++backwardHigh + 1] = FAR_BACK;
    else backwardHigh--;
    for (let d = backwardHigh; d >= backwardLow; d -= 2) {
      const fromBelow = backward[zero + d - 1]!;
      const fromAbove = backward[zero + d + 1]!;
      let i = fromBelow < fromAbove ? fromBelow : fromAbove - 1;
      const snakeStart = i;
      let j = i - d;
      while (i > aLow && j > bLow && a[i - 1] === b[j - 1]) {
        i--;
        j--;
      }
      if (snakeStart - i > SNAKE_LENGTH) sawLongSnake = true;
      backward[zero + d] = i;
      if (!oddDelta && forwardLow <= d && d <= forwardHigh && i <= forward[zero + d]!) {
        return { a: i, b: j, minimalBefore: true, minimalAfter: true };
      }
    }

    if (minimal) continue;

    if (sawLongSnake && cost > HEURISTIC_MIN_COST) {
      const ahead = promisingForwardPoint(search, aLow, aHigh, bLow, bHigh, forwardLow, forwardHigh, forwardMid, cost);
      if (ahead) return { a: ahead.a, b: ahead.b, minimalBefore: true, minimalAfter: false };
      const behind = promisingBackwardPoint(search, aLow, aHigh, bLow, bHigh, backwardLow, backwardHigh, backwardMid, cost);
      if (behind) return { a: behind.a, b: behind.b, minimalBefore: false, minimalAfter: true };
    }

    if (cost >= search.costLimit) {
      return furthestReach(search, aLow, aHigh, bLow, bHigh, forwardLow, forwardHigh, backwardLow, backwardHigh);
    }
  }
}

/**
 * A forward endpoint that has covered much more ground than the cost so far and sits at the end of
 * a long diagonal run: good enough to split at without finishing the search.
 */
function promisingForwardPoint(
  search: Search,
  aLow: number,
  aHigh: number,
  bLow: number,
  bHigh: number,
  low: number,
  high: number,
  mid: number,
  cost: number,
): { a: number; b: number } | undefined {
  const { a, b, forward, zero } = search;
  let best = 0;
  let found: { a: number; b: number } | undefined;
  for (let d = high; d >= low; d -= 2) {
    const i = forward[zero + d]!;
    const j = i - d;
    const progress = i - aLow + (j - bLow) - Math.abs(d - mid);
    if (progress <= HEURISTIC_FACTOR * cost || progress <= best) continue;
    if (i < aLow + SNAKE_LENGTH || i >= aHigh || j < bLow + SNAKE_LENGTH || j >= bHigh) continue;
    if (runMatches(a, i - SNAKE_LENGTH, b, j - SNAKE_LENGTH)) {
      best = progress;
      found = { a: i, b: j };
    }
  }
  return found;
}

/** The backward counterpart of promisingForwardPoint: a start of a long run, far from the end. */
function promisingBackwardPoint(
  search: Search,
  aLow: number,
  aHigh: number,
  bLow: number,
  bHigh: number,
  low: number,
  high: number,
  mid: number,
  cost: number,
): { a: number; b: number } | undefined {
  const { a, b, backward, zero } = search;
  let best = 0;
  let found: { a: number; b: number } | undefined;
  for (let d = high; d >= low; d -= 2) {
    const i = backward[zero + d]!;
    const j = i - d;
    const progress = aHigh - i + (bHigh - j) - Math.abs(d - mid);
    if (progress <= HEURISTIC_FACTOR * cost || progress <= best) continue;
    if (i <= aLow || i > aHigh - SNAKE_LENGTH || j <= bLow || j > bHigh - SNAKE_LENGTH) continue;
    if (runMatches(a, i, b, j)) {
      best = progress;
      found = { a: i, b: j };
    }
  }
  return found;
}

/** True when SNAKE_LENGTH lines of a from `i` equal those of b from `j`. */
function runMatches(a: Int32Array, i: number, b: Int32Array, j: number): boolean {
  for (let k = 0; k < SNAKE_LENGTH; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** Gives up on minimality: splits at whichever search (forward or backward) has got furthest. */
function furthestReach(
  search: Search,
  aLow: number,
  aHigh: number,
  bLow: number,
  bHigh: number,
  forwardLow: number,
  forwardHigh: number,
  backwardLow: number,
  backwardHigh: number,
): Split {
  const { forward, backward, zero } = search;
  let forwardBest = -1;
  let forwardBestA = -1;
  for (let d = forwardHigh; d >= forwardLow; d -= 2) {
    let i = Math.min(forward[zero + d]!, aHigh);
    let j = i - d;
    if (j > bHigh) {
      i = bHigh + d;
      j = bHigh;
    }
    if (i + j > forwardBest) {
      forwardBest = i + j;
      forwardBestA = i;
    }
  }
  let backwardBest = FAR_BACK;
  let backwardBestA = FAR_BACK;
  for (let d = backwardHigh; d >= backwardLow; d -= 2) {
    let i = Math.max(aLow, backward[zero + d]!);
    let j = i - d;
    if (j < bLow) {
      i = bLow + d;
      j = bLow;
    }
    if (i + j < backwardBest) {
      backwardBest = i + j;
      backwardBestA = i;
    }
  }
  if (aHigh + bHigh - backwardBest < forwardBest - (aLow + bLow)) {
    return { a: forwardBestA, b: forwardBest - forwardBestA, minimalBefore: true, minimalAfter: false };
  }
  return { a: backwardBestA, b: backwardBest - backwardBestA, minimalBefore: false, minimalAfter: true };
}
