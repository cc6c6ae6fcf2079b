/**
 * The conflicts a rollback keeping later edits leaves in the collection, kept as unfinished merges
 * (direction `rollback`) so that the merge view settles them as it settles a sync's: base = the
 * content SkillMeat last recorded, the project side = the collection copy, the collection side =
 * the snapshot's content. They live in `snapshots/<collection>/.skillmeat-pending.json` (the
 * collection folder itself is swapped whole by the next rollback), contents in the version store.
 */
import { artifactRelativePath, artifactTypeInfo, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { MergeDocument } from '../../shared/merge-results.js';
import type { MergeOperationResult } from '../../shared/results.js';
import { collectionFence, withCollectionLock } from '../collection/collection-lock.js';
import { collectionCopyPath, openCollection, saveCollection, type OpenCollection } from '../collection/collections.js';
import type { Manifest, ManifestArtifact } from '../collection/manifest-file.js';
import type { Lockfile } from '../collection/collection-lockfile.js';
import type { ArtifactRef } from '../versions/version-port.js';
import { entryAtCommit, lockAtCommit, upstreamOf } from '../sources/upstream-record.js';
import { SkillmeatError } from '../errors.js';
import { journalKey } from '../fs/journal-key.js';
import { inTransaction } from '../fs/file-transaction.js';
import { hashArtifact, hashBytes, hashFileMap } from '../hash/content-hash.js';
import type { HomePaths } from '../home/home-paths.js';
import type { FileContent, FileMap } from '../merge/file-map.js';
import type { FileConflict } from '../merge/tree-merge.js';
import { appendAuditEntry } from '../snapshots/audit-trail.js';
import { snapshotFolder } from '../snapshots/snapshot-metadata.js';
import { mergeFiles } from './merge-document.js';
import { pendingMergesText, readPendingMerges, writePendingMergesText, type PendingMerge } from './pending-merges.js';
import { applySettlements, findPendingMerge, mergeMetadata, resolvedBy, settledTree, settleSummary, type SettleRequest } from './settle-merge.js';
import type { SafetySnapshotHook } from './push-project.js';
import type { MergeContext } from './sync-project.js';

const ROLLBACK_HINT = 'A rollback keeping later edits, or an update meeting the collection\'s own edits, leaves one for each artifact it could not merge.';

/** The SHA-256 of no content: the base (or snapshot) side of an artifact that has none. */
const NO_CONTENT = hashBytes('');

/** One artifact a rollback left in conflict, as the rollback saw it. */
export interface RollbackConflictInput {
  readonly name: string;
  readonly type: ArtifactType;
  /** The artifact's files after the rollback, keyed inside the collection (conflicted ones as they were). */
  readonly result: FileMap;
  readonly conflicts: readonly FileConflict[];
  readonly baseSha?: string;
  readonly remoteSha?: string;
}

/**
 * The text of the collection's pending-merge file for a rollback's conflicts (undefined: none), its
 * contents stored now: called before the rollback commits, while every content is still readable.
 * A rollback replaces the whole file: whatever an earlier rollback left is superseded by this one.
 */
export async function rollbackMergesText(paths: HomePaths, collection: string, artifacts: readonly RollbackConflictInput[]): Promise<string | undefined> {
  const merges: PendingMerge[] = [];
  for (const artifact of artifacts) {
    const kind = artifactTypeInfo(artifact.type).kind;
    const relPath = artifactRelativePath(artifact.type, artifact.name);
    const inside = (path: string) => (kind === 'file' ? '' : path.slice(relPath.length + 1));
    const conflicted = new Set(artifact.conflicts.map((c) => c.path));
    const settled = new Map<string, FileContent>();
    for (const [path, content] of artifact.result) if (!conflicted.has(path)) settled.set(inside(path), content);
    const own = new Map([...artifact.result].map(([path, content]) => [inside(path), content]));
    merges.push({
      direction: 'rollback',
      name: artifact.name,
      type: artifact.type,
      collection,
      baseSha: artifact.baseSha ?? NO_CONTENT,
      // What the collection copy holds once the rollback is in place: completing checks it still does.
      localSha: await hashFileMap(own, kind),
      remoteSha: artifact.remoteSha ?? NO_CONTENT,
      settled,
      conflicts: artifact.conflicts.map((c) => ({ path: inside(c.path), kind: c.kind, base: c.base, local: c.local, remote: c.remote, resolution: undefined })),
    });
  }
  return pendingMergesText(merges, paths.objectsDir);
}

/** Puts the text rollbackMergesText made in place (after the rollback committed). */
export async function writeRollbackMerges(paths: HomePaths, collection: string, text: string | undefined): Promise<void> {
  await writePendingMergesText(snapshotFolder(paths, collection), text);
}

/** The collection's unfinished rollback merges. */
export async function readRollbackMerges(paths: HomePaths, collection: string): Promise<PendingMerge[]> {
  return readPendingMerges(snapshotFolder(paths, collection), paths.objectsDir);
}

/** One unfinished rollback merge as the merge view shows it. */
export async function rollbackMergeDocument(paths: HomePaths, collection: string, artifact: string, type: ArtifactType | undefined): Promise<MergeDocument> {
  const merge = findPendingMerge(await readRollbackMerges(paths, collection), artifact, type, `collection "${collection}"`, ROLLBACK_HINT);
  return {
    project: '',
    name: merge.name,
    type: merge.type,
    collection: merge.collection,
    direction: merge.direction,
    base_sha: merge.baseSha,
    project_sha: merge.localSha ?? null,
    collection_sha: merge.remoteSha,
    files: mergeFiles(merge),
    same_merge_projects: [],
  };
}

export type SettleRollbackRequest = Omit<SettleRequest, 'projectDir'> & { readonly collection: string };

/**
 * Settles files of a rollback's unfinished merge and, when none is left in conflict, completes it:
 * after a safety snapshot, the merged tree replaces the collection copy (which must still hold what
 * the rollback left, else `busy` and nothing is written); a version (origin `merge`) and an audit
 * entry record it. The lock entry stays as it is: the result is the user's, not an operation's.
 */
export async function settleRollbackMerge(ctx: MergeContext, request: SettleRollbackRequest, safetySnapshot: SafetySnapshotHook): Promise<MergeOperationResult> {
  const where = `collection "${request.collection}"`;
  // Whether this call completes the merge decides whether a safety snapshot comes first (taken outside the lock it takes itself).
  const peek = await applySettlements(findPendingMerge(await readRollbackMerges(ctx.paths, request.collection), request.artifact, request.type, where, ROLLBACK_HINT), request, ctx.paths.objectsDir);
  const safety = !request.draft && peek.open.length === 0 ? await safetySnapshot(request.collection, 'merge') : undefined;
  return withCollectionLock(ctx.paths, request.collection, 'resolve', async () => {
    const pending = await readRollbackMerges(ctx.paths, request.collection);
    const merge = findPendingMerge(pending, request.artifact, request.type, where, ROLLBACK_HINT);
    const { updated, resolvedPaths, open } = await applySettlements(merge, request, ctx.paths.objectsDir);
    const others = pending.filter((m) => m !== merge);
    const audit = (success: boolean, error?: string) =>
      appendAuditEntry(
        ctx.paths,
        request.collection,
        {
          ...(safety ? { sourceSnapshotId: safety } : {}),
          targetSnapshotId: `collection:${request.collection}`,
          operationType: 'merge',
          conflictsResolved: resolvedPaths.map((p) => inCollection(merge, p)),
          conflictsPending: (success ? open : updated.conflicts.filter((c) => c.resolution === undefined)).map((c) => inCollection(merge, c.path)),
          preserveChangesEnabled: true,
          success,
          ...(error !== undefined ? { error } : {}),
        },
        new Date(ctx.now),
      );
    const folder = snapshotFolder(ctx.paths, request.collection);
    const result = (action: 'conflict' | 'merged', newSha: string | null) => settleSummary('', merge, open, action, newSha, safety ?? null);
    if (request.draft || open.length > 0) {
      await writePendingMergesText(folder, await pendingMergesText([...others, updated], ctx.paths.objectsDir));
      if (!request.draft) await audit(true);
      return result('conflict', null);
    }
    try {
      const sha = await completeRollbackMerge(ctx, updated);
      await writePendingMergesText(folder, await pendingMergesText(others, ctx.paths.objectsDir));
      await audit(true);
      return result('merged', sha);
    } catch (error) {
      await audit(false, error instanceof Error ? error.message : String(error)).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Writes a settled rollback (or update) merge into the collection copy (under the collection lock)
 * and records it as a version. An update's also records, in the same step, the upstream commit its
 * other side came from (manifest and lock), as a clean update would have.
 */
async function completeRollbackMerge(ctx: MergeContext, merge: PendingMerge): Promise<string> {
  const collection = await openCollection(ctx.paths, merge.collection);
  const entry = collection.manifest.artifacts.find((a) => lockKey(a.type, a.name) === lockKey(merge.type, merge.name));
  const kind = artifactTypeInfo(merge.type).kind;
  const copy = collectionCopyPath(collection, { path: entry?.path ?? artifactRelativePath(merge.type, merge.name) });
  const now = await hashArtifact(copy, kind);
  const what = merge.direction === 'update' ? 'the update' : 'the rollback';
  if ((now ?? NO_CONTENT) !== merge.localSha) {
    throw new SkillmeatError(
      'busy',
      `The collection copy of ${merge.type} "${merge.name}" changed since ${what} left this merge. Nothing was written; ${merge.direction === 'update' ? 'run update again' : 'roll back again'} to merge with what it holds now.`,
      { name: merge.name, collection: merge.collection },
    );
  }
  if (entry === undefined) throw new SkillmeatError('not_found', `${merge.type} "${merge.name}" is no longer in collection "${merge.collection}"; its unfinished merge cannot be applied.`, { name: merge.name });
  const tree = settledTree(merge);
  const sha = await hashFileMap(tree, kind);
  const ref = { collection: merge.collection, name: merge.name, type: merge.type };
  const records = merge.direction === 'update' ? await upstreamRecords(ctx, collection, entry, ref, merge, sha) : undefined;
  await inTransaction(
    collection.root,
    await journalKey(ctx.paths.journalKey),
    async (tx) => {
      await tx.writeTree(copy, tree, kind, [copy]);
      if (records) await saveCollection(collection, records.manifest, records.lockfile, tx);
    },
    { fence: collectionFence(ctx.paths, collection.name) },
  );
  const parents = [await ctx.versions.idOf(ref, merge.baseSha), await ctx.versions.idOf(ref, merge.remoteSha)].filter((id): id is string => id !== undefined);
  await ctx.versions.record({ artifact: ref, kind, files: tree, parents, mergeStrategy: 'merge', scope: { kind: 'collection', name: merge.collection }, createdBy: resolvedBy(), metadata: mergeMetadata(merge) });
  return sha;
}

/** The manifest and lock of a completed update merge: the entry at the upstream commit its remote side was taken from (the `update` version's metadata). */
async function upstreamRecords(ctx: MergeContext, collection: OpenCollection, entry: ManifestArtifact, ref: ArtifactRef, merge: PendingMerge, contentHash: string): Promise<{ manifest: Manifest; lockfile: Lockfile } | undefined> {
  const record = upstreamOf(entry);
  const upstream = await ctx.versions.lookup(ref, merge.remoteSha);
  const commit = upstream?.metadata.resolved_sha;
  if (record === undefined || typeof commit !== 'string') return undefined;
  const version = typeof upstream?.metadata.resolved_version === 'string' ? upstream.metadata.resolved_version : undefined;
  return {
    manifest: { ...collection.manifest, updated: ctx.now, artifacts: collection.manifest.artifacts.map((a) => (a === entry ? entryAtCommit(a, record.spec, commit, version, ctx.now) : a)) },
    lockfile: lockAtCommit(collection.lockfile, entry.type, entry.name, { contentHash, fetched: ctx.now, spec: record.spec, commit, version }),
  };
}

function inCollection(merge: PendingMerge, file: string): string {
  return [artifactRelativePath(merge.type, merge.name), file].filter((s) => s !== '').join('/');
}
