import { open, readFile, rename, rm, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { tempPathBeside } from '../fs/atomic-write.js';

/** What a lock file holds: enough to tell a live holder from a dead one. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly operation: string;
}

/**
 * Runs `work` while holding the write lock at `lockPath` (one writer per collection and per project).
 * A lock held by a live process is a `busy` error naming the holder; a lock left by a process that no
 * longer exists on this host is taken over. The lock is released however `work` ends.
 */
export async function withWriteLock<T>(lockPath: string, operation: string, work: () => Promise<T>): Promise<T> {
  await acquire(lockPath, operation);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/**
 * Awaits `work`, where a `busy` lock is not a failure: a live writer holds it, and that writer
 * settles what it finds itself (used by recovery, which is never worth waiting for).
 */
export async function unlessBusy(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof SkillmeatError && error.code === 'busy')) throw error;
  }
}

async function acquire(lockPath: string, operation: string): Promise<void> {
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), operation };
  await mkdir(dirname(lockPath), { recursive: true }).catch((error: unknown) => {
    throw ioError('create the lock folder for', lockPath, error);
  });
  // Two attempts: the second follows the takeover of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(lockPath, holder)) return;
    const current = await readHolder(lockPath);
    if (current === undefined) continue; // released between our two calls
    if (isAlive(current)) {
      throw new SkillmeatError(
        'busy',
        `Busy: ${lockPath} is held by process ${current.pid} on ${current.host} (${current.operation}, since ${current.since}). Wait for it to finish and try again.`,
        { lockPath, holder: current },
      );
    }
    await takeOverStale(lockPath, current);
  }
  throw new SkillmeatError('busy', `Busy: another process keeps taking ${lockPath}. Try again.`, { lockPath });
}

/** Creates the lock file exclusively; false when it already exists. */
async function tryCreate(lockPath: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    throw ioError('create the lock', lockPath, error);
  }
  try {
    await handle.writeFile(JSON.stringify(holder));
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Reads the holder of a lock; undefined when the lock vanished. An unreadable or empty lock (a crash
 * between create and write) counts as held by a dead process, so it can be taken over.
 */
async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('read the lock', lockPath, error);
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '?'), operation: String(parsed.operation ?? '?') };
    }
  } catch {
    // fall through: a torn lock file
  }
  return { pid: 0, host: hostname(), since: '?', operation: 'unknown (unreadable lock file)' };
}

/** A holder on another host cannot be checked, so it is presumed alive (the safe answer). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return !isErrnoCode(error, 'ESRCH'); // EPERM: it exists but belongs to someone else
  }
}

/**
 * Moves a stale lock aside by rename, which only one contender can win, then removes it.
 * If what we moved turns out to be a live holder's fresh lock (it replaced the stale one between our
 * read and our rename), it is put back and we report busy.
 */
async function takeOverStale(lockPath: string, stale: LockHolder): Promise<void> {
  const aside = tempPathBeside(lockPath, 'stale');
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return; // someone else took it over first
    throw ioError('take over the stale lock', lockPath, error);
  }
  const moved = await readHolder(aside);
  if (moved !== undefined && (moved.pid !== stale.pid || moved.since !== stale.since) && isAlive(moved)) {
    await rename(aside, lockPath).catch(() => undefined);
    throw new SkillmeatError('busy', `Busy: ${lockPath} was just taken by process ${moved.pid}. Try again.`, { lockPath });
  }
  await rm(aside, { force: true });
}
