import { graphText, layoutHistory, placeLabel } from '../shared/history-graph.js';
import type { HistoryResult } from '../shared/results.js';
import type { VersionDiff } from '../shared/merge-results.js';
import { unifiedHunks } from '../core/merge/unified-diff.js';

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

/** `diff versions V1 V2`: each changed file as `git diff` prints it (binary and too-large files named only). */
export function renderVersionDiff(diff: VersionDiff): string[] {
  if (diff.files.length === 0) return [`${diff.from} and ${diff.to} hold the same content.`];
  const lines: string[] = [];
  for (const file of diff.files) {
    const path = file.path === '' ? diff.name : file.path;
    lines.push(`diff ${diff.from} ${diff.to} -- ${path}`);
    if (file.binary || file.omitted.length > 0) {
      lines.push(`${file.binary ? 'Binary' : 'Large'} file ${path} ${file.change}`);
      continue;
    }
    lines.push(file.change === 'added' ? '--- /dev/null' : `--- a/${path}`, file.change === 'removed' ? '+++ /dev/null' : `+++ b/${path}`);
    lines.push(...unifiedHunks(file.before ?? '', file.after ?? ''));
  }
  return lines;
}
