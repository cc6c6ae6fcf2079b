import { createHash, randomBytes } from '../lazy-crypto.js';
import { existsSync, readdirSync } from 'node:fs';
import { constants, copyFile, link, open, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError, isErrnoCode } from '../errors.js';
import { parseHolder, type LockHolder, type StoredHolder } from './lock-holder.js';

/**
 * A lock on disk. The lock file itself only ever appears whole: the holder is written to a temp file
 * beside it and fsynced, then hard-linked to the lock's name, which fails if a lock is already there.
 * Side files share the lock's name as a prefix, dot-first so scans skip them:
 *   `.<lock>.<pid>.<8 hex>.new`      the holder being written (a kill before the link leaves one);
 *                                    shaped like `tempPathBeside` names, so watchers skip it as noise
 *   `.<lock>.<32 hex>.takeover`      the claim to take over the stale lock whose identity is the hex
 */

/** What is at a lock's path. `identity` tells one lock file from any other ever written there. */
export type LockState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'held'; readonly holder: StoredHolder; readonly identity: string }
  | { readonly kind: 'unreadable'; readonly problem: string };

const TEMP = /^\.(.+\.lock)\.(\d+)\.[0-9a-f]{8}\.new$/;
const CLAIM = /^\.(.+\.lock)\.([0-9a-f]{32})\.takeover$/;

/** Reads the lock (or side file) at `path`. */
export async function readLockFile(path: string): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { kind: 'absent' };
    if (isErrnoCode(error, 'EISDIR')) return { kind: 'unreadable', problem: 'it is a folder' };
    throw ioError('read the lock', path, error);
  }
  const holder = parseHolder(text);
  if (holder === undefined) return { kind: 'unreadable', problem: text.length === 0 ? 'it is empty' : 'it is not a whole SkillMeat lock' };
  // Locks written before tokens existed are told apart by their content (pid, host and a time in ms).
  const identity = holder.token !== null && /^[0-9a-f]{32}$/.test(holder.token) ? holder.token : createHash('sha256').update(text).digest('hex').slice(0, 32);
  return { kind: 'held', holder, identity };
}

/** Writes `holder` to a new temp file beside `lockPath`, durably; returns the temp file's path. */
export async function writeHolderFile(lockPath: string, holder: LockHolder): Promise<string> {
  const temp = join(dirname(lockPath), `.${rootName(lockPath)}.${process.pid}.${randomBytes(4).toString('hex')}.new`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(JSON.stringify(holder));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await removeFile(temp).catch(() => undefined); // the error that matters is the one thrown below
    throw ioError('create the lock', lockPath, error);
  }
  return temp;
}

/**
 * Puts the written holder in place as the lock, never replacing one: true when placed, false when a
 * lock is already there. A file system without hard links (FAT, exFAT, some network shares) gets an
 * exclusive copy instead, which a racing reader can see half-written: it reads as `unreadable`,
 * which is reported, never taken over.
 */
export async function placeLockFile(temp: string, lockPath: string): Promise<boolean> {
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].some((code) => isErrnoCode(error, code))) throw ioError('create the lock', lockPath, error);
  }
  try {
    await copyFile(temp, lockPath, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    await removeFile(lockPath).catch(() => undefined); // our own half-made copy; the cause is thrown below
    throw ioError('create the lock', lockPath, error);
  }
}

/** Removes a file; gone already is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT')) throw ioError('remove', path, error);
  }
}

/** Where a contender claims the takeover of the stale lock (or claim) at `lockPath` with this identity. */
export function claimPath(lockPath: string, identity: string): string {
  return join(dirname(lockPath), `.${rootName(lockPath)}.${identity}.takeover`);
}

/** A side file a lock left in a folder: a holder written but never placed, or a takeover claim. */
export type LockSideFile = { readonly kind: 'temp'; readonly path: string; readonly pid: number } | { readonly kind: 'claim'; readonly path: string };

/** The lock side files in `dir`, of every lock there. */
export async function lockSideFiles(dir: string): Promise<LockSideFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw ioError('list the locks in', dir, error);
  }
  return names.flatMap((name): LockSideFile[] => {
    const temp = TEMP.exec(name);
    if (temp) return [{ kind: 'temp', path: join(dir, name), pid: Number(temp[2]) }];
    return CLAIM.test(name) ? [{ kind: 'claim', path: join(dir, name) }] : [];
  });
}

/**
 * True when anything of the lock at `lockPath` is on disk: the lock itself, or a side file a killed
 * process left. Recovery uses it to decide whether to take the lock (which then clears them).
 */
export function hasLockLeftovers(lockPath: string): boolean {
  if (existsSync(lockPath)) return true;
  let names: string[];
  try {
    names = readdirSync(dirname(lockPath));
  } catch {
    return false; // no folder: nothing left
  }
  const root = rootName(lockPath);
  return names.some((name) => (TEMP.exec(name) ?? CLAIM.exec(name))?.[1] === root);
}

/** The name every side file of a lock starts with: the lock's own, also for a claim on it. */
function rootName(lockPath: string): string {
  const name = basename(lockPath);
  return CLAIM.exec(name)?.[1] ?? name;
}
