/**
 * What differs between two snapshots, or a snapshot and the collection now (`snapshots diff`, the
 * timeline's Compare), from their indexes: no archive is unpacked. A file's two texts are read on
 * request, that file alone streaming out of its archive.
 */
import { lstat, readFile } from 'node:fs/promises';
import { ARTIFACT_TYPES } from '../../shared/artifact-types.js';
import type { ArtifactKey, SnapshotChanges, SnapshotDiff, SnapshotDiffFile, SnapshotFileDiff } from '../../shared/snapshot-results.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { openCollection } from '../collection/collections.js';
import { readCollectionConsistently } from '../collection/collection-lock.js';
import { containedPath } from '../fs/contained-path.js';
import { normalizeCollectionPath } from '../fs/collection-relative-path.js';
import type { HashCache } from '../hash/hash-cache.js';
import { comparePaths } from '../hash/path-order.js';
import type { HomePaths } from '../home/home-paths.js';
import { IN_MEMORY_LIMIT, referenceInPlace, type FileContent } from '../merge/file-map.js';
import { changedFiles } from '../sync/artifact-changes.js';
import { readArchiveFiles } from './archive-reader.js';
import { indexCollectionNow, type IndexContent } from './collection-index.js';
import type { IndexedFile } from './snapshot-index-file.js';
import { snapshotIndex, type ArtifactSummary } from './snapshot-index.js';
import { entryOrError } from './snapshot-manager.js';
import { readSnapshotMetadata, tarballFile, type SnapshotMetadata } from './snapshot-metadata.js';

/** The two sides of a diff: two snapshot ids, or a snapshot and (to undefined) the collection now. */
export interface DiffRequest {
  readonly collection: string;
  readonly from: string;
  readonly to?: string;
}

/** Artifacts and files added / removed / modified from snapshot `from` to `to` (default: the collection now). */
export async function snapshotDiff(paths: HomePaths, request: DiffRequest, cache?: HashCache): Promise<SnapshotDiff> {
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const before = await snapshotIndex(paths, metadata, entryOrError(metadata, request.from));
  const after =
    request.to === undefined
      ? await readCollectionConsistently(paths, request.collection, async () => indexCollectionNow(await openCollection(paths, request.collection), cache, before))
      : await snapshotIndex(paths, metadata, entryOrError(metadata, request.to));
  return { collection: metadata.collection, from: request.from, to: request.to ?? null, ...diffIndexes(before, after) };
}

/** The artifact and file differences between two indexes, artifacts in registry-type then name order, files in hash order. */
export function diffIndexes(before: IndexContent, after: IndexContent): Pick<SnapshotDiff, 'artifacts' | 'other_files'> {
  const keyOf = (a: ArtifactKey) => `${a.type}:${a.name}`;
  const afterByKey = new Map(after.artifacts.map((a) => [keyOf(a), a]));
  const beforeByKey = new Map(before.artifacts.map((a) => [keyOf(a), a]));
  const artifacts: SnapshotDiff['artifacts'] = [];
  for (const key of [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])]) {
    const a = beforeByKey.get(key);
    const b = afterByKey.get(key);
    if (a !== undefined && b !== undefined && a.content_hash === b.content_hash) continue;
    const { name, type } = (a ?? b)!;
    artifacts.push({
      name,
      type,
      change: a === undefined ? 'added' : b === undefined ? 'removed' : 'modified',
      before_hash: a?.content_hash ?? null,
      after_hash: b?.content_hash ?? null,
      files: diffFiles(a?.files ?? [], b?.files ?? []),
    });
  }
  return { artifacts: artifacts.sort(compareArtifacts), other_files: diffFiles(before.other_files, after.other_files) };
}

/** Artifact-level changes between two snapshots' summaries (the timeline's "+ added, ~ modified, − removed"). */
export function changesBetween(before: readonly ArtifactSummary[], after: readonly ArtifactSummary[]): SnapshotChanges {
  const keyOf = (a: ArtifactKey) => `${a.type}:${a.name}`;
  const beforeHashes = new Map(before.map((a) => [keyOf(a), a.content_hash]));
  const afterKeys = new Set(after.map(keyOf));
  const changes: SnapshotChanges = { added: [], modified: [], removed: [] };
  for (const artifact of after) {
    const hash = beforeHashes.get(keyOf(artifact));
    if (hash === undefined) changes.added.push({ name: artifact.name, type: artifact.type });
    else if (hash !== artifact.content_hash) changes.modified.push({ name: artifact.name, type: artifact.type });
  }
  for (const artifact of before) if (!afterKeys.has(keyOf(artifact))) changes.removed.push({ name: artifact.name, type: artifact.type });
  for (const list of [changes.added, changes.modified, changes.removed]) list.sort(compareArtifacts);
  return changes;
}

/**
 * The two texts of one file (`path` relative to the collection folder) from snapshot `from` to `to`
 * (default: the collection now), as Show changes gives them: null where the side has no such file,
 * is binary, or is over 8 MiB (`omitted`). Only that file is read from each archive.
 */
export async function snapshotFileDiff(paths: HomePaths, request: DiffRequest & { readonly path: string }): Promise<SnapshotFileDiff> {
  const path = normalizeCollectionPath(request.path, 'Nothing was compared.');
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const before = await archivedFile(metadata, request.from, path);
  const after = request.to === undefined ? await currentFile(paths, request.collection, path) : await archivedFile(metadata, request.to, path);
  const [changed] = changedFiles(sideMap(path, before), sideMap(path, after));
  const label = `${request.from} → ${request.to ?? 'now'}`;
  if (changed === undefined) {
    const why = before === undefined ? 'is in neither side' : 'is the same on both sides';
    throw new SkillmeatError('not_found', `${path} ${why} of ${label}, so there is no difference to show. See \`skillmeat snapshots diff\`.`, { path });
  }
  return { ...changed, from: request.from, to: request.to ?? null };
}

function sideMap(path: string, content: FileContent | undefined): Map<string, FileContent> {
  return content === undefined ? new Map() : new Map([[path, content]]);
}

/** One file of a snapshot's archive: its bytes, or (over the in-memory limit) its size and hash only. */
async function archivedFile(metadata: SnapshotMetadata, id: string, path: string): Promise<FileContent | undefined> {
  const tarball = tarballFile(metadata, entryOrError(metadata, id));
  const files = await readArchiveFiles(tarball, metadata.collection, (member, size) => member === path && size <= IN_MEMORY_LIMIT);
  const file = files.get(path);
  if (file === undefined) return undefined;
  // Too large to show: compared by size and hash; `path` names where it is kept (never read here).
  return file.bytes ?? { path: tarball, size: file.size, sha256: file.sha256 };
}

/** One file of the collection now, read consistently; never through a link. */
async function currentFile(paths: HomePaths, collectionName: string, path: string): Promise<FileContent | undefined> {
  return readCollectionConsistently(paths, collectionName, async () => {
    const collection = await openCollection(paths, collectionName);
    const absolute = containedPath(collection.root, path, collection.root);
    const stats = await lstat(absolute).catch((error: unknown) => {
      if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return undefined;
      throw ioError('read', absolute, error);
    });
    if (stats === undefined || !stats.isFile()) return undefined;
    if (stats.size > IN_MEMORY_LIMIT) return referenceInPlace.keep(absolute, () => undefined);
    return new Uint8Array(await readFile(absolute).catch((error: unknown) => Promise.reject(ioError('read', absolute, error))));
  });
}

function diffFiles(before: readonly IndexedFile[], after: readonly IndexedFile[]): SnapshotDiffFile[] {
  const afterByPath = new Map(after.map((f) => [f.path, f]));
  const beforeByPath = new Map(before.map((f) => [f.path, f]));
  const files: SnapshotDiffFile[] = [];
  for (const file of before) {
    const other = afterByPath.get(file.path);
    if (other === undefined) files.push({ path: file.path, change: 'removed', before_size: file.size, after_size: null });
    else if (other.sha256 !== file.sha256) files.push({ path: file.path, change: 'modified', before_size: file.size, after_size: other.size });
  }
  for (const file of after) if (!beforeByPath.has(file.path)) files.push({ path: file.path, change: 'added', before_size: null, after_size: file.size });
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

function compareArtifacts(a: ArtifactKey, b: ArtifactKey): number {
  return ARTIFACT_TYPES.indexOf(a.type) - ARTIFACT_TYPES.indexOf(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
