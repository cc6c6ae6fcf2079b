import type { IndexedNode } from './version-index.js';

/**
 * Orders the versions of one artifact newest first, and always each version before its parents:
 * times have one-second precision, so a deploy and the sync right after it often share one. Among
 * the versions whose children are all placed, the newest goes next (ties by id, so the order is
 * stable). Parents outside `nodes` (another artifact's, for a fork) do not constrain the order.
 */
export function newestFirst(nodes: readonly IndexedNode[]): string[] {
  const byRecency = [...nodes].sort((a, b) => (a.createdAt === b.createdAt ? compare(b.id, a.id) : compare(b.createdAt, a.createdAt)));
  const waitingChildren = new Map<string, number>(nodes.map((node) => [node.id, 0]));
  for (const node of nodes) {
    for (const parent of new Set(node.parents)) {
      const count = waitingChildren.get(parent);
      if (count !== undefined && parent !== node.id) waitingChildren.set(parent, count + 1);
    }
  }
  const parentsOf = new Map(nodes.map((node) => [node.id, node.parents]));
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < byRecency.length) {
    // A cycle (which the store never writes) would leave nothing ready: then take the newest left.
    const next = byRecency.find((node) => !placed.has(node.id) && waitingChildren.get(node.id) === 0) ?? byRecency.find((node) => !placed.has(node.id));
    if (next === undefined) break;
    placed.add(next.id);
    order.push(next.id);
    for (const parent of new Set(parentsOf.get(next.id))) {
      const count = waitingChildren.get(parent);
      if (count !== undefined && parent !== next.id) waitingChildren.set(parent, count - 1);
    }
  }
  return order;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
