import { basename } from 'node:path';
import { SkillmeatError } from '../errors.js';
import { artifactRelativePath } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import type { ArtifactMergeResult, MergeOperationResult } from '../../shared/results.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject } from '../project/project-paths.js';
import { collectionCopyPath, openCollection, saveCollection, type OpenCollection } from '../collection/collections.js';
import { collectionFence, withCollectionLock } from '../collection/collection-lock.js';
import { withLockEntry } from '../collection/collection-lockfile.js';
import { appendAuditEntry } from '../snapshots/audit-trail.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { readDeploymentFile, recordRelativePath, withRecord, withoutRecord, writeDeploymentFile, type DeploymentFile } from '../deploy/deployment-file.js';
import { mergeTrees } from '../merge/tree-merge.js';
import type { FileMap } from '../merge/file-map.js';
import type { FileWriter } from '../fs/file-writer.js';
import type { ProjectPaths } from '../project/project-paths.js';
import { readPendingMerges, withPendingMerge, writePendingMerges } from './pending-merges.js';
import { hashArtifact, hashFileMap } from '../hash/content-hash.js';
import { readDeployedSides, selectRecords, type DeployedSides } from './deployed-sides.js';
import { applyTrees, type TreeWrite } from './merge-apply.js';
import { findMergeBase } from './merge-base.js';
import { conflictInfo } from './conflict-info.js';
import { artifactRef, keepReplaced, pendingOf, rebaselined, resultOf, type MergeContext } from './sync-project.js';
import type { VersionOperation } from '../versions/version-record.js';

export type PushStrategy = 'overwrite' | 'merge' | 'fork';

export interface PushRequest {
  readonly projectDir: string;
  readonly artifacts?: readonly string[];
  readonly strategy: PushStrategy;
  readonly dryRun: boolean;
}

/** Takes a safety snapshot of a collection before it is rewritten; returns its id (filled by the snapshot feature). */
export type SafetySnapshotHook = (collection: string, operation: string) => Promise<string | undefined>;

/** What push decided for one artifact. */
interface PushPlan {
  readonly sides: DeployedSides;
  readonly result: ArtifactMergeResult;
  /** New content for the collection copy and the project copy (the project's only changes for a merge). */
  readonly tree: FileMap | undefined;
  /** A merge that stopped on conflicts: kept as the project's unfinished merge, for resolve and the merge view. */
  readonly merge?: ReturnType<typeof mergeTrees>;
}

/**
 * Push (project → collection): sends a project's edits back. `overwrite` makes the collection copy
 * the project copy; `merge` three-way merges (base = the content last integrated) and writes the
 * result to both sides, or reports conflicts and leaves both copies as they are (the merge waits,
 * unfinished, in the project for resolve and the merge view); `fork` adds the project copy to
 * the collection as a new artifact and points the project's record at it. A safety snapshot is
 * taken before the collection is rewritten. Afterwards each baseline equals the project copy.
 */
export async function pushProject(ctx: MergeContext, request: PushRequest, safetySnapshot: SafetySnapshotHook): Promise<MergeOperationResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(ctx.paths, project, 'push', async () => {
    const file = await readDeploymentFile(project.claudeDir);
    const records = selectRecords(file, request.artifacts, project.root);
    const plans: PushPlan[] = [];
    for (const record of records) plans.push(await planPush(ctx, await readDeployedSides(ctx.paths, project, file, record), request.strategy));
    const toWrite = plans.filter((p) => p.tree !== undefined);
    const conflicted = plans.some((p) => p.result.action === 'conflict');
    const base: MergeOperationResult = {
      operation: 'push',
      project: project.root,
      status: conflicted ? 'partial' : toWrite.length > 0 ? 'ok' : 'nothing_to_do',
      dry_run: request.dryRun,
      markers_written: false,
      safety_snapshot_id: null,
      artifacts: plans.map((p) => p.result),
    };
    if (request.dryRun) return base;
    if (conflicted) await keepUnfinishedMerges(ctx, project, plans);
    if (toWrite.length === 0) return base;

    // One collection at a time holds its lock while its copies are rewritten.
    let snapshotId: string | null = null;
    let next = file;
    for (const collectionName of new Set(toWrite.map((p) => p.sides.collectionName))) {
      const mine = toWrite.filter((p) => p.sides.collectionName === collectionName);
      const safety = await safetySnapshot(collectionName, 'push');
      snapshotId = safety ?? snapshotId;
      const write = withCollectionLock(ctx.paths, collectionName, 'push', async () => {
        const collection = await openCollection(ctx.paths, collectionName);
        if (request.strategy !== 'fork') await assertCollectionAsPlanned(collection, mine);
        return request.strategy === 'fork' ? forkInto(ctx, collection, mine, next, project.root) : pushInto(ctx, collection, mine, next, project.claudeDir);
      });
      next = request.strategy === 'merge' ? await audited(ctx, collectionName, project.root, safety, plans, write) : await write;
    }
    return { ...base, safety_snapshot_id: snapshotId, artifacts: plans.map((p) => p.result) };
  });
}

async function planPush(ctx: MergeContext, sides: DeployedSides, strategy: PushStrategy): Promise<PushPlan> {
  const { record, local, remote, projectSha, collectionSha, baseSha } = sides;
  const skip = (reason: string): PushPlan => ({ sides, result: resultOf(sides, 'skipped', reason), tree: undefined });
  if (local === undefined || projectSha === undefined) return skip('the project copy is missing: nothing to push');
  if (strategy === 'fork') return { sides, result: { ...resultOf(sides, 'forked', null), new_sha: projectSha }, tree: local };
  if (sides.entry === undefined || remote === undefined || collectionSha === undefined) return skip('not in its collection any more: push --strategy fork adds it back as a new artifact');
  if (projectSha === record.sha) return skip(collectionSha === baseSha ? 'already in sync' : 'no local changes (the collection is ahead: sync)');
  if (strategy === 'overwrite' || collectionSha === baseSha) {
    return { sides, result: { ...resultOf(sides, 'updated', null), new_sha: projectSha }, tree: local };
  }
  const base = await findMergeBase(ctx, artifactRef(sides), baseSha);
  const merge = mergeTrees({ base, local, remote });
  const files = merge.decisions.map((d) => ({ path: d.path, outcome: d.outcome }));
  if (!merge.clean) {
    const reason = base === undefined ? 'no merge base is stored for this deployment: every differing file is a conflict' : null;
    return { sides, result: { ...resultOf(sides, 'conflict', reason), files, conflicts: merge.conflicts.map(conflictInfo) }, tree: undefined, merge };
  }
  return { sides, result: { ...resultOf(sides, 'merged', null), files, new_sha: await hashFileMap(merge.files, sides.kind) }, tree: merge.files };
}

/** Keeps each conflicted push merge in the project's unfinished merges (replacing an older one of the artifact). */
async function keepUnfinishedMerges(ctx: MergeContext, project: ProjectPaths, plans: readonly PushPlan[]): Promise<void> {
  let pending = await readPendingMerges(project.claudeDir, ctx.paths.objectsDir);
  // A conflicted push writes no markers: the project copy stays as it was read.
  for (const plan of plans) if (plan.merge !== undefined && !plan.merge.clean) pending = withPendingMerge(pending, pendingOf(plan.sides, plan.merge, 'push', plan.sides.local!));
  await writePendingMerges(project.claudeDir, pending, ctx.paths.objectsDir);
}

/** A push merge whose conflicts a user resolved, ready to be written to both sides. */
export interface ResolvedPush {
  readonly project: ProjectPaths;
  readonly file: DeploymentFile;
  readonly sides: DeployedSides;
  readonly tree: FileMap;
  /** The collection content the merge was computed from: the collection copy must still hold it. */
  readonly remoteSha: string;
  /** Further records staged with the project's step (the unfinished-merges file). */
  readonly alsoInProject: (writer: FileWriter) => Promise<void>;
  readonly recordVersion: () => Promise<unknown>;
}

/**
 * Completes a resolved push merge exactly as a clean push merge is written: a safety snapshot, then
 * the collection copy (under the collection lock, checked unchanged since the merge), then the
 * project copy and its record. Returns the safety snapshot's id.
 */
export async function pushResolvedMerge(ctx: MergeContext, push: ResolvedPush, safetySnapshot: SafetySnapshotHook): Promise<string | undefined> {
  const { sides } = push;
  if (sides.collectionSha !== push.remoteSha) {
    throw new SkillmeatError(
      'busy',
      `The collection copy of ${sides.record.type} "${sides.record.name}" changed since this push merge began. Nothing was written; push again to merge with the new content.`,
      { name: sides.record.name, collection: sides.collectionName },
    );
  }
  const plan: PushPlan = { sides, result: resultOf(sides, 'merged', null), tree: push.tree };
  const safety = await safetySnapshot(sides.collectionName, 'push');
  await withCollectionLock(ctx.paths, sides.collectionName, 'push', async () => {
    const collection = await openCollection(ctx.paths, sides.collectionName);
    await assertCollectionAsPlanned(collection, [plan]);
    await pushInto(ctx, collection, [plan], push.file, push.project.claudeDir, { recordVersion: push.recordVersion, alsoInProject: push.alsoInProject });
  });
  return safety;
}

/**
 * Push plans from collection copies read before it held the collection's lock; under the lock,
 * each copy must still be what the plan saw, or the push would overwrite a change it never merged.
 */
async function assertCollectionAsPlanned(collection: OpenCollection, plans: readonly PushPlan[]): Promise<void> {
  for (const { sides } of plans) {
    const entry = collection.manifest.artifacts.find((a) => a.name === sides.record.name && a.type === sides.record.type);
    const now = entry === undefined ? undefined : await hashArtifact(collectionCopyPath(collection, entry), sides.kind);
    if (now !== sides.collectionSha) {
      throw new SkillmeatError(
        'busy',
        `The collection copy of ${sides.record.type} "${sides.record.name}" changed while this push was being prepared (another SkillMeat operation, or an edit in ${collection.root}). Nothing was pushed; run push again to merge with the new content.`,
        { name: sides.record.name, collection: collection.name },
      );
    }
  }
}

/** Writes pushed (or merged) contents into the collection and, where the merge changed it, the project. */
async function pushInto(
  ctx: MergeContext,
  collection: OpenCollection,
  plans: readonly PushPlan[],
  file: DeploymentFile,
  claudeDir: string,
  options: { recordVersion?: () => Promise<unknown>; alsoInProject?: (writer: FileWriter) => Promise<void> } = {},
): Promise<DeploymentFile> {
  let lockfile = collection.lockfile;
  let next = file;
  const collectionWrites: TreeWrite[] = [];
  const projectWrites: TreeWrite[] = [];
  for (const { sides, tree } of plans) {
    const contentHash = await hashFileMap(tree!, sides.kind);
    await recordPush(ctx, sides, tree!, 'push', options.recordVersion);
    collectionWrites.push({ target: sides.collectionPath!, files: tree!, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] });
    // A resolved merge always rewrites the project copy: markers may have been written into it.
    if (contentHash !== sides.projectSha || options.alsoInProject !== undefined) {
      await keepReplaced(ctx, sides);
      projectWrites.push({ target: sides.projectPath, files: tree!, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] });
    }
    lockfile = withLockEntry(lockfile, sides.record.type, sides.record.name, { contentHash, fetched: ctx.now, ...(sides.entry ? { source: `${sides.entry.origin}:${sides.entry.upstream ?? sides.entry.path}` } : {}) });
    next = withRecord(next, rebaselined(sides.record, contentHash, contentHash, ctx.now));
  }
  // Two steps, one per side (they may be on different file systems): the collection first, so a
  // crash between them leaves the pushed content safe in the collection and the project as it was.
  await applyTrees(collectionWrites, collection.root, ctx.key, (writer) => saveCollection(collection, { ...collection.manifest, updated: ctx.now }, lockfile, writer), { fence: collectionFence(ctx.paths, collection.name) });
  await applyTrees(projectWrites, claudeDir, ctx.key, async (writer) => {
    await writeDeploymentFile(next, writer);
    await options.alsoInProject?.(writer);
  });
  return next;
}

/** Adds each project copy to the collection as a new artifact and points the project's record at it. */
async function forkInto(ctx: MergeContext, collection: OpenCollection, plans: readonly PushPlan[], file: DeploymentFile, projectRoot: string): Promise<DeploymentFile> {
  let manifest = collection.manifest;
  let lockfile = collection.lockfile;
  let next = file;
  const writes: TreeWrite[] = [];
  for (const plan of plans) {
    const { sides } = plan;
    const suffix = nameProblem(`${sides.record.name}-${basename(projectRoot)}`) === undefined ? basename(projectRoot) : 'fork';
    const forkName = freeName(manifest.artifacts, `${sides.record.name}-${suffix}`, sides.record.type);
    const relPath = artifactRelativePath(sides.record.type, forkName);
    const contentHash = sides.projectSha!;
    const entry: ManifestArtifact = {
      name: forkName,
      type: sides.record.type,
      path: relPath,
      origin: 'local',
      added: ctx.now,
      upstream: sides.projectPath,
      tags: [],
      raw: { metadata: { forked_from: `${sides.record.name}::${sides.record.type}`, forked_in: projectRoot } },
    };
    manifest = { ...manifest, updated: ctx.now, artifacts: [...manifest.artifacts, entry] };
    lockfile = withLockEntry(lockfile, sides.record.type, forkName, { contentHash, fetched: ctx.now, source: `local:${sides.projectPath}` });
    writes.push({ target: collectionCopyPath(collection, { path: relPath }), files: plan.tree!, kind: sides.kind, modeSources: [sides.projectPath] });
    const parent = await ctx.versions.idOf(artifactRef(sides), sides.record.sha);
    await ctx.versions.record({
      artifact: { collection: collection.name, name: forkName, type: sides.record.type },
      kind: sides.kind,
      files: plan.tree!,
      parents: parent ? [parent] : [],
      mergeStrategy: 'fork',
      scope: { kind: 'collection', name: collection.name },
    });
    // The project copy stays where it is; its record now names the fork (and keeps the old path).
    const { upstreamSha: _dropped, ...record } = sides.record;
    next = withRecord(withoutRecord(next, sides.record.name, sides.record.type), {
      ...record,
      name: forkName,
      collection: collection.name,
      source: `local:${sides.projectPath}`,
      sha: contentHash,
      deployedAt: ctx.now,
      path: recordRelativePath(sides.record),
    });
    Object.assign(plan, { result: { ...plan.result, fork_name: forkName } });
  }
  // The fork lands in the collection first; the project's record follows (another file system, maybe).
  await applyTrees(writes, collection.root, ctx.key, (writer) => saveCollection(collection, manifest, lockfile, writer), { fence: collectionFence(ctx.paths, collection.name) });
  await writeDeploymentFile(next);
  return next;
}

/** A merge into a collection is recorded in its audit trail (versioning spec 8), on success and failure alike. */
async function audited<T>(ctx: MergeContext, collection: string, projectRoot: string, safety: string | undefined, plans: readonly PushPlan[], work: Promise<T>): Promise<T> {
  const mine = plans.filter((p) => p.sides.collectionName === collection);
  const inCollection = (p: PushPlan, file: string) => [p.sides.entry?.path ?? p.sides.record.name, file].filter((s) => s !== '').join('/');
  const entry = (success: boolean, error?: string) =>
    appendAuditEntry(ctx.paths, collection, {
      ...(safety ? { sourceSnapshotId: safety } : {}),
      targetSnapshotId: `project:${projectRoot}`,
      operationType: 'merge',
      filesMerged: mine.flatMap((p) => p.result.files.filter((f) => f.outcome === 'merged').map((f) => inCollection(p, f.path))),
      conflictsPending: mine.flatMap((p) => p.result.conflicts.map((c) => inCollection(p, c.path))),
      preserveChangesEnabled: true,
      success,
      ...(error !== undefined ? { error } : {}),
    }, new Date(ctx.now));
  try {
    const result = await work;
    await entry(true);
    return result;
  } catch (error) {
    await entry(false, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
}

async function recordPush(ctx: MergeContext, sides: DeployedSides, tree: FileMap, strategy: VersionOperation, recordResult?: () => Promise<unknown>): Promise<void> {
  const ref = artifactRef(sides);
  const parent = await ctx.versions.idOf(ref, sides.baseSha);
  if (sides.remote) {
    await ctx.versions.record({ artifact: ref, kind: sides.kind, files: sides.remote, parents: parent ? [parent] : [], mergeStrategy: 'overwritten', scope: { kind: 'collection', name: sides.collectionName } });
  }
  if (recordResult) {
    await recordResult();
    return;
  }
  await ctx.versions.record({ artifact: ref, kind: sides.kind, files: tree, parents: parent ? [parent] : [], mergeStrategy: strategy, scope: { kind: 'collection', name: sides.collectionName } });
}

/** `wanted`, or `wanted-2`, `wanted-3`… : the first name no artifact of this type has. */
function freeName(artifacts: readonly ManifestArtifact[], wanted: string, type: ManifestArtifact['type']): string {
  const taken = new Set(artifacts.filter((a) => a.type === type).map((a) => a.name));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : `-${i}`;
    // A name near the length limit is cut, never let past it: an invalid name would make the manifest unreadable.
    let base = wanted;
    while (nameProblem(`${base}${suffix}`) !== undefined && base.length > 1) base = base.slice(0, -1);
    const candidate = `${base}${suffix}`;
    if (nameProblem(candidate) !== undefined) throw new SkillmeatError('invalid_name', `No valid name can be made for a fork of "${wanted}".`, { name: wanted });
    if (!taken.has(candidate)) return candidate;
  }
}

