import type { ArtifactMergeResult, MergeOperationResult } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import type { JournalKey } from '../fs/journal-key.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile, withRecord, writeDeploymentFile, type DeploymentRecord } from '../deploy/deployment-file.js';
import { mergeTrees, type TreeMergeResult } from '../merge/tree-merge.js';
import { sameContent, type FileMap } from '../merge/file-map.js';
import { hashFileMap } from '../hash/content-hash.js';
import { readDeployedSides, selectRecords, type DeployedSides } from './deployed-sides.js';
import { fileHashes, readPendingMerges, withPendingMerge, writePendingMerges, type PendingMerge } from './pending-merges.js';
import { applyTrees, type TreeWrite } from './merge-apply.js';
import { conflictInfo } from './conflict-info.js';
import type { ArtifactRef, VersionPort } from '../versions/version-port.js';
import { auditMerge } from './merge-audit.js';
import { findMergeBase } from './merge-base.js';

export interface SyncRequest {
  readonly projectDir: string;
  /** Only these artifacts (by name); all deployed ones when empty. */
  readonly artifacts?: readonly string[];
  readonly dryRun: boolean;
  /** Write conflicted files with conflict markers into the project instead of leaving it untouched. */
  readonly writeMarkers: boolean;
}

export interface MergeContext {
  readonly paths: HomePaths;
  /** Signs the operation's journals (fs/journal-key.ts). */
  readonly key: JournalKey;
  readonly versions: VersionPort;
  readonly now: string;
  /** A collection snapshot's copy of an artifact with this content, when one holds it (merge-base.ts). */
  readonly findInSnapshots?: (artifact: ArtifactRef, contentHash: string) => Promise<FileMap | undefined>;
}

/** What sync decided for one artifact, before anything is written. */
interface SyncPlan {
  readonly sides: DeployedSides;
  readonly result: ArtifactMergeResult;
  /** The content the project copy should hold afterwards (undefined: leave it). */
  readonly tree: FileMap | undefined;
  readonly merge: TreeMergeResult | undefined;
}

/**
 * Sync (collection → project, versioning spec 5): brings collection changes into deployed copies
 * while keeping the user's edits. An artifact whose collection copy changed since it was last
 * integrated is three-way merged (base = that integrated content from the version store, local =
 * the project copy, remote = the collection copy); a clean result is applied and re-baselined, a
 * conflicted one is reported per file and leaves the project untouched unless markers were asked.
 * Everything is computed first, then applied in one step.
 */
export async function syncProject(ctx: MergeContext, request: SyncRequest): Promise<MergeOperationResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(ctx.paths, project, 'sync', async () => {
    const file = await readDeploymentFile(project.claudeDir);
    const plans: SyncPlan[] = [];
    for (const record of selectRecords(file, request.artifacts, project.root)) {
      plans.push(await planSync(ctx, await readDeployedSides(ctx.paths, project, file, record)));
    }
    const conflicted = plans.filter((p) => p.result.action === 'conflict');
    const result: MergeOperationResult = {
      operation: 'sync',
      project: project.root,
      status: conflicted.length > 0 ? 'partial' : plans.some((p) => p.tree !== undefined || p.result.action === 'rebaselined') ? 'ok' : 'nothing_to_do',
      dry_run: request.dryRun,
      markers_written: !request.dryRun && request.writeMarkers && conflicted.length > 0,
      safety_snapshot_id: null,
      artifacts: plans.map((p) => p.result),
    };
    if (request.dryRun) return result;

    const writes: TreeWrite[] = [];
    let next = file;
    let pending = await readPendingMerges(project.claudeDir, ctx.paths.objectsDir);
    for (const plan of plans) {
      const { sides } = plan;
      const ref = artifactRef(sides);
      const applied = plan.result.action === 'updated' || plan.result.action === 'merged' || plan.result.action === 'rebaselined';
      if (applied) {
        const tree = plan.tree ?? sides.remote!;
        // Every applied plan carries the content hash of what the project copy will hold.
        next = withRecord(next, rebaselined(sides.record, plan.result.new_sha!, sides.collectionSha!, ctx.now));
        pending = pending.filter((m) => !(m.name === ref.name && m.type === ref.type));
        await recordVersions(ctx, sides, tree, plan.result.action);
      }
      if (plan.result.action === 'conflict') {
        // Markers make the project copy the merged tree with its conflicts marked; without them it stays.
        pending = withPendingMerge(pending, pendingOf(sides, plan.merge!, 'sync', request.writeMarkers ? plan.tree! : sides.local!));
        // The collection content is the merge's second parent when it completes, whatever the collection holds by then.
        await recordCollectionCopy(ctx, sides);
        // Only markers overwrite the project copy; without them it stays, and resolve keeps it when it finally does.
        if (sides.local && request.writeMarkers) await keepReplaced(ctx, sides);
      }
      const writesFiles = plan.tree !== undefined && (applied || request.writeMarkers);
      if (writesFiles) writes.push({ target: sides.projectPath, files: plan.tree!, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] });
    }
    await applyTrees(writes, project.claudeDir, ctx.key, async (writer) => {
      if (next !== file) await writeDeploymentFile(next, writer);
      await writePendingMerges(project.claudeDir, pending, ctx.paths.objectsDir, writer);
    });
    await auditMerges(ctx, project.root, plans);
    return result;
  });
}

/** Every three-way merge a sync ran (clean or stopped on conflicts) goes into its collection's audit trail (versioning spec 8). */
async function auditMerges(ctx: MergeContext, projectRoot: string, plans: readonly SyncPlan[]): Promise<void> {
  for (const { sides, result, merge } of plans) {
    if (merge === undefined) continue;
    await auditMerge(ctx, { root: projectRoot }, { name: sides.record.name, type: sides.record.type, collection: sides.collectionName }, {
      resolved: [],
      pending: result.conflicts.map((c) => c.path),
      merged: result.files.filter((f) => f.outcome === 'merged').map((f) => f.path),
      success: true,
    });
  }
}

async function planSync(ctx: MergeContext, sides: DeployedSides): Promise<SyncPlan> {
  const { record, local, remote, projectSha, collectionSha, baseSha } = sides;
  const skip = (reason: string): SyncPlan => ({ sides, result: resultOf(sides, 'skipped', reason), tree: undefined, merge: undefined });
  if (sides.entry === undefined) return skip('removed from its collection: undeploy it, or push --strategy fork to keep it');
  if (remote === undefined || collectionSha === undefined) return skip('the collection copy is missing from disk');
  if (local === undefined || projectSha === undefined) return skip('the project copy is missing: deploy it again');
  if (collectionSha === baseSha) {
    return skip(projectSha === record.sha ? 'already in sync' : 'only the project changed: push it, or keep it local');
  }
  if (collectionSha === projectSha) return { sides, result: { ...resultOf(sides, 'rebaselined', 'both sides already hold the same content'), new_sha: projectSha }, tree: undefined, merge: undefined };
  if (projectSha === baseSha) {
    // No local edits since the collection content was integrated: take the collection copy as it is.
    return { sides, result: { ...resultOf(sides, 'updated', null), new_sha: collectionSha, files: fileList(local, remote) }, tree: remote, merge: undefined };
  }
  const base = await findMergeBase(ctx, artifactRef(sides), baseSha);
  const merge = mergeTrees({ base, local, remote });
  const decisions = merge.decisions.map((d) => ({ path: d.path, outcome: d.outcome }));
  if (merge.clean) {
    return { sides, result: { ...resultOf(sides, 'merged', null), files: decisions, new_sha: await hashFileMap(merge.files, sides.kind) }, tree: merge.files, merge };
  }
  const reason = base === undefined ? 'no merge base is stored for this deployment (made before the version store, and in no snapshot): every differing file is a conflict' : null;
  return { sides, result: { ...resultOf(sides, 'conflict', reason), files: decisions, conflicts: merge.conflicts.map(conflictInfo) }, tree: merge.files, merge };
}

/** The record after the project copy came to hold `sha`, integrating collection content `upstream`. */
export function rebaselined(record: DeploymentRecord, sha: string, upstream: string, now: string): DeploymentRecord {
  const { upstreamSha: _previous, ...rest } = record;
  return { ...rest, sha, ...(upstream !== sha ? { upstreamSha: upstream } : {}), deployedAt: now };
}

/** Stores the contents a sync involved: the collection copy, the replaced project copy, the result. */
async function recordVersions(ctx: MergeContext, sides: DeployedSides, tree: FileMap, action: ArtifactMergeResult['action']): Promise<void> {
  const ref = artifactRef(sides);
  const remoteId = await recordCollectionCopy(ctx, sides);
  if (action !== 'merged') return;
  const localId = await keepReplaced(ctx, sides);
  await ctx.versions.record({ artifact: ref, kind: sides.kind, files: tree, parents: localId ? [localId, remoteId] : [remoteId], mergeStrategy: 'merge', scope: { kind: 'project', path: sides.projectPath } });
}

/** Stores the collection copy a sync integrates (child of the base it was merged against). */
async function recordCollectionCopy(ctx: MergeContext, sides: DeployedSides): Promise<string> {
  const ref = artifactRef(sides);
  const baseId = await ctx.versions.idOf(ref, sides.baseSha);
  return ctx.versions.record({ artifact: ref, kind: sides.kind, files: sides.remote!, parents: baseId ? [baseId] : [], mergeStrategy: 'sync', scope: { kind: 'collection', name: sides.collectionName } });
}

/** Stores the project copy an operation is about to replace, so it can be restored. */
export async function keepReplaced(ctx: MergeContext, sides: DeployedSides): Promise<string | undefined> {
  if (sides.local === undefined) return undefined;
  const ref = artifactRef(sides);
  const parent = await ctx.versions.idOf(ref, sides.record.sha);
  return ctx.versions.record({ artifact: ref, kind: sides.kind, files: sides.local, parents: parent ? [parent] : [], mergeStrategy: 'overwritten', scope: { kind: 'project', path: sides.projectPath } });
}

/** The unfinished merge a conflicted sync or push leaves for resolve and the merge view; `left` is what the project copy holds afterwards. */
export function pendingOf(sides: DeployedSides, merge: TreeMergeResult, direction: PendingMerge['direction'], left: FileMap): PendingMerge {
  const conflicted = new Set(merge.conflicts.map((c) => c.path));
  return {
    direction,
    name: sides.record.name,
    type: sides.record.type,
    collection: sides.collectionName,
    baseSha: sides.baseSha,
    localSha: sides.projectSha,
    remoteSha: sides.collectionSha!,
    settled: new Map([...merge.files].filter(([path]) => !conflicted.has(path))),
    conflicts: merge.conflicts.map((c) => ({ path: c.path, kind: c.kind, base: c.base, local: c.local, remote: c.remote, resolution: undefined })),
    projectFiles: fileHashes(left),
  };
}

export function artifactRef(sides: Pick<DeployedSides, 'collectionName' | 'record'>): ArtifactRef {
  return { collection: sides.collectionName, name: sides.record.name, type: sides.record.type };
}

export function resultOf(sides: DeployedSides, action: ArtifactMergeResult['action'], reason: string | null): ArtifactMergeResult {
  return { name: sides.record.name, type: sides.record.type, collection: sides.collectionName, action, reason, files: [], conflicts: [], new_sha: null, fork_name: null, replaced_version_id: null };
}

/** Per-file outcomes of replacing `local` by `remote` outright. */
function fileList(local: FileMap, remote: FileMap): ArtifactMergeResult['files'] {
  const paths = [...new Set([...local.keys(), ...remote.keys()])].sort();
  return paths.map((path) => {
    const before = local.get(path);
    const after = remote.get(path);
    const outcome = before === undefined ? 'added' : after === undefined ? 'deleted' : sameContent(before, after) ? 'unchanged' : 'took_remote';
    return { path, outcome };
  });
}

