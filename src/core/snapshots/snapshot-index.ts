/**
 * A snapshot's index (what its archive holds, see snapshot-index-file.ts), from wherever it is
 * cheapest: this process's memory, the sidecar beside the archive, or — for snapshots older than
 * the index and those the Python tool wrote — the archive itself, read once and then remembered in
 * a new sidecar. Snapshots never change, so an index is valid while its archive keeps its size and mtime.
 */
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ArtifactKey } from '../../shared/snapshot-results.js';
import { SkillmeatError } from '../errors.js';
import { existingJournalKey, type JournalKey } from '../fs/journal-key.js';
import type { HomePaths } from '../home/home-paths.js';
import { hashFileMap } from '../hash/content-hash.js';
import { artifactTypeInfo } from '../../shared/artifact-types.js';
import { readArchiveFiles } from './archive-reader.js';
import { buildSnapshotIndex } from './snapshot-index-builder.js';
import { deleteIndexFile, indexFilePath, readIndexFile, writeIndexFile, type IndexedArtifact, type SnapshotIndex } from './snapshot-index-file.js';
import { listSnapshots, readSnapshotMetadata, tarballFile, type SnapshotEntry, type SnapshotMetadata } from './snapshot-metadata.js';

/** An artifact of a snapshot without its file list: all the timeline needs, small enough to keep for every snapshot. */
export type ArtifactSummary = Omit<IndexedArtifact, 'files' | 'path'>;

/** Full indexes kept in memory (a 20,000-file collection's is a few MB); summaries are kept for every snapshot seen. */
const FULL_INDEXES_KEPT = 32;
const SUMMARIES_KEPT = 50_000;

interface Remembered<T> {
  readonly stamp: string;
  readonly value: T;
}

const fullIndexes = new Map<string, Remembered<SnapshotIndex>>();
const summaries = new Map<string, Remembered<readonly ArtifactSummary[]>>();
const building = new Map<string, Promise<SnapshotIndex>>();

/** The index of a snapshot (built from its archive if need be); `not_found` / `corrupt_file` when its archive is missing or unreadable. */
export async function snapshotIndex(paths: HomePaths, metadata: SnapshotMetadata, entry: SnapshotEntry): Promise<SnapshotIndex> {
  const tarball = tarballFile(metadata, entry);
  const stamp = archiveStamp(tarball);
  const key = cacheKey(tarball, entry.id);
  const known = recall(fullIndexes, key, stamp.text);
  if (known !== undefined) return known;
  let pending = building.get(`${key}\0${stamp.text}`);
  if (pending === undefined) {
    pending = loadIndex(paths, metadata, entry, tarball, stamp.size).finally(() => building.delete(`${key}\0${stamp.text}`));
    building.set(`${key}\0${stamp.text}`, pending);
  }
  const index = await pending;
  remember(fullIndexes, key, stamp.text, index, FULL_INDEXES_KEPT);
  remember(summaries, key, stamp.text, summarize(index), SUMMARIES_KEPT);
  return index;
}

/** A snapshot's artifacts without their files, or undefined when no index can be had (archive missing or corrupt). */
export async function snapshotSummary(paths: HomePaths, metadata: SnapshotMetadata, entry: SnapshotEntry): Promise<readonly ArtifactSummary[] | undefined> {
  const tarball = tarballFile(metadata, entry);
  let stamp: { size: number; text: string };
  try {
    stamp = archiveStamp(tarball);
  } catch {
    return undefined;
  }
  const known = recall(summaries, cacheKey(tarball, entry.id), stamp.text);
  if (known !== undefined) return known;
  try {
    return summarize(await snapshotIndex(paths, metadata, entry));
  } catch (error) {
    if (error instanceof SkillmeatError) return undefined;
    throw error;
  }
}

/**
 * Indexes a snapshot just archived at `stagedArchive` (before it is put in place) and writes its
 * sidecar through `write`, so the sidecar goes in place with the archive. Returns the index.
 */
export async function indexNewSnapshot(
  metadata: SnapshotMetadata,
  entry: SnapshotEntry,
  stagedArchive: string,
  key: JournalKey,
  write: (path: string, index: SnapshotIndex, key: JournalKey) => Promise<void>,
): Promise<SnapshotIndex> {
  const size = (await stat(stagedArchive)).size;
  const index = await buildSnapshotIndex({ archivePath: stagedArchive, root: metadata.collection, snapshotId: entry.id, collection: metadata.collection, tarballSize: size });
  await write(indexFilePath(metadata.folder, entry.id), index, key);
  return index;
}

/** Deletes a snapshot's sidecar (with its archive) and forgets its index. */
export async function forgetSnapshotIndex(metadata: SnapshotMetadata, entry: SnapshotEntry): Promise<void> {
  const key = cacheKey(tarballFile(metadata, entry), entry.id);
  fullIndexes.delete(key);
  summaries.delete(key);
  await deleteIndexFile(indexFilePath(metadata.folder, entry.id));
}

/** Forgets every index held in memory, as a new process starts (tests and benchmarks measure cold reads with it). */
export function forgetAllSnapshotIndexes(): void {
  fullIndexes.clear();
  summaries.clear();
}

/** A snapshot holding an artifact with this content, and that artifact's index entry. */
export interface ArtifactInSnapshot {
  readonly metadata: SnapshotMetadata;
  readonly entry: SnapshotEntry;
  readonly artifact: IndexedArtifact;
}

/**
 * The newest snapshot of `collection` whose archive holds artifact `key` with content hash
 * `contentHash` (versioning spec 2), found from the indexes without unpacking anything; undefined
 * when none does. Snapshots whose archive is missing or corrupt are passed over.
 */
export async function findArtifactInSnapshots(paths: HomePaths, collection: string, key: ArtifactKey, contentHash: string): Promise<ArtifactInSnapshot | undefined> {
  const metadata = await readSnapshotMetadata(paths, collection);
  for (const entry of listSnapshots(metadata)) {
    const summary = await snapshotSummary(paths, metadata, entry);
    if (!summary?.some((a) => a.name === key.name && a.type === key.type && a.content_hash === contentHash)) continue;
    const index = await snapshotIndex(paths, metadata, entry);
    const artifact = index.artifacts.find((a) => a.name === key.name && a.type === key.type && a.content_hash === contentHash);
    if (artifact) return { metadata, entry, artifact };
  }
  return undefined;
}

/**
 * One artifact's files from a snapshot's archive, in memory, keyed as a FileMap is (path inside the
 * artifact; `''` for a file artifact); only that artifact's bytes are kept while the archive streams
 * by. Checked against the index's content hash: an archive that does not match is `corrupt_file`.
 */
export async function readSnapshotArtifactFiles(found: ArtifactInSnapshot): Promise<Map<string, Uint8Array>> {
  const { metadata, entry, artifact } = found;
  const tarball = tarballFile(metadata, entry);
  const listed = new Set(artifact.files.map((f) => f.path));
  let read = await readArchiveFiles(tarball, metadata.collection, (path) => listed.has(path));
  const missing = artifact.files.filter((f) => read.get(f.path)?.bytes === undefined);
  if (missing.length > 0) {
    // The index lists a link at its own path with its target's content: find those bytes by content.
    const wanted = new Set(missing.map((f) => f.sha256));
    const sizes = new Set(missing.map((f) => f.size));
    const byContent = await readArchiveFiles(tarball, metadata.collection, (path, size) => listed.has(path) || sizes.has(size));
    const bySha = new Map([...byContent.values()].filter((f) => f.bytes !== undefined && wanted.has(f.sha256)).map((f) => [f.sha256, f]));
    read = new Map([...byContent, ...missing.flatMap((f) => (bySha.has(f.sha256) ? [[f.path, bySha.get(f.sha256)!] as const] : []))]);
  }
  const kind = artifactTypeInfo(artifact.type).kind;
  const files = new Map<string, Uint8Array>();
  for (const file of artifact.files) {
    const bytes = read.get(file.path)?.bytes;
    if (bytes === undefined) throw archiveMismatch(tarball, artifact);
    files.set(kind === 'file' ? '' : file.path.slice(artifact.path.length + 1), bytes);
  }
  if ((await hashFileMap(files, kind)) !== artifact.content_hash) throw archiveMismatch(tarball, artifact);
  return files;
}

function archiveMismatch(tarball: string, artifact: IndexedArtifact): SkillmeatError {
  return new SkillmeatError('corrupt_file', `The snapshot archive ${tarball} does not hold ${artifact.type} "${artifact.name}" as its index says (content ${artifact.content_hash.slice(0, 12)}). The archive changed or is damaged; run \`skillmeat verify\`.`, { path: tarball });
}

async function loadIndex(paths: HomePaths, metadata: SnapshotMetadata, entry: SnapshotEntry, tarball: string, size: number): Promise<SnapshotIndex> {
  const sidecar = indexFilePath(metadata.folder, entry.id);
  // Only this home's key vouches for a sidecar; reading must never create one (that is a write outside the snapshot folder).
  const key = await existingJournalKey(paths.journalKey).catch(() => undefined);
  const stored = await readIndexFile(sidecar, { snapshotId: entry.id, tarballSize: size }, key);
  if (stored !== undefined) return stored;
  const index = await buildSnapshotIndex({ archivePath: tarball, root: metadata.collection, snapshotId: entry.id, collection: metadata.collection, tarballSize: size });
  if (key !== undefined) await persist(sidecar, tarball, index, key);
  return index;
}

/** Remembers a lazily built index on disk; a home we cannot write to (read-only, full) just builds it again next time. */
async function persist(sidecar: string, tarball: string, index: SnapshotIndex, key: JournalKey): Promise<void> {
  try {
    await writeIndexFile(sidecar, index, key);
    // A writer may have deleted the snapshot meanwhile: leave no sidecar without its archive.
    if ((await stat(tarball).catch(() => undefined)) === undefined) await deleteIndexFile(sidecar);
  } catch {
    // Persisting is an optimisation; the index in hand is correct.
  }
}

/** What identifies an archive's content for the caches. Synchronous: a timeline filter stats 10,000 archives, and a thread-pool round trip each costs more than the stat. */
function archiveStamp(tarball: string): { size: number; text: string } {
  const stats = statSync(tarball, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile()) {
    throw new SkillmeatError('not_found', `The snapshot archive ${tarball} is missing, so its contents cannot be shown.`, { path: tarball });
  }
  return { size: stats.size, text: `${stats.size}:${stats.mtimeMs}` };
}

function summarize(index: SnapshotIndex): readonly ArtifactSummary[] {
  return index.artifacts.map(({ name, type, content_hash, file_count, size_bytes }) => ({ name, type, content_hash, file_count, size_bytes }));
}

function cacheKey(tarball: string, id: string): string {
  return `${tarball}\0${id}`;
}

function recall<T>(cache: Map<string, Remembered<T>>, key: string, stamp: string): T | undefined {
  const known = cache.get(key);
  if (known === undefined || known.stamp !== stamp) return undefined;
  // Least recently used goes first: move this one to the end.
  cache.delete(key);
  cache.set(key, known);
  return known.value;
}

function remember<T>(cache: Map<string, Remembered<T>>, key: string, stamp: string, value: T, limit: number): void {
  cache.delete(key);
  cache.set(key, { stamp, value });
  if (cache.size > limit) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
}
