import { join } from 'node:path';
import { artifactRelativePath, artifactTypeInfo, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { RollbackProject, RollbackResult } from '../../shared/snapshot-results.js';
import type { HomePaths } from '../home/home-paths.js';
import { collectionDir } from '../home/home-paths.js';
import { SkillmeatError } from '../errors.js';
import { rfc3339 } from '../time.js';
import { collectionFence, readCollectionConsistently, withCollectionLock } from '../collection/collection-lock.js';
import { LOCK_FILE, parseLockfile, readLockfile, writeLockfile } from '../collection/collection-lockfile.js';
import { MANIFEST_FILE, parseManifest, readManifest, writeManifest } from '../collection/manifest-file.js';
import { containedPath } from '../fs/contained-path.js';
import { normalizeCollectionPath } from '../fs/collection-relative-path.js';
import { journalKey } from '../fs/journal-key.js';
import { FileTransaction } from '../fs/file-transaction.js';
import { isIgnoredName } from '../fs/ignore.js';
import { stageTree } from '../fs/stage-tree.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import { IN_MEMORY_LIMIT, isStored, readFileMap, type FileContent, type FileMap } from '../merge/file-map.js';
import { conflictInfo } from '../sync/conflict-info.js';
import { extractArchive, readArchiveFiles } from './archive-reader.js';
import { findSnapshot, readSnapshotMetadata, tarballFile, type SnapshotEntry, type SnapshotMetadata } from './snapshot-metadata.js';
import { appendAuditEntry } from './audit-trail.js';
import { snapshotIndex } from './snapshot-index.js';
import { filesUnder, planRollback, type CollectionTree, type Head, type RollbackMode, type RollbackPlan } from './rollback-plan.js';
import { projectsAffectedBy } from './rollback-projects.js';
import { rollbackMergesText, writeRollbackMerges, type RollbackConflictInput } from '../sync/rollback-merge.js';

export interface RollbackRequest {
  readonly collection: string;
  readonly snapshotId: string;
  /** Undo what SkillMeat's operations changed since the snapshot, keeping later hand edits (versioning spec 8). */
  readonly preserveChanges: boolean;
  /** Only these paths (relative to the collection folder, canonical) return to the snapshot. */
  readonly paths?: readonly string[];
  readonly now: Date;
}

/** What rollback needs from the rest of the core. */
export interface RollbackServices {
  /** An artifact's content with this content hash, from the version store or a snapshot; files keyed inside the artifact ('' for a file artifact). */
  findContent(artifact: { name: string; type: ArtifactType }, contentHash: string): Promise<{ found: 'version_store' | 'snapshot'; files: FileMap } | undefined>;
  readonly hashCache?: HashCache;
}

/**
 * The plan of a rollback (versioning spec 8, dry run): read-only, from one consistent reading of
 * the collection and the snapshot read in place (nothing is extracted). The real run computes the
 * same plan from the same inputs, so it does what this says.
 */
export async function planCollectionRollback(paths: HomePaths, request: RollbackRequest, services: RollbackServices): Promise<RollbackResult> {
  const mode = modeOf(request);
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const target = targetOrError(metadata, request);
  // Content hashes from the snapshot's index: exact even for artifacts holding large files, whose bytes the plan does not read.
  const archived = await readArchiveTree(tarballFile(metadata, target), request.collection, target.id, await indexedHashes(paths, metadata, target));
  return readCollectionConsistently(paths, request.collection, async () => {
    const current = await readCollectionTree(collectionDir(paths, request.collection), services.hashCache);
    const plan = await decide(request, mode, current, archived, services);
    return describe(paths, request, mode, target, plan, { dryRun: true, safetySnapshotId: null }, services);
  });
}

/**
 * Rollback (versioning spec 8). The snapshot is extracted into the transaction's staging folder
 * beside the collection and checked; the new collection is built there from the plan; then the
 * folders are swapped by rename — nothing is deleted first, and a crash leaves the collection
 * either as it was or fully rolled back. Every outcome, failure included, is audited.
 */
export async function rollback(paths: HomePaths, request: RollbackRequest, safetySnapshotId: string | undefined, services: RollbackServices): Promise<RollbackResult> {
  const mode = modeOf(request);
  let outcome: RollbackResult | undefined;
  try {
    outcome = await withCollectionLock(paths, request.collection, 'rollback', () => rollbackLocked(paths, request, mode, safetySnapshotId, services));
  } catch (error) {
    await audit(paths, request, mode, safetySnapshotId, undefined, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
  const entry = await audit(paths, request, mode, safetySnapshotId, outcome);
  return { ...outcome, audit_id: entry.id };
}

/** A rollback that failed before it began (the snapshot unreadable, say) is audited as a failure all the same. */
export async function recordFailedRollback(paths: HomePaths, request: RollbackRequest, error: unknown): Promise<void> {
  await audit(paths, request, modeOf(request), undefined, undefined, error instanceof Error ? error.message : String(error)).catch(() => undefined);
}

/** A rollback whose plan changes nothing: said (status `unchanged`) and audited, without a safety snapshot, and nothing written to the collection. */
export async function recordUnchangedRollback(paths: HomePaths, request: RollbackRequest, plan: RollbackResult): Promise<RollbackResult> {
  const result: RollbackResult = { ...plan, dry_run: false };
  const entry = await audit(paths, request, modeOf(request), undefined, result);
  return { ...result, audit_id: entry.id };
}

async function rollbackLocked(paths: HomePaths, request: RollbackRequest, mode: RollbackMode, safetySnapshotId: string | undefined, services: RollbackServices): Promise<RollbackResult> {
  const root = collectionDir(paths, request.collection);
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const target = targetOrError(metadata, request);
  const tx = await FileTransaction.begin(paths.collectionsDir, await journalKey(paths.journalKey), { owner: request.collection, fence: collectionFence(paths, request.collection) });
  try {
    const extracted = join(tx.stagingDir, 'target');
    await extractArchive(tarballFile(metadata, target), extracted, request.collection);
    const current = await readCollectionTree(root, services.hashCache);
    const archived = await readExtractedTree(extracted, target.id, await indexedHashes(paths, metadata, target));
    const plan = await decide(request, mode, current, archived, services);
    const result = await describe(paths, request, mode, target, plan, { dryRun: false, safetySnapshotId: safetySnapshotId ?? null }, services);
    if (!plan.changes) {
      // Nothing to write but, perhaps, conflicts: they wait for the merge view all the same.
      await writeRollbackMerges(paths, request.collection, await rollbackMergesText(paths, request.collection, conflictedArtifacts(plan, current, archived.hashes)));
      return result;
    }
    let next = extracted;
    if (mode !== 'simple') {
      // The plan's tree: files from the collection now, the snapshot, or merges (held in memory, or large ones referred to in place).
      next = join(tx.stagingDir, 'new');
      await stageTree(next, plan.files, 'folder', [root, extracted]);
      if (plan.manifest) await writeManifest(next, plan.manifest);
      if (plan.lockfile) await writeLockfile(next, plan.lockfile);
    }
    // The conflicts wait as unfinished merges for the merge view; their contents are stored now,
    // while the staged trees they may point into still exist. Any older rollback's are superseded.
    const pendingText = await rollbackMergesText(paths, request.collection, conflictedArtifacts(plan, current, archived.hashes));
    tx.replace(root, next);
    await tx.commit();
    await writeRollbackMerges(paths, request.collection, pendingText);
    return result;
  } finally {
    await tx.discard();
  }
}

/** Each artifact the plan leaves in conflict, with what its unfinished merge needs. */
function conflictedArtifacts(plan: RollbackPlan, current: CollectionTree, targetHashes: ReadonlyMap<string, string>): RollbackConflictInput[] {
  return plan.artifacts
    .filter((artifact) => artifact.action === 'conflict')
    .map((artifact) => {
      const relPath = artifactRelativePath(artifact.type, artifact.name);
      const key = lockKey(artifact.type, artifact.name);
      const baseSha = current.lockfile.entries.get(key)?.contentHash;
      const remoteSha = targetHashes.get(key);
      return {
        name: artifact.name,
        type: artifact.type,
        result: filesUnder(plan.files, relPath),
        conflicts: plan.conflicts.filter((c) => c.path === relPath || c.path.startsWith(`${relPath}/`)),
        ...(baseSha !== undefined ? { baseSha } : {}),
        ...(remoteSha !== undefined ? { remoteSha } : {}),
      };
    });
}

function modeOf(request: RollbackRequest): RollbackMode {
  return request.paths && request.paths.length > 0 ? 'selective' : request.preserveChanges ? 'intelligent' : 'simple';
}

function targetOrError(metadata: SnapshotMetadata, request: RollbackRequest): SnapshotEntry {
  const target = findSnapshot(metadata, request.snapshotId);
  if (!target) throw new SkillmeatError('not_found', `No snapshot ${request.snapshotId} of collection "${request.collection}". See \`skillmeat snapshots\`.`, { id: request.snapshotId });
  return target;
}

/** The snapshot's tree as the plan needs it: its manifest and lock, every file, and its artifacts' content hashes. */
interface ArchivedTree {
  readonly tree: Omit<CollectionTree, 'hashes'>;
  /** By lock key; read from the extracted files, or from the snapshot's index when read in place. */
  readonly hashes: ReadonlyMap<string, string>;
}

/** Reads the snapshot straight from its archive (no extraction): small files in memory, large ones by size and SHA-256 only. */
async function readArchiveTree(archive: string, collection: string, id: string, hashes: ReadonlyMap<string, string>): Promise<ArchivedTree> {
  const members = await readArchiveFiles(archive, collection, (_path, size) => size <= IN_MEMORY_LIMIT);
  const files = new Map<string, FileContent>();
  for (const [path, member] of members) {
    // The ignore set applies as it does to a collection read from disk (extracted, these files would be skipped).
    const parts = path.split('/');
    if (parts.some((part, index) => isIgnoredName(part, index < parts.length - 1))) continue;
    // A large file is compared by size and hash; its bytes are never needed to plan (never line-merged).
    files.set(path, member.bytes ?? { path: '', size: member.size, sha256: member.sha256 });
  }
  const text = (name: string) => {
    const bytes = files.get(name);
    return bytes === undefined || isStored(bytes) ? undefined : Buffer.from(bytes).toString('utf8');
  };
  const manifestText = text(MANIFEST_FILE);
  if (manifestText === undefined) throw notACollection(id);
  const lockText = text(LOCK_FILE);
  const manifest = parseManifest(manifestText, `${archive}:${MANIFEST_FILE}`);
  const lockfile = lockText === undefined ? { version: '1.0.0', entries: new Map(), raw: {} } : parseLockfile(lockText, `${archive}:${LOCK_FILE}`);
  return { tree: { manifest, lockfile, files }, hashes };
}

/** The extracted snapshot; its artifacts' hashes come from its index (the archive was read once already), not from hashing it again. */
async function readExtractedTree(folder: string, id: string, hashes: ReadonlyMap<string, string>): Promise<ArchivedTree> {
  const manifest = await readManifest(folder);
  if (!manifest) throw notACollection(id);
  const files = (await readFileMap(folder, 'folder', 'refuse')) ?? new Map<string, FileContent>();
  return { tree: { manifest, lockfile: await readLockfile(folder), files }, hashes };
}

/** Each artifact's content hash in a snapshot, by lock key, from its index (the same hashes the plan and the run use). */
async function indexedHashes(paths: HomePaths, metadata: SnapshotMetadata, target: SnapshotEntry): Promise<Map<string, string>> {
  return new Map((await snapshotIndex(paths, metadata, target)).artifacts.map((a) => [lockKey(a.type, a.name), a.content_hash]));
}

function notACollection(id: string): SkillmeatError {
  return new SkillmeatError('corrupt_file', `Snapshot ${id} holds no collection.toml; it is not a snapshot of a collection.`, { id });
}

/** A collection folder as the plan reads it. Large files are referred to where they are (ours, and locked or re-checked), never read whole. */
async function readCollectionTree(root: string, cache: HashCache | undefined): Promise<CollectionTree> {
  const manifest = await readManifest(root);
  if (!manifest) throw new SkillmeatError('not_found', `${root} holds no collection.toml.`, { path: root });
  const lockfile = await readLockfile(root);
  const files = (await readFileMap(root, 'folder', 'refuse')) ?? new Map<string, FileContent>();
  const hashes = new Map<string, string>();
  for (const entry of manifest.artifacts) {
    const hash = await hashArtifact(containedPath(root, artifactRelativePath(entry.type, entry.name), root), artifactTypeInfo(entry.type).kind, cache ? { cache } : {});
    if (hash !== undefined) hashes.set(lockKey(entry.type, entry.name), hash);
  }
  return { manifest, lockfile, files, hashes };
}

/** Finds HEAD for every artifact (keeping later edits only), then plans. */
async function decide(request: RollbackRequest, mode: RollbackMode, current: CollectionTree, archived: ArchivedTree, services: RollbackServices): Promise<RollbackPlan> {
  const target: CollectionTree = { ...archived.tree, hashes: archived.hashes };
  const heads = new Map<string, Head>();
  if (mode === 'intelligent') {
    const keys = new Set([...current.manifest.artifacts, ...target.manifest.artifacts].map((a) => lockKey(a.type, a.name)));
    for (const entry of [...current.manifest.artifacts, ...target.manifest.artifacts]) {
      const key = lockKey(entry.type, entry.name);
      if (!keys.delete(key)) continue;
      heads.set(key, await findHead(entry, current, target, services));
    }
  }
  return planRollback({ mode, current, target, heads, paths: request.paths ?? [], targetId: request.snapshotId, now: rfc3339(request.now) });
}

/**
 * HEAD of one artifact (versioning spec 8): the content its lock entry names — the collection copy
 * itself when unedited, the snapshot's copy, or a version the store or another snapshot keeps.
 * Not in the lock and not in the collection: SkillMeat last knew the collection without it.
 */
async function findHead(artifact: { name: string; type: ArtifactType }, current: CollectionTree, target: CollectionTree, services: RollbackServices): Promise<Head> {
  const key = lockKey(artifact.type, artifact.name);
  const recorded = current.lockfile.entries.get(key)?.contentHash;
  const listed = current.manifest.artifacts.some((a) => lockKey(a.type, a.name) === key);
  if (recorded === undefined) return listed ? { found: 'missing' } : { found: 'none' };
  const relPath = artifactRelativePath(artifact.type, artifact.name);
  if (current.hashes.get(key) === recorded) return { found: 'current', files: filesUnder(current.files, relPath) };
  if (target.hashes.get(key) === recorded) return { found: 'snapshot', files: filesUnder(target.files, relPath) };
  const kept = await services.findContent(artifact, recorded);
  if (!kept) return { found: 'missing' };
  return { found: kept.found, files: prefixed(kept.files, relPath, artifactTypeInfo(artifact.type).kind) };
}

/** Files keyed inside an artifact, keyed inside the collection instead. */
function prefixed(files: FileMap, relPath: string, kind: 'file' | 'folder'): Map<string, FileContent> {
  const result = new Map<string, FileContent>();
  for (const [path, content] of files) result.set(kind === 'file' ? relPath : `${relPath}/${path}`, content);
  return result;
}

async function describe(
  paths: HomePaths,
  request: RollbackRequest,
  mode: RollbackMode,
  target: SnapshotEntry,
  plan: RollbackPlan,
  run: { dryRun: boolean; safetySnapshotId: string | null },
  services: RollbackServices,
): Promise<RollbackResult> {
  const projects: RollbackProject[] = await projectsAffectedBy(paths, request.collection, plan.outcomes, services.hashCache);
  return {
    collection: request.collection,
    target_snapshot_id: target.id,
    safety_snapshot_id: run.safetySnapshotId,
    operation_type: mode,
    dry_run: run.dryRun,
    // Conflicts are never "nothing to do", even when they are all the plan holds: they are shown.
    status: plan.conflicts.length > 0 ? 'partial' : plan.changes ? 'ok' : 'unchanged',
    message: plan.changes || plan.conflicts.length > 0 ? null : unchangedMessage(mode, target.id),
    files_restored: [...plan.restored],
    files_merged: [...plan.merged],
    conflicts: plan.conflicts.map((c) => conflictInfo({ ...c, ...(c.markers !== undefined ? { markers: c.markers } : {}) })),
    artifacts: [...plan.artifacts],
    other_files: [...plan.otherFiles],
    projects,
    audit_id: null,
  };
}

function unchangedMessage(mode: RollbackMode, id: string): string {
  if (mode === 'intelligent') {
    return `Nothing to undo: since snapshot ${id}, no SkillMeat operation changed the collection; what differs was edited by hand afterwards and is kept. To discard those edits too, restore the snapshot exactly.`;
  }
  if (mode === 'selective') return `Nothing to restore: the chosen paths already hold what snapshot ${id} holds.`;
  return `Nothing to restore: the collection already holds exactly what snapshot ${id} holds.`;
}

function audit(paths: HomePaths, request: RollbackRequest, mode: RollbackMode, safetySnapshotId: string | undefined, result: RollbackResult | undefined, error?: string) {
  return appendAuditEntry(
    paths,
    request.collection,
    {
      ...(safetySnapshotId ? { sourceSnapshotId: safetySnapshotId } : {}),
      targetSnapshotId: request.snapshotId,
      operationType: mode,
      filesRestored: result?.files_restored ?? [],
      filesMerged: result?.files_merged ?? [],
      conflictsPending: (result?.conflicts ?? []).map((c) => c.path),
      preserveChangesEnabled: request.preserveChanges,
      success: result !== undefined,
      ...(error !== undefined ? { error } : {}),
      ...(mode === 'selective' ? { selectivePaths: [...request.paths!] } : {}),
    },
    request.now,
  );
}

/** A selective-rollback path, checked and made canonical (relative, POSIX, no "..", no control characters). */
export function normalizeSelectivePath(path: string): string {
  return normalizeCollectionPath(path, 'Nothing was rolled back; to restore all of the collection, roll back without --paths.');
}
