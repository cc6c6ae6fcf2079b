import type { RollbackResult } from '../shared/snapshot-results.js';
import { columns } from './output.js';

/**
 * Human lines for a rollback or its plan: a headline, one line per artifact that changes (or
 * keeps hand edits) with its files indented, the files outside artifacts, the projects whose
 * deployed copies become outdated, and the conflicts left as they are.
 */
export function renderRollbackResult(result: RollbackResult): string[] {
  const lines: string[] = [headline(result)];
  const touched = result.artifacts.filter((a) => a.action !== 'unchanged');
  lines.push(...columns(touched.map((a) => [a.action, a.type, a.name, a.change === 'none' ? '' : a.change])));
  for (const artifact of touched) {
    if (artifact.files.length <= 1 && artifact.action === 'restore') continue;
    for (const file of artifact.files) lines.push(`    ${file.action.padEnd(8)} ${file.path}`);
  }
  for (const file of result.other_files) lines.push(`  ${file.action.padEnd(8)} ${file.path}`);
  for (const project of result.projects) {
    const edited = project.artifacts.filter((a) => a.local_edits).map((a) => a.name);
    lines.push(`  outdated in ${project.name} (${project.path}): ${project.artifacts.map((a) => a.name).join(', ')}${edited.length > 0 ? `; local edits in ${edited.join(', ')} (a sync merges them)` : ''}`);
  }
  for (const conflict of result.conflicts) lines.push(`  conflict (${conflict.kind}): ${conflict.path} — ${result.dry_run ? 'would be left' : 'left'} as it is now`);
  if (result.conflicts.length > 0 && !result.dry_run) lines.push('The conflicts wait as unfinished merges of the collection: settle them in the merge view (`skillmeat ui`, Snapshots → Unfinished merges), or edit the files and roll back again.');
  if (!result.dry_run && result.status !== 'unchanged') lines.push(`Safety snapshot: ${result.safety_snapshot_id ?? 'none'} (roll back to it to undo); audit entry ${result.audit_id ?? '-'}`);
  return lines;
}

function headline(r: RollbackResult): string {
  if (r.status === 'unchanged') return `Nothing rolled back: ${r.message}`;
  const counts = `${r.files_restored.length} file(s) restored, ${r.files_merged.length} merged, ${r.conflicts.length} conflict(s)`;
  return r.dry_run
    ? `Plan (dry run, nothing written) to roll "${r.collection}" back to ${r.target_snapshot_id} (${r.operation_type}): ${counts}`
    : `Rolled back "${r.collection}" to ${r.target_snapshot_id} (${r.operation_type}): ${counts}`;
}
