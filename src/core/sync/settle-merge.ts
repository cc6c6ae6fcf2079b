import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { readListedFile, type FileContent, type FileMap } from '../merge/file-map.js';
import { blobKeeper } from '../versions/object-store.js';
import { artifactTypeInfo, type ArtifactType } from '../../shared/artifact-types.js';
import type { MergeOperationResult } from '../../shared/results.js';
import { SkillmeatError, ioError } from '../errors.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject, type ProjectPaths } from '../project/project-paths.js';
import { readDeploymentFile, withRecord, writeDeploymentFile } from '../deploy/deployment-file.js';
import { hashFileMap } from '../hash/content-hash.js';
import { readDeployedSides, type DeployedSides } from './deployed-sides.js';
import { fileHashes, readPendingMerges, writePendingMerges, type PendingConflict, type PendingMerge, type Resolution, type ResolutionHow } from './pending-merges.js';
import { applyTrees } from './merge-apply.js';
import { conflictInfo } from './conflict-info.js';
import { auditMerge } from './merge-audit.js';
import { pushResolvedMerge, type SafetySnapshotHook } from './push-project.js';
import { artifactRef, keepReplaced, rebaselined, type MergeContext } from './sync-project.js';

/** How to settle a conflicted file: take one side or the base, the user's text, a file's content, or delete it. */
export type ResolveChoice =
  | { readonly take: 'project' | 'local' | 'collection' | 'base' }
  | { readonly text: string }
  | { readonly fromPath: string }
  | { readonly delete: true };

export interface SettleRequest {
  readonly projectDir: string;
  readonly artifact: string;
  readonly type?: ArtifactType;
  /** Each file to settle, relative to the artifact ('', '.' or the artifact's file name for a single-file artifact). */
  readonly settlements: readonly { readonly file: string; readonly choice: ResolveChoice }[];
  /** Keep the texts as partial results only (the merge view's draft): nothing is settled or audited. */
  readonly draft?: boolean;
  /** Accept texts that still hold conflict markers (the CLI's scripted path does; the app asks first). */
  readonly allowMarkers?: boolean;
}

/**
 * Settles files of an unfinished merge (sync or push) and, when none is left in conflict, completes
 * it: the merged tree (clean files plus every resolution) replaces the project copy — and, for a
 * push, the collection copy — in one step; the replaced copy is kept; the record is re-baselined; a
 * version with two parents (origin `merge`, who resolved which file how in its metadata) and an
 * audit entry record it. Each call that settles something is audited, completed or not.
 */
export async function settleMerge(ctx: MergeContext, request: SettleRequest, safetySnapshot: SafetySnapshotHook): Promise<MergeOperationResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(ctx.paths, project, 'resolve', async () => {
    const pending = await readPendingMerges(project.claudeDir, ctx.paths.objectsDir);
    const merge = findPendingMerge(pending, request.artifact, request.type, project.root);
    const { updated, resolvedPaths, open } = await applySettlements(merge, request, ctx.paths.objectsDir);
    const others = pending.filter((m) => m !== merge);
    const summary = (action: 'conflict' | 'merged', newSha: string | null, replaced: string | null = null) => settleSummary(project.root, merge, open, action, newSha, null, replaced);
    if (request.draft || open.length > 0) {
      await writePendingMerges(project.claudeDir, [...others, updated], ctx.paths.objectsDir);
      if (!request.draft) await auditMerge(ctx, project, merge, { resolved: resolvedPaths, pending: open.map((c) => c.path), success: true });
      return summary('conflict', null);
    }
    try {
      const completed = await completeMerge(ctx, project, updated, others, safetySnapshot);
      await auditMerge(ctx, project, merge, { resolved: resolvedPaths, pending: [], success: true, ...(completed.safety ? { safety: completed.safety } : {}) });
      return { ...summary('merged', completed.sha, completed.replaced ?? null), safety_snapshot_id: completed.safety ?? null };
    } catch (error) {
      await auditMerge(ctx, project, merge, { resolved: [], pending: open.map((c) => c.path), success: false, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * A merge with some of its files settled (or, for a draft, given a partial result), in memory:
 * the updated merge, the paths settled now and the files still in conflict.
 */
export async function applySettlements(
  merge: PendingMerge,
  request: Pick<SettleRequest, 'settlements' | 'draft' | 'allowMarkers'>,
  objectsDir: string,
): Promise<{ updated: PendingMerge; resolvedPaths: string[]; open: PendingConflict[] }> {
  const settledNow = new Map<PendingConflict, { resolution?: Resolution; draft?: FileContent }>();
  for (const { file, choice } of request.settlements) {
    const conflict = conflictOf(merge, file);
    if (request.draft) {
      if (!('text' in choice)) throw new SkillmeatError('invalid_input', 'A draft is the text of a result in progress.');
      settledNow.set(conflict, { draft: new TextEncoder().encode(choice.text) });
      continue;
    }
    settledNow.set(conflict, { resolution: await resolutionOf(choice, conflict, objectsDir, request.allowMarkers ?? true) });
  }
  const updated: PendingMerge = {
    ...merge,
    conflicts: merge.conflicts.map((c) => {
      const now = settledNow.get(c);
      if (now === undefined) return c;
      if (now.draft !== undefined) return { ...c, draft: now.draft, resolution: undefined };
      const { draft: _dropped, ...rest } = c;
      return { ...rest, resolution: now.resolution };
    }),
  };
  return { updated, resolvedPaths: [...settledNow.keys()].map((c) => c.path), open: updated.conflicts.filter((c) => c.resolution === undefined) };
}

/** What a call settling files reports: the merge still waiting on `open` files, or completed with `newSha` (the project copy it replaced kept as version `replaced`). */
export function settleSummary(
  project: string,
  merge: PendingMerge,
  open: readonly PendingConflict[],
  action: 'conflict' | 'merged',
  newSha: string | null,
  safety: string | null = null,
  replaced: string | null = null,
): MergeOperationResult {
  return {
    operation: 'resolve',
    project,
    status: action === 'conflict' ? 'partial' : 'ok',
    dry_run: false,
    markers_written: false,
    safety_snapshot_id: safety,
    artifacts: [
      {
        name: merge.name,
        type: merge.type,
        collection: merge.collection,
        action,
        reason: action === 'conflict' ? `${open.length} conflicted file(s) left` : null,
        files: [],
        conflicts: open.map((c) => conflictInfo(c)),
        new_sha: newSha,
        fork_name: null,
        replaced_version_id: replaced,
      },
    ],
  };
}

/** The merged tree of a merge whose every file is settled: the clean files plus each resolution (a deletion leaves the file out). */
export function settledTree(merge: PendingMerge): Map<string, FileContent> {
  const tree = new Map(merge.settled);
  for (const c of merge.conflicts) if (c.resolution && 'content' in c.resolution) tree.set(c.path, c.resolution.content);
  return tree;
}

/** The project's unfinished merge of `artifact` (of `type`, when several share the name). */
export function findPendingMerge(
  pending: readonly PendingMerge[],
  artifact: string,
  type: ArtifactType | undefined,
  where: string,
  hint = 'Sync (or push) it first; a conflict it meets waits here to be resolved.',
): PendingMerge {
  const found = pending.filter((m) => m.name === artifact && (type === undefined || m.type === type));
  if (found.length === 0) {
    throw new SkillmeatError('not_found', `"${artifact}" has no unfinished merge in ${where}. ${hint}`, { artifact });
  }
  if (found.length > 1) throw new SkillmeatError('invalid_input', `"${artifact}" names unfinished merges of ${found.map((m) => m.type).join(' and ')}: say which type.`, { artifact });
  return found[0]!;
}

/** The conflict a file names; for a single-file artifact any of '', '.' and its file name names it. */
function conflictOf(merge: PendingMerge, file: string): PendingConflict {
  const singleFile = artifactTypeInfo(merge.type).kind === 'file';
  const wanted = singleFile ? '' : file.replace(/\\/g, '/').replace(/^\.\//, '');
  const conflict = merge.conflicts.find((c) => c.path === wanted);
  if (conflict) return conflict;
  const listed = merge.conflicts.map((c) => c.path || '(the file)').join(', ');
  if (wanted === '' || wanted === '.') throw new SkillmeatError('invalid_input', `${merge.name} is a folder: name the conflicted file to settle (${listed}).`, { file });
  const settled = merge.settled.has(wanted) ? ' It was merged without conflict.' : '';
  throw new SkillmeatError('not_found', `"${file}" is not a conflicted file of ${merge.name}.${settled} Conflicted: ${listed}.`, { file });
}

const MARKER_LINES = [/^<{7}(?: |\r?$)/m, /^={7}\r?$/m, /^>{7}(?: |\r?$)/m] as const;

/** True when a text still holds a conflict-marker block (all three kinds of marker line). */
export function hasConflictMarkers(text: string): boolean {
  return MARKER_LINES.every((marker) => marker.test(text));
}

/** The settlement a choice names: one side's content (its absence: a deletion), a text, or a file's content, streamed into the store when large. */
async function resolutionOf(choice: ResolveChoice, conflict: Pick<PendingConflict, 'path' | 'base' | 'local' | 'remote'>, objectsDir: string, allowMarkers: boolean): Promise<Resolution> {
  if ('delete' in choice) return { delete: true };
  if ('text' in choice) {
    if (!allowMarkers && hasConflictMarkers(choice.text)) {
      throw new SkillmeatError('invalid_input', `${conflict.path || 'The file'} still holds conflict markers. Resolve every conflict, or complete the merge with the markers left in on purpose.`, { file: conflict.path });
    }
    return { content: new TextEncoder().encode(choice.text), how: 'text' };
  }
  if ('fromPath' in choice) {
    try {
      return { content: await readListedFile(choice.fromPath, (await stat(choice.fromPath)).size, blobKeeper(objectsDir)), how: 'text' };
    } catch (error) {
      throw error instanceof SkillmeatError ? error : ioError('read the resolution from', choice.fromPath, error);
    }
  }
  const how: ResolutionHow = choice.take === 'local' ? 'project' : choice.take;
  const content = how === 'project' ? conflict.local : how === 'collection' ? conflict.remote : conflict.base;
  return content === undefined ? { delete: true } : { content, how };
}

/** Writes a merge whose every file is settled: into the project (sync), or into the collection and the project (push). */
async function completeMerge(ctx: MergeContext, project: ProjectPaths, merge: PendingMerge, others: readonly PendingMerge[], safetySnapshot: SafetySnapshotHook): Promise<{ sha: string; safety?: string; replaced?: string }> {
  const tree = settledTree(merge);
  const file = await readDeploymentFile(project.claudeDir);
  const record = file.records.find((r) => r.name === merge.name && r.type === merge.type);
  if (!record) throw new SkillmeatError('not_found', `${merge.name} is no longer deployed in ${project.root}; its unfinished merge cannot be applied.`, { artifact: merge.name });
  const sides = await readDeployedSides(ctx.paths, project, file, record);
  assertNoLaterChange(merge, sides, tree, project.root);
  const sha = await hashFileMap(tree, sides.kind);
  const ref = artifactRef(sides);
  const localId = await keepReplaced(ctx, sides);
  // The collection side is in the store by now: sync kept it when it stopped, push keeps it just before this.
  const recordMerge = async (scope: { kind: 'project'; path: string } | { kind: 'collection'; name: string }) =>
    ctx.versions.record({
      artifact: ref,
      kind: sides.kind,
      files: tree,
      parents: [localId, await ctx.versions.idOf(ref, merge.remoteSha)].filter((id): id is string => id !== undefined),
      mergeStrategy: 'merge',
      scope,
      createdBy: resolvedBy(),
      metadata: mergeMetadata(merge),
    });
  const writePending = (writer: Parameters<Parameters<typeof applyTrees>[3]>[0]) => writePendingMerges(project.claudeDir, others, ctx.paths.objectsDir, writer);
  if (merge.direction === 'push') {
    const safety = await pushResolvedMerge(ctx, { project, file, sides, tree, remoteSha: merge.remoteSha, alsoInProject: writePending, recordVersion: () => recordMerge({ kind: 'collection', name: sides.collectionName }) }, safetySnapshot);
    return { sha, ...(safety ? { safety } : {}), ...(localId ? { replaced: localId } : {}) };
  }
  await recordMerge({ kind: 'project', path: sides.projectPath });
  await applyTrees([{ target: sides.projectPath, files: tree, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] }], project.claudeDir, ctx.key, async (writer) => {
    await writeDeploymentFile(withRecord(file, rebaselined(record, sha, merge.remoteSha, ctx.now)), writer);
    await writePending(writer);
  });
  return { sha, ...(localId ? { replaced: localId } : {}) };
}

/** How a project file differs from what the sync or push that left the merge left there. */
interface LaterChange {
  readonly path: string;
  readonly change: 'changed' | 'added' | 'removed';
}

/**
 * The changes made to the project copy since the merge was left (`left`, path → SHA-256) that the
 * merge's result (`result`) would discard: every path whose current content differs from the left
 * one, unless the result holds exactly the current content (a file hand-resolved in place and
 * settled from itself, or deleted and settled as deleted).
 */
function laterChanges(left: ReadonlyMap<string, string>, current: FileMap, result: FileMap): LaterChange[] {
  const now = fileHashes(current);
  const then = fileHashes(result);
  const changes: LaterChange[] = [];
  for (const path of [...new Set([...left.keys(), ...now.keys()])].sort()) {
    const before = left.get(path);
    const after = now.get(path);
    if (before === after || then.get(path) === after) continue;
    changes.push({ path, change: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed' });
  }
  return changes;
}

/**
 * Completing a merge never silently discards a change made to the project copy after the merge was
 * computed (by hand, another tool, a deploy): such a merge is refused, and nothing is written. A
 * merge recorded before the project files were (no `projectFiles`) is not checked.
 */
function assertNoLaterChange(merge: PendingMerge, sides: DeployedSides, result: FileMap, projectRoot: string): void {
  if (merge.projectFiles === undefined) return;
  const changes = laterChanges(merge.projectFiles, sides.local ?? new Map(), result);
  if (changes.length === 0) return;
  const what = `${merge.type} "${merge.name}"`;
  const again = merge.direction === 'push' ? 'push' : 'sync';
  const where = (path: string) => relative(projectRoot, path === '' ? sides.projectPath : join(sides.projectPath, ...path.split('/')));
  if (sides.local === undefined) {
    throw new SkillmeatError(
      'would_overwrite',
      `The project copy of ${what} (${where('')}) is gone since the ${again} that left this merge; completing it would bring the copy back. Nothing was written. Deploy it again (which drops this merge), or undeploy it.`,
      { artifact: merge.name, path: sides.projectPath },
    );
  }
  const files = changes.map((c) => `${where(c.path)} (${c.change})`).join(', ');
  throw new SkillmeatError(
    'would_overwrite',
    `The project copy of ${what} changed since the ${again} that left this merge, and completing it would discard that: ${files}. Nothing was written. To keep your edit of a conflicted file, settle it from the file itself (resolve --from that file); otherwise ${again} again, to merge the copy as it is now.`,
    { artifact: merge.name, files: changes.map((c) => c.path) },
  );
}

/** Who resolved which file how: the version metadata of a completed merge. */
export function mergeMetadata(merge: PendingMerge): Record<string, unknown> {
  return {
    direction: merge.direction,
    // The three contents the merge was computed from: another project holding the same three can take the same result.
    base_sha: merge.baseSha,
    project_sha: merge.localSha ?? null,
    collection_sha: merge.remoteSha,
    resolved_by: resolvedBy(),
    files: merge.conflicts.map((c) => ({ path: c.path, kind: c.kind, how: c.resolution === undefined ? null : 'delete' in c.resolution ? 'delete' : (c.resolution.how ?? 'text') })),
    auto_merged: [...merge.settled.keys()],
  };
}

/** The user this process runs for (versioning spec 6: `created_by` is `system` or the user). */
export function resolvedBy(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}
