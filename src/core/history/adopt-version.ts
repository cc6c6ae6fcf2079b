/**
 * Makes a stored version the collection's copy of its artifact (the history view's "Make collection
 * copy"), as push and rollback rewrite a collection: a safety snapshot first, then, under the
 * collection's lock, the copy and its lock entry in one crash-safe step, an audit entry (a selective
 * rollback to the version). What the copy held is kept as a version too, so nothing is lost even
 * when it held hand edits no operation recorded. Projects then see the collection moved (outdated)
 * and sync as usual.
 */
import { artifactRelativePath, artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { MergeOperationResult } from '../../shared/results.js';
import { collectionCopyPath, openCollection, saveCollection, type OpenCollection } from '../collection/collections.js';
import { collectionFence, withCollectionLock } from '../collection/collection-lock.js';
import { withLockEntry } from '../collection/collection-lockfile.js';
import { appendAuditEntry } from '../snapshots/audit-trail.js';
import { hashArtifact, hashFileMap } from '../hash/content-hash.js';
import { readArtifact } from '../merge/file-map.js';
import { blobKeeper } from '../versions/object-store.js';
import { applyTrees } from '../sync/merge-apply.js';
import type { SafetySnapshotHook } from '../sync/push-project.js';
import type { MergeContext } from '../sync/sync-project.js';
import { SkillmeatError } from '../errors.js';

export async function adoptVersion(ctx: MergeContext, request: { collection: string; versionId: string }, safetySnapshot: SafetySnapshotHook): Promise<MergeOperationResult> {
  const version = await ctx.versions.get(request.versionId);
  if (version === undefined) throw new SkillmeatError('not_found', `No stored version ${JSON.stringify(request.versionId)}. See \`skillmeat history NAME\` for the ids.`, { version: request.versionId });
  const kind = artifactTypeInfo(version.type).kind;
  const ref = { collection: request.collection, name: version.name, type: version.type };
  const before = await copyState(await openCollection(ctx.paths, request.collection), version.name, version.type);
  const contentHash = await hashFileMap(version.files, kind);
  const result = (status: MergeOperationResult['status'], reason: string | null, safety: string | null): MergeOperationResult => ({
    operation: 'restore',
    project: '',
    status,
    dry_run: false,
    markers_written: false,
    safety_snapshot_id: safety,
    artifacts: [{ name: version.name, type: version.type, collection: request.collection, action: status === 'ok' ? 'updated' : 'skipped', reason, files: [], conflicts: [], new_sha: status === 'ok' ? contentHash : null, fork_name: null, replaced_version_id: null }],
  });
  if (before.copyHash === contentHash && before.recordedHash === contentHash) return result('nothing_to_do', `the collection copy already is ${version.id}`, null);

  const safety = (await safetySnapshot(request.collection, 'restore')) ?? null;
  await withCollectionLock(ctx.paths, request.collection, 'restore', async () => {
    const collection = await openCollection(ctx.paths, request.collection);
    const now = await copyState(collection, version.name, version.type);
    if (now.copyHash !== before.copyHash) {
      throw new SkillmeatError('busy', `The collection copy of ${version.type} "${version.name}" changed while this was being prepared. Nothing was written; try again.`, { name: version.name, collection: request.collection });
    }
    // Hand edits nobody recorded would otherwise live only in the safety snapshot: keep them as a version.
    if (now.copyHash !== undefined && now.copyHash !== now.recordedHash) {
      const replaced = await readArtifact(now.path, kind, 'refuse', blobKeeper(ctx.paths.objectsDir));
      const parent = now.recordedHash === undefined ? undefined : await ctx.versions.idOf(ref, now.recordedHash);
      if (replaced !== undefined) await ctx.versions.record({ artifact: ref, kind, files: replaced.files, parents: parent ? [parent] : [], mergeStrategy: 'overwritten', scope: { kind: 'collection', name: request.collection } });
    }
    const source = collection.lockfile.entries.get(lockKey(version.type, version.name))?.source;
    const lockfile = withLockEntry(collection.lockfile, version.type, version.name, { contentHash, fetched: ctx.now, ...(source !== undefined ? { source } : {}) });
    await applyTrees([{ target: now.path, files: version.files, kind, modeSources: [now.path] }], collection.root, ctx.key, (writer) => saveCollection(collection, { ...collection.manifest, updated: ctx.now }, lockfile, writer), {
      fence: collectionFence(ctx.paths, collection.name),
    });
    await appendAuditEntry(
      ctx.paths,
      request.collection,
      {
        ...(safety !== null ? { sourceSnapshotId: safety } : {}),
        targetSnapshotId: `version:${version.id}`,
        operationType: 'selective',
        selectivePaths: [artifactRelativePath(version.type, version.name)],
        filesRestored: [...version.files.keys()].map((file) => [artifactRelativePath(version.type, version.name), file].filter((s) => s !== '').join('/')),
        preserveChangesEnabled: false,
        success: true,
      },
      new Date(ctx.now),
    );
  });
  return result('ok', `the collection copy is now ${version.id}`, safety);
}

/** Where the collection copy is, what it holds, and what its lock entry last recorded. */
async function copyState(collection: OpenCollection, name: string, type: Parameters<typeof lockKey>[0]) {
  const entry = collection.manifest.artifacts.find((a) => lockKey(a.type, a.name) === lockKey(type, name));
  if (entry === undefined) {
    throw new SkillmeatError('not_found', `${type} "${name}" is not in collection "${collection.name}" any more: add it back before making a version its copy.`, { name, collection: collection.name });
  }
  const path = collectionCopyPath(collection, entry);
  return { path, copyHash: await hashArtifact(path, artifactTypeInfo(type).kind), recordedHash: collection.lockfile.entries.get(lockKey(type, name))?.contentHash };
}
