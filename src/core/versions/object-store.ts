/**
 * File blobs under `objects/blobs/<sha[0:2]>/<sha[2:]>`, named by the SHA-256 of their bytes, so
 * the same bytes are stored once whichever artifact, version or project they come from.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { hashBytes } from '../hash/content-hash.js';

/** The folder holding every blob. */
export function blobsDir(objectsDir: string): string {
  return join(objectsDir, 'blobs');
}

/** Where the blob with this SHA-256 lives. */
export function blobPath(objectsDir: string, sha: string): string {
  return join(blobsDir(objectsDir), sha.slice(0, 2), sha.slice(2));
}

/**
 * Stores `bytes` (atomically) and returns their SHA-256. A blob already there with the right size
 * is kept as is: writing the same bytes again is a no-op, and two writers race harmlessly.
 */
export async function writeBlob(objectsDir: string, bytes: Uint8Array): Promise<string> {
  const sha = hashBytes(bytes);
  const path = blobPath(objectsDir, sha);
  if ((await sizeOf(path)) === bytes.length) return sha;
  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
    throw ioError('create the folder', dirname(path), error);
  });
  await writeFileAtomic(path, bytes);
  return sha;
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
    if (isErrnoCode(error, 'ENOENT')) throw blobError(path, sha, use, 'is missing');
    throw ioError('read', path, error);
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
