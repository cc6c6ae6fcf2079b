import type { IndexedNode } from './version-index.js';

/**
 * Orders the versions of one artifact newest first, and always each version before its parents:
 * times have one-second precision, so a deploy and the sync right after it often share one. Among
 * the versions whose children are all placed, the newest goes next (ties by id, so the order is
 * stable). Parents outside `nodes` (another artifact's, for a fork) do not constrain the order.
 * O(n log n): the ready versions wait in a heap keyed by their rank in recency order.
 */
export function newestFirst(nodes: readonly IndexedNode[]): string[] {
  const byRecency = [...nodes].sort((a, b) => (a.createdAt === b.createdAt ? compare(b.id, a.id) : compare(b.createdAt, a.createdAt)));
  const rankOf = new Map(byRecency.map((node, rank) => [node.id, rank]));
  const waitingChildren = new Array<number>(byRecency.length).fill(0);
  const parentRanks = byRecency.map((node) => {
    const ranks = new Set<number>();
    for (const parent of node.parents) {
      const rank = rankOf.get(parent);
      if (rank !== undefined && parent !== node.id) ranks.add(rank);
    }
    return [...ranks];
  });
  for (const ranks of parentRanks) for (const rank of ranks) waitingChildren[rank]! += 1;

  const ready = new RankHeap();
  for (let rank = 0; rank < byRecency.length; rank++) if (waitingChildren[rank] === 0) ready.push(rank);
  const placed = new Array<boolean>(byRecency.length).fill(false);
  const order: string[] = [];
  let oldestUnplacedGuess = 0;
  while (order.length < byRecency.length) {
    let next = ready.pop();
    if (next === undefined) {
      // A cycle (which the store never writes) leaves nothing ready: then take the newest left.
      while (placed[oldestUnplacedGuess]) oldestUnplacedGuess += 1;
      next = oldestUnplacedGuess;
    }
    if (placed[next]) continue;
    placed[next] = true;
    order.push(byRecency[next]!.id);
    for (const rank of parentRanks[next]!) {
      waitingChildren[rank]! -= 1;
      if (waitingChildren[rank] === 0 && !placed[rank]) ready.push(rank);
    }
  }
  return order;
}

/** A binary min-heap of recency ranks (smaller = newer). */
class RankHeap {
  private readonly items: number[] = [];

  push(rank: number): void {
    const items = this.items;
    items.push(rank);
    let index = items.length - 1;
    while (index > 0) {
      const up = (index - 1) >> 1;
      if (items[up]! <= rank) break;
      items[index] = items[up]!;
      index = up;
    }
    items[index] = rank;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
