import { readdir } from 'node:fs/promises';
import { createHash } from '../lazy-crypto.js';
import { join } from 'node:path';
import { artifactTypeInfo } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { streamFile } from '../merge/file-map.js';
import { comparePaths } from '../hash/path-order.js';
import { blobPath, blobsDir } from './object-store.js';
import { PackIndex, packsDir, readPacked } from './pack-store.js';
import { listVersionsDir, readVersionFile, versionFilePath } from './version-files.js';
import type { VersionRecord } from './version-record.js';

/** What can be wrong in `objects/`. */
export type ObjectProblemKind = 'missing_blob' | 'corrupt_blob' | 'corrupt_pack' | 'unreadable_version' | 'content_mismatch' | 'missing_parent';

/** One thing wrong in `objects/`, naming the file to look at. */
export interface ObjectProblem {
  readonly kind: ObjectProblemKind;
  readonly path: string;
  /** The version concerned (for a blob: the first version found using it), when there is one. */
  readonly version?: string;
  readonly message: string;
}

type BlobState = 'ok' | 'missing' | 'corrupt';

/**
 * Checks everything in `objects/`: every version file parses, names parents that exist, and its
 * blobs exist and add up to its content hash; every blob's bytes match its name (unreferenced ones
 * too). Reads everything, so it is for an explicit `verify`, not for every start.
 */
export async function verifyObjects(objectsDir: string): Promise<ObjectProblem[]> {
  fresh.delete(objectsDir);
  const problems: ObjectProblem[] = [];
  const blobs = new Map<string, BlobState>();
  const { ids } = await listVersionsDir(objectsDir);
  const known = new Set(ids);
  for (const id of [...ids].sort()) {
    const record = await readOrReport(objectsDir, id, problems);
    if (record === undefined) continue;
    for (const parent of record.parents) {
      if (!known.has(parent)) problems.push({ kind: 'missing_parent', path: versionFilePath(objectsDir, id), version: id, message: `Version ${id} names the parent ${parent}, which is not stored.` });
    }
    // The content hash is fed as each blob streams by: nothing is held in memory, whatever the size.
    const content = createHash('sha256');
    const folder = artifactTypeInfo(record.artifact.type).kind === 'folder';
    let complete = true;
    for (const [relPath, sha] of Object.entries(record.files).sort(([a], [b]) => comparePaths(a, b))) {
      if (folder) content.update(relPath);
      const state = await checkBlob(objectsDir, sha, (chunk) => content.update(chunk));
      if (!blobs.has(sha) && state !== 'ok') problems.push(blobProblem(objectsDir, sha, state, id, relPath));
      blobs.set(sha, state);
      if (state !== 'ok') complete = false;
    }
    if (complete && content.digest('hex') !== record.content_hash) {
      problems.push({ kind: 'content_mismatch', path: versionFilePath(objectsDir, id), version: id, message: `The files of version ${id} do not add up to its content hash ${record.content_hash}.` });
    }
  }
  const packs = packIndex(objectsDir);
  const packed = [...packs.entries()].map(([sha]) => sha);
  for (const [file, problem] of packs.unreadable) {
    problems.push({ kind: 'corrupt_pack', path: join(packsDir(objectsDir), file), message: `The pack index ${file} cannot be trusted (${problem}); blobs only it lists are missing.` });
  }
  for (const sha of new Set([...(await storedBlobs(objectsDir)), ...packed])) {
    if (blobs.has(sha)) continue;
    if ((await checkBlob(objectsDir, sha, () => undefined)) === 'corrupt') problems.push(blobProblem(objectsDir, sha, 'corrupt', undefined, undefined));
  }
  return problems;
}

async function readOrReport(objectsDir: string, id: string, problems: ObjectProblem[]): Promise<VersionRecord | undefined> {
  try {
    return await readVersionFile(objectsDir, id);
  } catch (error) {
    if (!(error instanceof SkillmeatError)) throw error;
    problems.push({ kind: 'unreadable_version', path: versionFilePath(objectsDir, id), version: id, message: error.message });
    return undefined;
  }
}

// Verify reads the packs afresh once per run, never through the process's cached index.
const fresh = new Map<string, PackIndex>();
function packIndex(objectsDir: string): PackIndex {
  let index = fresh.get(objectsDir);
  if (index === undefined) fresh.set(objectsDir, (index = PackIndex.read(objectsDir)));
  return index;
}

/** Streams blob `sha` to `feed`, checking its bytes against its name. */
async function checkBlob(objectsDir: string, sha: string, feed: (chunk: Uint8Array) => void): Promise<BlobState> {
  const path = blobPath(objectsDir, sha);
  const hash = createHash('sha256');
  try {
    await streamFile(path, (chunk) => {
      hash.update(chunk);
      feed(chunk);
    });
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT')) throw ioError('read', path, error);
    const packed = packIndex(objectsDir).find(sha, false);
    if (packed === undefined) return 'missing';
    const bytes = readPacked(packed);
    hash.update(bytes);
    feed(bytes);
  }
  return hash.digest('hex') === sha ? 'ok' : 'corrupt';
}

function blobProblem(objectsDir: string, sha: string, state: 'missing' | 'corrupt', version: string | undefined, relPath: string | undefined): ObjectProblem {
  const path = blobPath(objectsDir, sha);
  const use = version === undefined ? 'unused by any version' : `used by ${relPath === '' ? 'the file' : relPath} of version ${version}`;
  return state === 'missing'
    ? { kind: 'missing_blob', path, version, message: `The blob ${path} (${use}) is missing.` }
    : { kind: 'corrupt_blob', path, version, message: `The blob ${path} (${use}) is damaged: its bytes no longer match its SHA-256.` };
}

const HEX2 = /^[0-9a-f]{2}$/;
const HEX62 = /^[0-9a-f]{62}$/;

/** The SHA-256 of every blob file present (leftover temporary files are not blobs). */
async function storedBlobs(objectsDir: string): Promise<string[]> {
  const root = blobsDir(objectsDir);
  const shas: string[] = [];
  for (const prefix of await namesIn(root)) {
    if (!HEX2.test(prefix)) continue;
    for (const rest of await namesIn(join(root, prefix))) if (HEX62.test(rest)) shas.push(prefix + rest);
  }
  return shas.sort();
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return [];
    throw ioError('list the folder', dir, error);
  }
}
