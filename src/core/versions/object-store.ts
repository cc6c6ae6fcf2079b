/**
 * File blobs named by the SHA-256 of their bytes, so the same bytes are stored once whichever
 * artifact, version or project they come from: loose under `objects/blobs/<sha[0:2]>/<sha[2:]>`,
 * or packed many to a file (pack-store.ts) when a copy keeps thousands at once.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash, randomBytes } from '../lazy-crypto.js';
import { dirname, join } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { tempPathBeside } from '../fs/atomic-write.js';
import type { BlobSink } from '../fs/copy-artifact.js';
import { PackIndex, PackWriter, readPacked } from './pack-store.js';
import { flushFileSystems } from '../fs/durability.js';
import { hashBytes } from '../hash/content-hash.js';
import { IN_MEMORY_LIMIT, isStored, streamFile, type FileContent, type LargeFileKeeper, type StoredFile } from '../merge/file-map.js';

/** The folder holding every blob. */
export function blobsDir(objectsDir: string): string {
  return join(objectsDir, 'blobs');
}

/** Where the blob with this SHA-256 lives. */
export function blobPath(objectsDir: string, sha: string): string {
  return join(blobsDir(objectsDir), sha.slice(0, 2), sha.slice(2));
}

/**
 * Stores `bytes` as a loose blob and returns their SHA-256. A blob already there (loose with the
 * right size, or packed) is kept as is: writing the same bytes again is a no-op, and two writers
 * race harmlessly. The blob appears whole (temp file, rename) but is not fsynced: whoever names it
 * in a version makes the batch durable first (durability.ts).
 */
export async function writeBlob(objectsDir: string, bytes: Uint8Array): Promise<string> {
  const sha = hashBytes(bytes);
  const path = blobPath(objectsDir, sha);
  if (sizeOfSync(path) === bytes.byteLength || PackIndex.of(objectsDir).find(sha, false) !== undefined) return sha;
  ensureFolder(dirname(path), new Set());
  const temp = tempPathBeside(path);
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o644 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw ioError('store a blob in', dirname(path), error);
  }
  dirty.add(objectsDir);
  return sha;
}

/** A BlobSink that must be finished (its pack put in place) before any version names what it kept. */
export interface StoreBlobSink extends BlobSink {
  finish(): void;
  abandon(): void;
}

/**
 * A BlobSink writing into this store, for copies that keep what they copy: small files into one
 * new pack (one file for thousands of blobs), large ones as loose blobs, chunk by chunk under a
 * temporary name renamed into place once their SHA-256 is known. Synchronous, like the copy it
 * serves; nothing is fsynced (see writeBlob).
 */
export function blobSink(objectsDir: string): StoreBlobSink {
  const shards = new Set<string>();
  const pack = new PackWriter(objectsDir, PackIndex.of(objectsDir));
  return {
    storeBytes(bytes) {
      const sha = hashBytes(bytes);
      if (pack.add(sha, bytes)) dirty.add(objectsDir);
      return sha;
    },
    begin: () => beginLooseBlob(objectsDir, shards),
    finish: () => pack.finish(),
    abandon: () => pack.abandon(),
  };
}

/**
 * Starts a loose blob written chunk by chunk under a temporary name, renamed into place by
 * `finish` once its SHA-256 is known (kept as is when the store already holds it), so a blob never
 * appears torn. `shards` remembers the folders already made.
 */
function beginLooseBlob(objectsDir: string, shards: Set<string>): LooseBlob {
  ensureFolder(blobsDir(objectsDir), shards);
  const temp = join(blobsDir(objectsDir), `.incoming-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o644);
  let size = 0;
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(chunk) {
      for (let written = 0; written < chunk.byteLength; ) written += writeSync(fd, chunk, written);
      size += chunk.byteLength;
    },
    finish(sha) {
      close();
      const path = blobPath(objectsDir, sha);
      if (sizeOfSync(path) === size) {
        rmSync(temp, { force: true });
        return;
      }
      ensureFolder(dirname(path), shards);
      renameSync(temp, path);
      dirty.add(objectsDir);
    },
    abandon() {
      close();
      rmSync(temp, { force: true });
    },
  };
}

type LooseBlob = ReturnType<BlobSink['begin']>;

// Stores this process wrote blobs into since they were last made durable.
const dirty = new Set<string>();

/**
 * Makes the blobs this process wrote into the store durable, in one batch (durability.ts), before a
 * version file names them; nothing to do when it wrote none since the last time.
 */
export async function flushBlobs(objectsDir: string): Promise<void> {
  if (!dirty.has(objectsDir)) return;
  dirty.delete(objectsDir);
  await flushFileSystems([objectsDir]);
}

function ensureFolder(folder: string, known: Set<string>): void {
  if (known.has(folder)) return;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw ioError('create the folder', folder, error);
  }
  known.add(folder);
}

function sizeOfSync(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('check', path, error);
  }
}

/**
 * Stores `content` and returns its SHA-256: bytes are written as `writeBlob` does; a stored file
 * already in this store is kept as it is, any other is copied in, streamed (and must still hold
 * the bytes it was read with).
 */
export async function storeContent(objectsDir: string, content: FileContent): Promise<string> {
  if (!isStored(content)) return writeBlob(objectsDir, content);
  if (content.path === blobPath(objectsDir, content.sha256) && (await sizeOf(content.path)) === content.size) return content.sha256;
  const kept = await keepAsBlob(objectsDir, content.path, () => undefined);
  if (kept.sha256 !== content.sha256) {
    throw new SkillmeatError('io_error', `${content.path} changed while SkillMeat was using it (something else is writing to it). Try again when it is done.`, { path: content.path });
  }
  return kept.sha256;
}

/** A LargeFileKeeper that copies large files into the blob store as they are read. */
export function blobKeeper(objectsDir: string): LargeFileKeeper {
  return { keep: (path, feed) => keepAsBlob(objectsDir, path, feed) };
}

/**
 * Copies the file at `source` into the blob store, streamed (memory stays at one chunk whatever its
 * size), passing each chunk to `feed` too; returns the stored blob. The copy is made under a
 * temporary name and renamed into place once its SHA-256 is known, so a blob never appears torn.
 */
export async function keepAsBlob(objectsDir: string, source: string, feed: (chunk: Uint8Array) => void): Promise<StoredFile> {
  const hash = createHash('sha256');
  const blob = beginLooseBlob(objectsDir, new Set());
  try {
    const size = await streamFile(source, (chunk) => {
      hash.update(chunk);
      feed(chunk);
      blob.write(chunk);
    });
    const sha = hash.digest('hex');
    blob.finish(sha);
    return { path: blobPath(objectsDir, sha), size, sha256: sha };
  } catch (error) {
    blob.abandon();
    if (error instanceof SkillmeatError || isErrnoCode(error, 'ENOENT')) throw error;
    throw ioError('store a copy of', source, error);
  }
}

/**
 * The content of blob `sha`, checked against its name: its bytes when small, a `StoredFile` when
 * larger than IN_MEMORY_LIMIT (checked by streaming it, never read whole); every byte also goes to
 * `feed`. A missing or damaged blob is a `corrupt_file` error.
 */
export async function readStoredContent(objectsDir: string, sha: string, use: BlobUse, feed: (chunk: Uint8Array) => void = () => undefined): Promise<FileContent> {
  const path = blobPath(objectsDir, sha);
  const size = (await sizeOf(path)) ?? PackIndex.of(objectsDir).find(sha, true)?.size;
  if (size === undefined) throw blobError(path, sha, use, 'is missing');
  if (size <= IN_MEMORY_LIMIT) {
    const bytes = await readBlob(objectsDir, sha, use);
    feed(bytes);
    return bytes;
  }
  const hash = createHash('sha256');
  const streamed = await streamFile(path, (chunk) => {
    hash.update(chunk);
    feed(chunk);
  }).catch((error: unknown) => {
    throw ioError('read', path, error);
  });
  if (hash.digest('hex') !== sha) throw blobError(path, sha, use, 'is damaged (its bytes no longer match its SHA-256)');
  return { path, size: streamed, sha256: sha };
}

/** Where a blob was needed, for the error that names it. */
export interface BlobUse {
  readonly version: string;
  readonly relPath: string;
}

/** The bytes of blob `sha`, checked against their name: a missing or damaged blob is a `corrupt_file` error. */
export async function readBlob(objectsDir: string, sha: string, use: BlobUse): Promise<Uint8Array> {
  const path = blobPath(objectsDir, sha);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT')) throw ioError('read', path, error);
    const packed = PackIndex.of(objectsDir).find(sha, true);
    if (packed === undefined) throw blobError(path, sha, use, 'is missing');
    bytes = readPacked(packed);
    if (hashBytes(bytes) !== sha) throw blobError(packed.pack, sha, use, 'is damaged (its bytes in this pack no longer match its SHA-256)');
    return bytes;
  }
  if (hashBytes(bytes) !== sha) throw blobError(path, sha, use, 'is damaged (its bytes no longer match its SHA-256)');
  return bytes;
}

function blobError(path: string, sha: string, use: BlobUse, problem: string): SkillmeatError {
  const file = use.relPath === '' ? 'the file' : `the file ${use.relPath}`;
  return new SkillmeatError(
    'corrupt_file',
    `The stored content of ${file} of version ${use.version} ${problem}: ${path}. That version cannot be restored; restore the objects folder from a backup.`,
    { path, sha, version: use.version, relPath: use.relPath },
  );
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('check', path, error);
  }
}
