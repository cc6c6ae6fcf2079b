/**
 * The version files, `objects/versions/<id>.json` (the truth the cache database indexes), and the
 * pending markers beside them: `.pending.<id>.<pid>.<hex>`, created before a version file is
 * written and removed once the database row mirrors it, so a crash in between is found (and the
 * row repaired) by the next open, without reading every file.
 */
import { randomBytes } from '../lazy-crypto.js';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ioError, isErrnoCode } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseVersion, serializeVersion, type VersionRecord } from './version-record.js';

/** The folder of version files. */
export function versionsDir(objectsDir: string): string {
  return join(objectsDir, 'versions');
}

/** Where the version `id` is stored. */
export function versionFilePath(objectsDir: string, id: string): string {
  return join(versionsDir(objectsDir), `${id}.json`);
}

/** The version `id`, or undefined when it was never recorded; a damaged file is a `corrupt_file` error. */
export async function readVersionFile(objectsDir: string, id: string): Promise<VersionRecord | undefined> {
  const path = versionFilePath(objectsDir, id);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('read the version file', path, error);
  }
  return parseVersion(text, path, id);
}

/** Writes a version file atomically (readers see the old record or the new, never a mix). */
export async function writeVersionFile(objectsDir: string, record: VersionRecord): Promise<void> {
  const dir = versionsDir(objectsDir);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw ioError('create the folder', dir, error);
  });
  await writeFileAtomic(versionFilePath(objectsDir, record.id), serializeVersion(record));
}

/** A pending marker: a version whose row may not mirror its file yet. */
export interface PendingMarker {
  readonly path: string;
  readonly id: string;
  /** The process that was writing it. */
  readonly pid: number;
}

/** What the versions folder holds, by name alone (no file is read). */
export interface VersionsListing {
  readonly ids: readonly string[];
  readonly pending: readonly PendingMarker[];
}

const PENDING = /^\.pending\.(.+)\.(\d+)\.[0-9a-f]{8}$/;
const VERSION_FILE = /^(av_.+)\.json$/;

/** The version ids and pending markers in the versions folder (empty when it does not exist yet). */
export async function listVersionsDir(objectsDir: string): Promise<VersionsListing> {
  const dir = versionsDir(objectsDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { ids: [], pending: [] };
    throw ioError('list the folder', dir, error);
  }
  const ids: string[] = [];
  const pending: PendingMarker[] = [];
  for (const name of names) {
    const file = VERSION_FILE.exec(name);
    if (file?.[1] !== undefined) {
      ids.push(file[1]);
      continue;
    }
    const marker = PENDING.exec(name);
    if (marker?.[1] !== undefined) pending.push({ path: join(dir, name), id: marker[1], pid: Number(marker[2]) });
  }
  return { ids, pending };
}

/** Creates the pending marker of `id` for this process; returns its path. */
export async function markPending(objectsDir: string, id: string): Promise<string> {
  const dir = versionsDir(objectsDir);
  const path = join(dir, `.pending.${id}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(path, 'wx')).close();
  } catch (error) {
    throw ioError('create the marker', path, error);
  }
  return path;
}

/** Removes a pending marker (gone already is fine). */
export async function clearPending(path: string): Promise<void> {
  await rm(path, { force: true }).catch((error: unknown) => {
    throw ioError('remove the marker', path, error);
  });
}
