import { mkdir, rm, stat } from 'node:fs/promises';
import type { SnapshotInfo } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { readRetentionPolicy } from '../home/config.js';
import { SkillmeatError, ioError } from '../errors.js';
import { openCollection } from '../collection/collections.js';
import { withCollectionLock } from '../collection/collection-lock.js';
import type { ProgressListener } from '../progress.js';
import { inTransaction } from '../fs/file-transaction.js';
import { journalKey } from '../fs/journal-key.js';
import { writeArchive } from './archive-writer.js';
import { newSnapshotId } from './snapshot-id.js';
import { addSnapshot, findSnapshot, listSnapshots, readSnapshotMetadata, removeSnapshot, tarballFile, writeSnapshotMetadata, type SnapshotEntry, type SnapshotMetadata } from './snapshot-metadata.js';
import { thinAutomaticSnapshots } from './retention.js';

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
 * archive. After an automatic snapshot, older automatic ones are thinned by the retention policy.
 */
export async function createSnapshot(paths: HomePaths, request: CreateSnapshotRequest): Promise<SnapshotInfo> {
  return withCollectionLock(paths, request.collection, 'snapshot', async () => {
    const collection = await openCollection(paths, request.collection);
    let metadata = await readSnapshotMetadata(paths, collection.name);
    const id = newSnapshotId(request.now, new Set(metadata.snapshots.map((s) => s.id)));
    metadata = addSnapshot(metadata, { id, timestamp: request.now, message: request.message, artifactCount: collection.manifest.artifacts.length, automatic: request.automatic });
    const entry = findSnapshot(metadata, id)!;
    const archive = tarballFile(metadata, entry);
    await mkdir(metadata.folder, { recursive: true }).catch((error: unknown) => {
      throw ioError('create the snapshot folder', metadata.folder, error);
    });
    // Archive and metadata go in place together: a crash never leaves one without the other.
    await inTransaction(metadata.folder, await journalKey(paths.journalKey), async (tx) => {
      const staged = tx.stagingPath();
      await writeArchive(collection.root, staged, collection.name, request.onProgress);
      tx.replace(archive, staged);
      await writeSnapshotMetadata(metadata, tx);
    });
    if (request.automatic) await thin(paths, metadata, request.now);
    return describe(metadata, entry);
  });
}

/** Snapshots of a collection, newest first. */
export async function listCollectionSnapshots(paths: HomePaths, collection: string, page: { limit?: number; offset?: number } = {}): Promise<SnapshotInfo[]> {
  const metadata = await readSnapshotMetadata(paths, collection);
  return Promise.all(listSnapshots(metadata, page).map((entry) => describe(metadata, entry)));
}

/** One snapshot; `not_found` names the command that lists them. */
export async function showSnapshot(paths: HomePaths, collection: string, id: string): Promise<SnapshotInfo> {
  const metadata = await readSnapshotMetadata(paths, collection);
  return describe(metadata, entryOrError(metadata, id));
}

/** Deletes a snapshot: out of the metadata first, then its archive. */
export async function deleteSnapshot(paths: HomePaths, collection: string, id: string): Promise<SnapshotInfo> {
  return withCollectionLock(paths, collection, 'delete snapshot', async () => {
    const metadata = await readSnapshotMetadata(paths, collection);
    const entry = entryOrError(metadata, id);
    const info = await describe(metadata, entry);
    await writeSnapshotMetadata(removeSnapshot(metadata, id));
    await rm(tarballFile(metadata, entry), { force: true });
    return info;
  });
}

async function thin(paths: HomePaths, metadata: SnapshotMetadata, now: Date): Promise<void> {
  const doomed = thinAutomaticSnapshots(metadata.snapshots, now, await readRetentionPolicy(paths));
  if (doomed.length === 0) return;
  let kept = metadata;
  for (const id of doomed) kept = removeSnapshot(kept, id);
  await writeSnapshotMetadata(kept);
  for (const id of doomed) await rm(tarballFile(metadata, findSnapshot(metadata, id)!), { force: true });
}

function entryOrError(metadata: SnapshotMetadata, id: string): SnapshotEntry {
  const entry = findSnapshot(metadata, id);
  if (!entry) throw new SkillmeatError('not_found', `No snapshot ${id} of collection "${metadata.collection}". See \`skillmeat snapshots\`.`, { id });
  return entry;
}

async function describe(metadata: SnapshotMetadata, entry: SnapshotEntry): Promise<SnapshotInfo> {
  const tarball = tarballFile(metadata, entry);
  const size = await stat(tarball).then((s) => s.size, () => null);
  return {
    id: entry.id,
    collection: metadata.collection,
    timestamp: entry.timestamp,
    message: entry.message,
    automatic: entry.automatic,
    artifact_count: entry.artifactCount,
    tarball_path: tarball,
    size_bytes: size,
  };
}
