import { createHash } from '../lazy-crypto.js';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactTypeInfo } from '../../shared/artifact-types.js';
import { ioError } from '../errors.js';
import { collectionCopyPath, type OpenCollection } from '../collection/collections.js';
import { listArtifactFiles } from '../fs/artifact-files.js';
import { isIgnoredName } from '../fs/ignore.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import { comparePaths } from '../hash/path-order.js';
import { streamFile } from '../merge/file-map.js';
import type { IndexedArtifact, IndexedFile, SnapshotIndex } from './snapshot-index-file.js';

/** What a collection holds, artifact by artifact and file by file: a snapshot index without the snapshot. */
export type IndexContent = Pick<SnapshotIndex, 'artifacts' | 'other_files'>;

/**
 * SHA-256 of the empty input: the content hash of a folder artifact with no files (spec 2). Written
 * out, not computed when the module loads: that would load node:crypto (and Node's streams with it)
 * for every command, `list` included (lazy-crypto.ts).
 */
export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Indexes the collection as it is now, in the snapshot index's terms, for a diff against `compared`
 * (a snapshot's index). Content hashes come through `cache` (the one `list` uses, so an unchanged
 * artifact costs a stat per file); only artifacts whose hash differs from `compared`'s are read
 * file by file — an equal hash means equal files, taken from `compared`. Reads only; the caller
 * makes the read consistent (readCollectionConsistently).
 */
export async function indexCollectionNow(collection: OpenCollection, cache: HashCache | undefined, compared: IndexContent): Promise<IndexContent> {
  const known = new Map(compared.artifacts.map((a) => [`${a.type}:${a.name}`, a]));
  const artifacts: IndexedArtifact[] = [];
  for (const entry of collection.manifest.artifacts) {
    const root = collectionCopyPath(collection, entry);
    const kind = artifactTypeInfo(entry.type).kind;
    const hash = await hashArtifact(root, kind, cache ? { cache } : {});
    // As in a snapshot's index: a missing folder is an empty one; a missing file artifact has no content.
    if (hash === undefined && kind === 'file') continue;
    const contentHash = hash ?? EMPTY_HASH;
    const same = known.get(`${entry.type}:${entry.name}`);
    if (same !== undefined && same.content_hash === contentHash && same.path === entry.path) {
      artifacts.push(same);
      continue;
    }
    const files = await indexFiles(root, kind, entry.path);
    artifacts.push({ name: entry.name, type: entry.type, path: entry.path, content_hash: contentHash, file_count: files.length, size_bytes: files.reduce((sum, f) => sum + f.size, 0), files });
  }
  return { artifacts, other_files: await indexOtherFiles(collection, new Set(collection.manifest.artifacts.map((a) => a.path))) };
}

/** An artifact's files (ignore set applied, links inside it standing for their targets), each hashed. */
async function indexFiles(root: string, kind: 'file' | 'folder', layout: string): Promise<IndexedFile[]> {
  const listed = (await listArtifactFiles(root, kind, { onEscapingLink: 'skip' })) ?? [];
  const files: IndexedFile[] = [];
  for (const file of listed) files.push({ path: kind === 'file' ? layout : `${layout}/${file.relPath}`, size: file.size, sha256: await sha256Of(file.absPath) });
  return files;
}

/** Every regular file of the collection folder outside its artifacts (the manifest, the lock, strays); links are not followed. */
async function indexOtherFiles(collection: OpenCollection, artifactPaths: ReadonlySet<string>): Promise<IndexedFile[]> {
  const files: IndexedFile[] = [];
  const visit = async (folder: string, prefix: string): Promise<void> => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      throw ioError('list', folder, error);
    }
    for (const name of names) {
      const path = `${prefix}${name}`;
      if (artifactPaths.has(path)) continue;
      const absolute = join(folder, name);
      const stats = lstatSync(absolute);
      if (isIgnoredName(name, stats.isDirectory())) continue;
      if (stats.isDirectory()) await visit(absolute, `${path}/`);
      else if (stats.isFile()) files.push({ path, size: stats.size, sha256: await sha256Of(absolute) });
    }
  };
  await visit(collection.root, '');
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    await streamFile(path, (chunk) => hash.update(chunk));
  } catch (error) {
    throw ioError('read', path, error);
  }
  return hash.digest('hex');
}
