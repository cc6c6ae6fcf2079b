import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from '../lazy-crypto.js';
import type { Hash } from 'node:crypto';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { listArtifactFiles, type EscapingLinkPolicy } from '../fs/artifact-files.js';

/**
 * Files up to this size are held in memory and, when text, line-merged; larger ones are never
 * read whole: they are kept as an immutable copy on disk (`StoredFile`) and merged at file level,
 * like binary files. 8 MiB holds any hand-written text file many times over, and bounds a merge's
 * memory to a few times that.
 */
export const IN_MEMORY_LIMIT = 8 * 1024 * 1024;

/** A file too large to hold in memory: an immutable copy on disk (a blob of the version store, or the user's own file for the CLI's merges). */
export interface StoredFile {
  readonly path: string;
  readonly size: number;
  /** SHA-256 of its bytes, lowercase hex. */
  readonly sha256: string;
}

/** One file of an artifact: its bytes in memory, or a stored copy (large files). */
export type FileContent = Uint8Array | StoredFile;

/** The content of an artifact: POSIX path inside it → content, in hash order. A file artifact has one key, `''`. */
export type FileMap = ReadonlyMap<string, FileContent>;

/** True for a file kept on disk rather than in memory. */
export function isStored(content: FileContent): content is StoredFile {
  return !(content instanceof Uint8Array);
}

/** Size in bytes of a file's content. */
export function contentSize(content: FileContent): number {
  return isStored(content) ? content.size : content.byteLength;
}

/** True when both are absent, or both hold the same bytes (stored files compare by size and SHA-256). */
export function sameContent(a: FileContent | undefined, b: FileContent | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (contentSize(a) !== contentSize(b)) return false;
  if (!isStored(a) && !isStored(b)) return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
  return sha256Of(a) === sha256Of(b);
}

function sha256Of(content: FileContent): string {
  return isStored(content) ? content.sha256 : createHash('sha256').update(content).digest('hex');
}

/**
 * Where large files read from an artifact go: `keep` copies (or refers to) the file at `path`
 * as an immutable `StoredFile`, passing every chunk it reads to `feed` (so the caller hashes in
 * the same pass). The version store keeps them as blobs; `referenceInPlace` keeps them where they are.
 */
export interface LargeFileKeeper {
  keep(path: string, feed: (chunk: Uint8Array) => void): Promise<StoredFile>;
}

/**
 * Refers to a large file where it is, hashing it as it streams by: for files the caller owns
 * and nothing else changes meanwhile (the CLI's merge of the user's own folders).
 */
export const referenceInPlace: LargeFileKeeper = {
  async keep(path, feed) {
    const hash = createHash('sha256');
    const size = await streamFile(path, (chunk) => {
      hash.update(chunk);
      feed(chunk);
    });
    return { path, size, sha256: hash.digest('hex') };
  },
};

/** An artifact as read: its files, its content hash (spec section 2) computed in the same pass, and which files are executable (a restore gives that back). */
export interface ReadArtifact {
  readonly files: FileMap;
  readonly contentHash: string;
  readonly executable: readonly string[];
}

const ANY_EXECUTE_BIT = 0o111;

/**
 * Reads an artifact, with the one ignore set applied (through listArtifactFiles, so a merge sees
 * exactly the files a hash covers); undefined when nothing is at `root`. Small files come into
 * memory; larger ones go to `keeper`, streamed: no file is ever read whole beyond IN_MEMORY_LIMIT,
 * so memory stays bounded and files of any size (past 2 GiB) work.
 */
export async function readArtifact(root: string, kind: ArtifactKind, onEscapingLink: EscapingLinkPolicy, keeper: LargeFileKeeper = referenceInPlace): Promise<ReadArtifact | undefined> {
  const listed = await listArtifactFiles(root, kind, { onEscapingLink });
  if (listed === undefined) return undefined;
  const files = new Map<string, FileContent>();
  const executable: string[] = [];
  const hash = createHash('sha256');
  for (const file of listed) {
    if (kind === 'folder') hash.update(file.relPath);
    files.set(file.relPath, await readListedFile(file.absPath, file.size, keeper, hash));
    if ((file.mode & ANY_EXECUTE_BIT) !== 0) executable.push(file.relPath);
  }
  return { files, contentHash: hash.digest('hex'), executable };
}

/** `readArtifact`'s files alone. */
export async function readFileMap(root: string, kind: ArtifactKind, onEscapingLink: EscapingLinkPolicy, keeper: LargeFileKeeper = referenceInPlace): Promise<FileMap | undefined> {
  return (await readArtifact(root, kind, onEscapingLink, keeper))?.files;
}

/**
 * Reads a file a listing just named (`listedSize` bytes then), feeding its bytes to `hash` when
 * given: into memory when small, through `keeper` when large. One that vanished since is an error, never an
 * absent file: leaving it out would read as a deletion (a merge would delete it for real).
 */
export async function readListedFile(path: string, listedSize: number, keeper: LargeFileKeeper, hash?: Hash): Promise<FileContent> {
  try {
    if (listedSize > IN_MEMORY_LIMIT) return await keeper.keep(path, (chunk) => hash?.update(chunk));
    const bytes = readSmallFile(path);
    hash?.update(bytes);
    return bytes;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) {
      throw new SkillmeatError('io_error', `${path} disappeared while it was being read (something else is changing the folder). Try again when it is done.`, { path });
    }
    throw error instanceof SkillmeatError ? error : ioError('read', path, error);
  }
}

/** The bytes of a file that is expected to be small; one that grew past the limit since it was listed is refused, not read. */
function readSmallFile(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > IN_MEMORY_LIMIT) throw new SkillmeatError('io_error', `${path} grew while it was being read (something else is changing the folder). Try again when it is done.`, { path });
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const count = readSync(fd, bytes, filled, size - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, filled);
  } finally {
    closeSync(fd);
  }
}

const CHUNK = 1024 * 1024;
// Shared by every stream: each chunk is handed to its consumer, which uses it synchronously,
// before anything else can run.
const SHARED_BUFFER = Buffer.allocUnsafe(CHUNK);

/**
 * Reads the file at `path` in chunks of 1 MiB, handing each to `onChunk` (valid only during the
 * call: copy what must outlive it), and returns its size. Synchronous reads, one chunk per turn of
 * the event loop: a 2 GiB file never holds the loop for more than one chunk.
 */
export async function streamFile(path: string, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  const fd = openSync(path, 'r');
  let total = 0;
  try {
    for (;;) {
      const count = readSync(fd, SHARED_BUFFER, 0, CHUNK, null);
      if (count === 0) break;
      onChunk(SHARED_BUFFER.subarray(0, count));
      total += count;
      if (count === CHUNK) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
  return total;
}
