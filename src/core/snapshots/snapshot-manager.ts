import { mkdir, rm, stat } from 'node:fs/promises';
import type { SnapshotInfo } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { readRetentionPolicy } from '../home/config.js';
import { homeFileFormat } from '../home/file-format.js';
import { SkillmeatError, ioError } from '../errors.js';
import { openCollection } from '../collection/collections.js';
import { withCollectionLock } from '../collection/collection-lock.js';
import type { ProgressListener } from '../progress.js';
import { inTransaction } from '../fs/file-transaction.js';
import { journalKey } from '../fs/journal-key.js';
import { writeArchive } from './archive-writer.js';
import { newSnapshotId } from './snapshot-id.js';
import { addSnapshot, findSnapshot, listSnapshots, readSnapshotMetadata, removeSnapshot, setPinned, tarballFile, writeSnapshotMetadata, type SnapshotEntry, type SnapshotMetadata } from './snapshot-metadata.js';
import { classifyRetention, thinAutomaticSnapshots, type RetentionPolicy, type RetentionReason } from './retention.js';
import { snapshotKind } from './snapshot-kind.js';
import { forgetSnapshotIndex, indexNewSnapshot } from './snapshot-index.js';
import { indexFileText } from './snapshot-index-file.js';

export interface CreateSnapshotRequest {
  readonly collection: string;
  readonly message: string;
  /** Safety snapshots are automatic: retention thins them; manual ones are kept until deleted. */
  readonly automatic: boolean;
  readonly now: Date;
  /** Files archived so far, after each batch. */
  readonly onProgress?: ProgressListener;
}

/**
 * Archives a whole collection (versioning spec 7). Holds the collection's write lock, so nothing
 * changes it mid-archive. The archive is complete and synced before the metadata names it, and
 * metadata drops a snapshot before its archive is deleted: no snapshot is ever listed without its
 * archive. The archive's index (snapshot-index-file.ts) is built from the staged archive and goes
 * in place with it. After an automatic snapshot, older automatic ones are thinned by the retention policy.
 */
export async function createSnapshot(paths: HomePaths, request: CreateSnapshotRequest): Promise<SnapshotInfo> {
  return withCollectionLock(paths, request.collection, 'snapshot', async () => {
    const collection = await openCollection(paths, request.collection);
    let metadata = await newFileInHomeFormat(paths, await readSnapshotMetadata(paths, collection.name));
    const id = newSnapshotId(request.now, new Set(metadata.snapshots.map((s) => s.id)));
    metadata = addSnapshot(metadata, { id, timestamp: request.now, message: request.message, artifactCount: collection.manifest.artifacts.length, automatic: request.automatic });
    const entry = findSnapshot(metadata, id)!;
    const archive = tarballFile(metadata, entry);
    await mkdir(metadata.folder, { recursive: true }).catch((error: unknown) => {
      throw ioError('create the snapshot folder', metadata.folder, error);
    });
    // Archive and metadata go in place together: a crash never leaves one without the other.
    const key = await journalKey(paths.journalKey);
    await inTransaction(metadata.folder, key, async (tx) => {
      const staged = tx.stagingPath();
      await writeArchive(collection.root, staged, collection.name, request.onProgress);
      await indexNewSnapshot(metadata, entry, staged, key, (path, index, signer) => tx.writeFile(path, indexFileText(index, signer)));
      tx.replace(archive, staged);
      await writeSnapshotMetadata(metadata, tx);
    });
    const policy = await readRetentionPolicy(paths);
    if (request.automatic) metadata = await thin(metadata, request.now, policy);
    return describe(metadata, entry, retentionOf(metadata, request.now, policy));
  });
}

/**
 * A snapshots.toml that does not exist yet takes the home's form (home/file-format.ts): the Python
 * SkillMeat's (string timestamps, absolute tarball_path) in a home it uses, so it lists and rolls
 * back to what we add. One that exists keeps the dialect it was read in.
 */
async function newFileInHomeFormat(paths: HomePaths, metadata: SnapshotMetadata): Promise<SnapshotMetadata> {
  if (metadata.snapshots.length > 0 || Object.keys(metadata.raw).length > 0) return metadata;
  return (await homeFileFormat(paths)) === 'python' ? { ...metadata, dialect: 'python' } : metadata;
}

/** Snapshots of a collection, newest first, each with the retention word it has at `now`. */
export async function listCollectionSnapshots(paths: HomePaths, collection: string, page: { limit?: number; offset?: number } = {}, now: Date = new Date()): Promise<SnapshotInfo[]> {
  const metadata = await readSnapshotMetadata(paths, collection);
  const retention = retentionOf(metadata, now, await readRetentionPolicy(paths));
  return Promise.all(listSnapshots(metadata, page).map((entry) => describe(metadata, entry, retention)));
}

/** One snapshot; `not_found` names the command that lists them. */
export async function showSnapshot(paths: HomePaths, collection: string, id: string, now: Date = new Date()): Promise<SnapshotInfo> {
  const metadata = await readSnapshotMetadata(paths, collection);
  return describe(metadata, entryOrError(metadata, id), retentionOf(metadata, now, await readRetentionPolicy(paths)));
}

/** Deletes a snapshot: out of the metadata first, then its archive and its index. */
export async function deleteSnapshot(paths: HomePaths, collection: string, id: string, now: Date = new Date()): Promise<SnapshotInfo> {
  return withCollectionLock(paths, collection, 'delete snapshot', async () => {
    const metadata = await readSnapshotMetadata(paths, collection);
    const entry = entryOrError(metadata, id);
    const info = await describe(metadata, entry, retentionOf(metadata, now, await readRetentionPolicy(paths)));
    await writeSnapshotMetadata(removeSnapshot(metadata, id));
    await deleteArchive(metadata, entry);
    return info;
  });
}

/** Pins a snapshot (retention never thins it) or unpins it; under the collection lock, like every write of snapshots.toml. */
export async function pinSnapshot(paths: HomePaths, collection: string, id: string, pinned: boolean, now: Date = new Date()): Promise<SnapshotInfo> {
  return withCollectionLock(paths, collection, pinned ? 'pin snapshot' : 'unpin snapshot', async () => {
    const read = await readSnapshotMetadata(paths, collection);
    const entry = entryOrError(read, id);
    const metadata = entry.pinned === pinned ? read : setPinned(read, id, pinned);
    if (metadata !== read) await writeSnapshotMetadata(metadata);
    return describe(metadata, findSnapshot(metadata, id)!, retentionOf(metadata, now, await readRetentionPolicy(paths)));
  });
}

/** Why retention keeps each snapshot at `now`, by id. */
export function retentionOf(metadata: SnapshotMetadata, now: Date, policy: RetentionPolicy): ReadonlyMap<string, RetentionReason> {
  const reasons = classifyRetention(metadata.snapshots, now, policy);
  return new Map(metadata.snapshots.map((entry, index) => [entry.id, reasons[index]!]));
}

/** A snapshot's metadata as the CLI and the contract show it. */
export async function describe(metadata: SnapshotMetadata, entry: SnapshotEntry, retention: ReadonlyMap<string, RetentionReason>): Promise<SnapshotInfo> {
  const tarball = tarballFile(metadata, entry);
  const size = await stat(tarball).then((s) => s.size, () => null);
  const { kind, operation } = snapshotKind(entry);
  return {
    id: entry.id,
    collection: metadata.collection,
    timestamp: entry.timestamp,
    message: entry.message,
    automatic: entry.automatic,
    kind,
    operation,
    pinned: entry.pinned,
    retention: retention.get(entry.id) ?? (entry.pinned ? 'pinned' : entry.automatic ? 'expiring' : 'manual'),
    artifact_count: entry.artifactCount,
    tarball_path: tarball,
    size_bytes: size,
  };
}

/** The snapshot `id`, or `not_found` naming the command that lists them. */
export function entryOrError(metadata: SnapshotMetadata, id: string): SnapshotEntry {
  const entry = findSnapshot(metadata, id);
  if (!entry) throw new SkillmeatError('not_found', `No snapshot ${id} of collection "${metadata.collection}". See \`skillmeat snapshots\`.`, { id });
  return entry;
}

/** Thins automatic snapshots (never pinned ones); returns the metadata that remains. */
async function thin(metadata: SnapshotMetadata, now: Date, policy: RetentionPolicy): Promise<SnapshotMetadata> {
  const doomed = thinAutomaticSnapshots(metadata.snapshots, now, policy);
  if (doomed.length === 0) return metadata;
  let kept = metadata;
  for (const id of doomed) kept = removeSnapshot(kept, id);
  await writeSnapshotMetadata(kept);
  for (const id of doomed) await deleteArchive(metadata, findSnapshot(metadata, id)!);
  return kept;
}

/** A snapshot's archive and index sidecar, after the metadata stopped naming it. */
async function deleteArchive(metadata: SnapshotMetadata, entry: SnapshotEntry): Promise<void> {
  await rm(tarballFile(metadata, entry), { force: true });
  await forgetSnapshotIndex(metadata, entry);
}
