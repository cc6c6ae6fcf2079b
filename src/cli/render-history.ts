import { graphText, layoutHistory, placeLabel } from '../shared/history-graph.js';
import type { HistoryResult } from '../shared/results.js';

/**
 * `history NAME --graph`: the version DAG drawn as `git log --graph --oneline` draws commits, with
 * a lane per place (the collection, each project). Each node line: its 12-hex short content hash,
 * origin, place and time.
 */
export function renderHistoryGraph(history: HistoryResult): string[] {
  const versions = history.versions;
  const layout = layoutHistory(versions.map((v) => ({ id: v.id, place: v.scope, parents: v.parents })));
  const drawn = graphText(layout);
  const width = Math.max(1, ...drawn.map((row) => row.node.length));
  const lines = [`${history.type} "${history.name}" (${versions.length} versions, newest first; a lane per place: ${layout.places.map(placeLabel).join(', ')})`];
  drawn.forEach((row, index) => {
    const version = versions[index]!;
    lines.push(`${row.node.padEnd(width)}  ${version.content_hash.slice(0, 12)} ${version.merge_strategy} ${placeLabel(version.scope)} ${version.created_at}`);
    if (row.turn !== undefined) lines.push(row.turn);
  });
  return lines;
}
