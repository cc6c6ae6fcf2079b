import { closeSync, fchmodSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createHash } from '../lazy-crypto.js';
import type { Hash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { listArtifactFiles, type ArtifactFile } from './artifact-files.js';
import { pathExists } from './path-exists.js';

const SPECIAL_MODE_BITS = 0o7000;
const ANY_EXECUTE_BIT = 0o111;

/** Takes each copied file's bytes as they stream by, to keep them (the version store's blobs); returns the SHA-256 it stored them under. */
export interface BlobSink {
  /** A whole small file. */
  storeBytes(bytes: Uint8Array): string;
  /** A large file, chunk by chunk: `write` for each, then `finish` with their SHA-256. */
  begin(): { write(chunk: Uint8Array): void; finish(sha256: string): void; abandon(): void };
}

/** One file a copy made. */
export interface CopiedFile {
  /** Path inside the artifact, POSIX; `''` for a file artifact. */
  readonly relPath: string;
  readonly size: number;
  readonly executable: boolean;
  /** Its SHA-256, when a blob sink kept it. */
  readonly blob?: string;
}

/** What `copyArtifact` made: the files in hash order, and the content hash of the copy (spec section 2). */
export interface CopiedArtifact {
  readonly files: readonly CopiedFile[];
  readonly contentHash: string;
}

/**
 * Copies exactly the files `listArtifactFiles(sourceRoot, kind, { onEscapingLink: 'refuse' })`
 * lists to `destRoot`, which must not exist yet, so the copy hashes the same as the source. In-artifact
 * links become regular files; permission bits are kept (scripts stay executable) but not
 * setuid/setgid/sticky. Callers copy into a staging path and rename it into place. On failure the
 * partial copy is removed.
 *
 * One pass per file: its bytes are read once, written to the copy, fed to the content hash, and —
 * with a `blobs` sink — kept as a blob, so a deploy reads each file once instead of four times.
 * Synchronous I/O, yielding to the event loop every few milliseconds: on small files this measured
 * several times faster than a thread-pool round trip per call. Nothing is fsynced here: callers make
 * the copy durable in one batch before their commit point (durability.ts).
 */
export async function copyArtifact(sourceRoot: string, destRoot: string, kind: ArtifactKind, options: { blobs?: BlobSink } = {}): Promise<CopiedArtifact> {
  const listed = await listArtifactFiles(sourceRoot, kind, { onEscapingLink: 'refuse' });
  if (listed === undefined) {
    throw new SkillmeatError('not_found', `Nothing to copy: ${sourceRoot} does not exist.`, { path: sourceRoot });
  }
  if (await pathExists(destRoot)) throw alreadyExists(destRoot);
  try {
    mkdirSync(dirname(destRoot), { recursive: true });
  } catch (error) {
    throw ioError('create the folder', dirname(destRoot), error);
  }
  if (kind === 'folder') {
    try {
      mkdirSync(destRoot);
    } catch (error) {
      throw isErrnoCode(error, 'EEXIST') ? alreadyExists(destRoot) : ioError('create the folder', destRoot, error);
    }
  }
  const content = createHash('sha256');
  const files: CopiedFile[] = [];
  const made = new Set<string>([destRoot]);
  const umask = process.umask();
  let current = sourceRoot;
  let sliceStart = performance.now();
  try {
    for (const file of listed) {
      const target = kind === 'file' ? destRoot : join(destRoot, ...file.relPath.split('/'));
      current = file.absPath;
      const parent = dirname(target);
      if (kind === 'folder' && !made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      if (kind === 'folder') content.update(file.relPath);
      files.push(copyFile(file, target, content, umask, options.blobs));
      if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    // A file artifact's target that appeared meanwhile is someone else's: leave it alone.
    if (kind === 'file' && isErrnoCode(error, 'EEXIST')) throw alreadyExists(destRoot);
    rmSync(destRoot, { recursive: true, force: true });
    if (error instanceof SkillmeatError) throw error;
    throw ioError('copy', `${current} into ${destRoot}`, error);
  }
  return { files, contentHash: content.digest('hex') };
}

// Copying runs in the process that serves the UI: give the event loop a turn every few milliseconds.
const SLICE_MS = 8;
const CHUNK = 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);

/** Copies one listed file to `target` (which must not exist: 'wx'), feeding `content` and `blobs`. */
function copyFile(file: ArtifactFile, target: string, content: Hash, umask: number, blobs: BlobSink | undefined): CopiedFile {
  const mode = file.mode & 0o777 & ~SPECIAL_MODE_BITS;
  const input = openSync(file.absPath, 'r');
  let output: number | undefined;
  try {
    output = openSync(target, 'wx', mode);
    // open() applies the umask; a copy keeps the source's bits exactly, as cp -p does.
    if ((mode & ~umask) !== mode) fchmodSync(output, mode);
    // Small files (nearly all) in one buffer: read, write and keep whole.
    if (file.size <= CHUNK) {
      const bytes = readWhole(input, file);
      writeAll(output, bytes);
      content.update(bytes);
      const blob = blobs?.storeBytes(bytes);
      return { relPath: file.relPath, size: bytes.byteLength, executable: (mode & ANY_EXECUTE_BIT) !== 0, ...(blob !== undefined ? { blob } : {}) };
    }
    const sha = createHash('sha256');
    const blob = blobs?.begin();
    let size = 0;
    try {
      for (;;) {
        const count = readSync(input, buffer, 0, CHUNK, null);
        if (count === 0) break;
        const chunk = buffer.subarray(0, count);
        writeAll(output, chunk);
        content.update(chunk);
        sha.update(chunk);
        blob?.write(chunk);
        size += count;
      }
      const digest = sha.digest('hex');
      blob?.finish(digest);
      return { relPath: file.relPath, size, executable: (mode & ANY_EXECUTE_BIT) !== 0, ...(blob !== undefined ? { blob: digest } : {}) };
    } catch (error) {
      blob?.abandon();
      throw error;
    }
  } finally {
    closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}

/** All of a small file's bytes (it may have changed size since it was listed: what is there now). */
function readWhole(fd: number, file: ArtifactFile): Uint8Array {
  const bytes = Buffer.allocUnsafe(Math.max(file.size, 1));
  let filled = 0;
  for (;;) {
    if (filled === bytes.length) {
      // Grown since the listing: read the rest the slow way.
      const more = readSync(fd, buffer, 0, CHUNK, null);
      if (more === 0) return bytes.subarray(0, filled);
      throw new SkillmeatError('io_error', `${file.absPath} grew while it was being copied (something else is writing to it). Try again when it is done.`, { path: file.absPath });
    }
    const count = readSync(fd, bytes, filled, bytes.length - filled, null);
    if (count === 0) return bytes.subarray(0, filled);
    filled += count;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.byteLength; ) written += writeSync(fd, bytes, written);
}

function alreadyExists(path: string): SkillmeatError {
  return new SkillmeatError('already_exists', `Cannot copy into ${path}: something is already there. Copy into a new path.`, { path });
}
