import type { UpdateCheckResult, UpdateResult } from '../shared/results.js';
import { columns } from './output.js';

const CHECK_WORDS = { update_available: 'update available', up_to_date: 'up to date', error: 'not checked' } as const;
const UPDATE_WORDS = { updated: 'updated', merged: 'merged', conflict: 'CONFLICT', up_to_date: 'up to date', error: 'not updated' } as const;

/** `a1b2c3d4e5f6 (v1.2.0)`: a commit, short, with its version when known. */
function commitText(sha: string | null, version: string | null): string {
  if (sha === null) return '?';
  return version === null ? sha.slice(0, 12) : `${sha.slice(0, 12)} (${version})`;
}

/** Human lines for `update --check`: one row per sourced artifact, then the files each update would change. */
export function renderUpdateCheck(result: UpdateCheckResult): string[] {
  if (result.artifacts.length === 0) return [`No artifact of collection "${result.collection}" comes from a git source. Add one with \`skillmeat add github:OWNER/REPO/PATH\`.`];
  const rows = result.artifacts.map((a) => [
    CHECK_WORDS[a.status],
    a.type,
    a.name,
    a.status === 'update_available' ? `${commitText(a.resolved_sha, a.resolved_version)} → ${commitText(a.upstream_sha, a.upstream_version)}` : commitText(a.resolved_sha, a.resolved_version),
    a.source,
  ]);
  const lines = columns(rows, '');
  for (const a of result.artifacts) {
    if (a.status === 'update_available') for (const file of a.changed_files) lines.push(`    ${a.name}/${file.path || '(file)'}: ${file.change}`);
    if (a.error) lines.push(`    ${a.name}: ${a.error.message}`);
  }
  if (result.updates_available > 0) lines.push(`${result.updates_available} update(s) available. Bring them in with \`skillmeat update\` (see first with --dry-run).`);
  return lines;
}

/** Human lines for `update`: one row per artifact, its files, each conflict, and how to settle them. */
export function renderUpdateResult(result: UpdateResult): string[] {
  const lines = [result.dry_run ? `update (dry run, nothing written): collection "${result.collection}"` : `update: collection "${result.collection}"`];
  if (result.artifacts.length === 0) return [...lines, '  No artifact of this collection comes from a git source.'];
  lines.push(...columns(result.artifacts.map((a) => [UPDATE_WORDS[a.action], a.type, a.name, a.action === 'up_to_date' || a.action === 'error' ? commitText(a.from_sha, a.from_version) : `${commitText(a.from_sha, a.from_version)} → ${commitText(a.to_sha, a.to_version)}`])));
  for (const a of result.artifacts) {
    for (const file of a.files) if (file.outcome !== 'conflict') lines.push(`    ${a.name}/${file.path || '(file)'}: ${file.outcome.replace('_', ' ')}`);
    for (const conflict of a.conflicts) lines.push(`    ${a.name}/${conflict.path || '(file)'}: ${conflict.kind} conflict`);
    if (a.error) lines.push(`    ${a.name}: ${a.error.message}`);
  }
  if (result.artifacts.some((a) => a.action === 'conflict')) {
    lines.push(
      'Conflicts: those artifacts were left as they are; each merge waits in the collection. Settle each file with `skillmeat resolve --in-collection ARTIFACT [FILE] --take collection|upstream|base` (or --from PATH; collection = your copy, upstream = the new tree), or in the merge view (`skillmeat ui`); deployed projects then sync as usual.',
    );
  }
  if (result.safety_snapshot_id) lines.push(`Safety snapshot: ${result.safety_snapshot_id}`);
  return lines;
}
