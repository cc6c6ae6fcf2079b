import type { MergeOperationResult } from '../shared/results.js';
import { columns } from './output.js';

const VERB: Readonly<Record<string, string>> = {
  updated: 'updated',
  merged: 'merged',
  conflict: 'CONFLICT',
  rebaselined: 'rebaselined',
  skipped: 'skipped',
  forked: 'forked',
};

/** Human lines for a sync, push or resolve: one line per artifact, then each conflicted file. */
export function renderMergeResult(result: MergeOperationResult): string[] {
  const head = result.dry_run ? `${result.operation} (dry run, nothing written): ${result.project}` : `${result.operation}: ${result.project}`;
  const lines = [head];
  const rows = result.artifacts.map((a) => [VERB[a.action] ?? a.action, a.type, a.name, a.fork_name ? `→ ${a.fork_name}` : (a.reason ?? '')]);
  lines.push(...columns(rows));
  for (const artifact of result.artifacts) {
    for (const conflict of artifact.conflicts) lines.push(`    ${artifact.name}/${conflict.path || '(file)'}: ${conflict.kind} conflict`);
  }
  if (result.status === 'partial') {
    const how = 'Settle each file with `skillmeat resolve DIR ARTIFACT [FILE] --take project|collection|base` (or --from PATH; FILE is left out for a command or agent), or open the merge view (`skillmeat ui`).';
    lines.push(
      result.markers_written
        ? `Conflict markers were written into the project. ${how}`
        : result.operation === 'push'
          ? `Conflicts: nothing was pushed for those artifacts; the merge waits in the project. ${how}`
          : `Conflicts: nothing was written for those artifacts. ${how} Or re-run with --write-markers.`,
    );
  }
  if (result.safety_snapshot_id) lines.push(`Safety snapshot: ${result.safety_snapshot_id}`);
  return lines;
}
