/**
 * An artifact's upstream in words: where it comes from and which version it holds, and — once the
 * user checked for updates — whether upstream moved on. Read from two things only: the artifact's
 * record (what the collection copy last took) and the last check (what upstream names now), so an
 * update or its undo needs no new check to show right: the row compares the record with the check.
 */
import type { ArtifactInfo, UpdateCheckResult, UpdateResult, UpstreamCheck, UpstreamFileChange, UpstreamInfo } from '../../../shared/results.js';
import { inAppWords } from './error-words.js';
import { plural, type ResultSummary } from './result-summary.js';

/** Where a sourced artifact's upstream stands, as its row shows it. */
export type UpstreamStanding =
  /** Not added from a git source. */
  | { readonly kind: 'local' }
  /** Not checked since the app opened (or the record moved since the check named another commit). */
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'up_to_date' }
  | { readonly kind: 'update_available'; readonly version: string; readonly commit: string; readonly files: readonly UpstreamFileChange[] }
  | { readonly kind: 'error'; readonly message: string };

/** The key of an artifact among the checks (type and name). */
export function upstreamKey(artifact: { readonly name: string; readonly type: string }): string {
  return `${artifact.type}:${artifact.name}`;
}

/** The 12-hex short form of a commit. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 12);
}

/** A version as the user reads it: its tag or front-matter version, else the commit's short form. */
export function versionWords(version: string | null | undefined, commit: string): string {
  return version ?? shortCommit(commit);
}

/** Where an artifact's upstream stands, from its record and the last check of it (if any). */
export function upstreamStanding(artifact: Pick<ArtifactInfo, 'upstream'>, check: UpstreamCheck | undefined): UpstreamStanding {
  const record = artifact.upstream;
  if (record === undefined) return { kind: 'local' };
  if (check === undefined) return { kind: 'unchecked' };
  if (check.status === 'error') return { kind: 'error', message: inAppWords(check.error?.message ?? 'The upstream could not be checked.') };
  if (check.upstream_sha === record.resolved_sha) return { kind: 'up_to_date' };
  // The check compared another recorded commit than the record holds now (an update or an undo since): it says nothing about this one.
  if (check.resolved_sha !== record.resolved_sha) return { kind: 'unchecked' };
  if (check.status === 'up_to_date' || check.upstream_sha === null) return { kind: 'up_to_date' };
  return { kind: 'update_available', version: versionWords(check.upstream_version, check.upstream_sha), commit: check.upstream_sha, files: check.changed_files };
}

/** The version a sourced artifact holds, in words: its recorded version or commit. */
export function heldVersion(upstream: UpstreamInfo): string {
  return versionWords(upstream.resolved_version, upstream.resolved_sha);
}

/** The tooltip of the "update available" badge: what upstream changed since the held version. */
export function updateTitle(upstream: UpstreamInfo, standing: Extract<UpstreamStanding, { kind: 'update_available' }>): string {
  const files = standing.files.map((f) => `${f.path === '' ? 'the file' : f.path} (${f.change})`).join(', ');
  return `Upstream moved from ${heldVersion(upstream)} to ${standing.version} (${shortCommit(standing.commit)}); it changed ${files === '' ? 'no files of this artifact' : files}.`;
}

/** What a check found, in one line. */
export function checkSummary(result: UpdateCheckResult): ResultSummary {
  const failed = result.artifacts.filter((a) => a.status === 'error').length;
  const unreachable = failed === 0 ? '' : ` ${plural(failed, 'artifact')} could not be checked.`;
  if (result.artifacts.length === 0) return { tone: 'success', text: 'No artifact of this collection comes from a git source.', conflicts: [] };
  const found = result.updates_available === 0 ? (failed === result.artifacts.length ? 'Nothing could be checked.' : 'Everything is up to date.') : `${plural(result.updates_available, 'update')} available.`;
  return { tone: failed > 0 ? 'warning' : 'success', text: `${found}${unreachable}`.trim(), conflicts: [] };
}

/** What an update did, artifact by artifact; conflicts are named per file. */
export function updateSummary(result: UpdateResult): ResultSummary {
  const conflicts = result.artifacts.flatMap((a) => (a.action === 'conflict' ? a.conflicts.map((c) => ({ artifact: a.name, type: a.type, path: c.path, kind: c.kind })) : []));
  if (result.status === 'nothing_to_do' || result.artifacts.every((a) => a.action === 'up_to_date')) return { tone: 'success', text: 'Nothing to update: upstream has nothing new.', conflicts };
  const parts = result.artifacts.map(updateOutcome);
  const snapshot = result.safety_snapshot_id === null ? '' : ` Safety snapshot ${result.safety_snapshot_id}.`;
  const partial = result.artifacts.some((a) => a.action === 'conflict' || a.action === 'error');
  return { tone: partial ? 'warning' : 'success', text: `${partial ? 'Update left work to do' : 'Update finished'}: ${parts.join('; ')}.${snapshot}`, conflicts };
}

function updateOutcome(a: UpdateResult['artifacts'][number]): string {
  const to = a.to_sha === null ? '' : versionWords(a.to_version, a.to_sha);
  switch (a.action) {
    case 'updated':
      return `${a.name} updated to ${to}`;
    case 'merged':
      return `${a.name} updated to ${to}, keeping the collection's own edits`;
    case 'conflict':
      return `${a.name}: upstream's changes and the collection's own edits conflict in ${a.conflicts.map((c) => (c.path === '' ? a.name : c.path)).join(', ')} — settle them with Merge… (the collection copy is unchanged until then)`;
    case 'up_to_date':
      return `${a.name} already up to date`;
    case 'error':
      return `${a.name} could not be updated (${inAppWords(a.error?.message ?? 'unknown error')})`;
  }
}

/** The artifacts an update changed in the collection (what its Undo puts back). */
export function updatedArtifacts(result: UpdateResult): { readonly name: string; readonly type: UpdateResult['artifacts'][number]['type'] }[] {
  return result.dry_run ? [] : result.artifacts.filter((a) => a.action === 'updated' || a.action === 'merged').map((a) => ({ name: a.name, type: a.type }));
}
