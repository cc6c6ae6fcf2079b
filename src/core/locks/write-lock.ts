import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { SkillmeatError, ioError } from '../errors.js';
import { claimPath, lockSideFiles, placeLockFile, readLockFile, removeFile, writeHolderFile, type LockState } from './lock-file.js';
import { holderStatus, isPidAlive, newHolder, type StoredHolder } from './lock-holder.js';

export { hasLockLeftovers } from './lock-file.js';

/**
 * The write lock: one writer per collection and per project, exclusive in fact. The rules:
 * - the lock file appears whole in one step (lock-file.ts), holding pid, host, process start time
 *   and a random token;
 * - it is taken over only when its holder is provably gone (lock-holder.ts), and only by the one
 *   contender that wins the claim for that lock's identity (`takeOverStaleLock`);
 * - it is removed only by its holder (token checked) or by that claim's winner.
 * So a lock file is never removed while its holder is alive, and a new one is only ever linked where
 * none is: no two holders overlap. See docs/crash-safety.md, "The write lock".
 */

/** Why a lock is busy: the reason decides whether waiting can help (`other_host` includes another pid namespace). */
export type BusyReason = 'held' | 'contended' | 'other_host' | 'unreadable';

/** Tokens of the locks this process holds now (a lock naming this pid but none of them is an earlier process's). */
const heldHere = new Set<string>();
/** Rounds of "taken, read, gone again" before giving up with busy (each round someone else made progress). */
const MAX_ROUNDS = 8;

/**
 * Runs `work` while holding the write lock at `lockPath`. A lock held by a live process is a `busy`
 * error naming the holder; a lock whose holder is provably gone is taken over, and lock side files
 * killed processes left in the folder are cleared. The lock is released however `work` ends.
 */
export async function withWriteLock<T>(lockPath: string, operation: string, work: () => Promise<T>): Promise<T> {
  const token = await acquire(lockPath, operation);
  try {
    await clearLeftovers(dirname(lockPath));
    return await work();
  } finally {
    await release(lockPath, token);
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

/**
 * True for a `busy` error that waiting can clear: a live local holder, or contenders racing. A lock
 * from another host or an unreadable one stays until someone deletes it, so retrying it is pointless.
 */
export function isWaitableBusy(error: unknown): boolean {
  if (!(error instanceof SkillmeatError && error.code === 'busy')) return false;
  const reason = error.details['reason'];
  return reason === 'held' || reason === 'contended';
}

/**
 * Removes the lock at `lockPath` if it is still the one with `identity`, whose holder the caller has
 * found gone. Only the contender holding the claim for that identity may do so, and it re-reads the
 * lock under the claim, so a contender that read the lock before someone else took it over (and put
 * a live lock there) removes nothing. A claim left by a killed contender is itself taken over the same
 * way. Throws a waitable `busy` while a live contender holds the claim.
 */
export async function takeOverStaleLock(lockPath: string, identity: string): Promise<void> {
  const claim = claimPath(lockPath, identity);
  const token = await acquire(claim, `take over ${basename(lockPath)}`);
  try {
    const now = await readLockFile(lockPath);
    if (now.kind === 'held' && now.identity === identity) await removeFile(lockPath);
  } finally {
    await release(claim, token);
  }
}

async function acquire(lockPath: string, operation: string): Promise<string> {
  await mkdir(dirname(lockPath), { recursive: true }).catch((error: unknown) => {
    throw ioError('create the lock folder for', lockPath, error);
  });
  const holder = await newHolder(operation);
  heldHere.add(holder.token);
  let temp: string | undefined;
  try {
    temp = await writeHolderFile(lockPath, holder);
    let seen: LockState = { kind: 'absent' };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (await placeLockFile(temp, lockPath)) return holder.token;
      seen = await readLockFile(lockPath);
      if (seen.kind === 'absent') continue; // released between our link and our read
      if (seen.kind === 'unreadable') throw unreadableBusy(lockPath, seen.problem);
      const status = await holderStatus(seen.holder, heldHere);
      if (status === 'alive') throw busy(lockPath, 'held', seen.holder, 'Wait for it to finish and try again.');
      if (status === 'elsewhere') throw otherHostBusy(lockPath, seen.holder);
      try {
        await takeOverStaleLock(lockPath, seen.identity);
      } catch (error) {
        if (!isWaitableBusy(error)) throw error; // another contender is taking it over: look again
      }
    }
    throw seen.kind === 'held'
      ? busy(lockPath, 'contended', seen.holder, 'Other processes keep taking it; try again.')
      : new SkillmeatError('busy', `Busy: other processes keep taking ${lockPath}. Try again.`, { lockPath, reason: 'contended' });
  } catch (error) {
    heldHere.delete(holder.token);
    throw error;
  } finally {
    if (temp !== undefined) await removeFile(temp);
  }
}

/**
 * Removes the lock only while it still carries our token. Nobody else removes a lock whose holder is
 * alive, so between our read and our unlink the file cannot have become someone else's (short of a
 * person deleting it by hand); the token is forgotten only after, so no takeover from this same
 * process can slip in between either.
 */
async function release(lockPath: string, token: string): Promise<void> {
  try {
    const now = await readLockFile(lockPath);
    if (now.kind === 'held' && now.holder.token === token) await removeFile(lockPath);
  } finally {
    heldHere.delete(token);
  }
}

/**
 * Clears what killed processes left beside locks in `dir`: holder files written but never placed,
 * and takeover claims (through the same claim protocol, since another contender may be at it too).
 * A side file whose writer is alive, or cannot be judged, is left alone.
 */
async function clearLeftovers(dir: string): Promise<void> {
  for (const side of await lockSideFiles(dir)) {
    const state = await readLockFile(side.path);
    if (state.kind === 'absent') continue;
    const gone = state.kind === 'held' ? (await holderStatus(state.holder, heldHere)) === 'gone' : side.kind === 'temp' && !isPidAlive(side.pid);
    if (!gone) continue;
    if (side.kind === 'temp') await removeFile(side.path);
    else if (state.kind === 'held') await unlessBusy(takeOverStaleLock(side.path, state.identity));
  }
}

function busy(lockPath: string, reason: BusyReason, holder: StoredHolder, advice: string): SkillmeatError {
  return new SkillmeatError(
    'busy',
    `Busy: ${lockPath} is held by process ${holder.pid} on ${printable(holder.host)} (${printable(holder.operation)}, since ${printable(holder.since)}). ${advice}`,
    { lockPath, reason, holder },
  );
}

function otherHostBusy(lockPath: string, holder: StoredHolder): SkillmeatError {
  const where = holder.host !== hostname() ? 'That is another computer' : 'That process runs in another sandbox (pid namespace) than this one';
  return busy(
    lockPath,
    'other_host',
    holder,
    `${where}: SkillMeat cannot check from here whether it still runs, so it never takes this lock over by itself. If no SkillMeat is working there any more, delete ${lockPath} and try again.`,
  );
}

function unreadableBusy(lockPath: string, problem: string): SkillmeatError {
  return new SkillmeatError(
    'busy',
    `Busy: ${lockPath} is not a lock SkillMeat can read (${problem}). SkillMeat writes its locks whole, so this one was damaged or written by something else, and it is never taken over on a guess. If no SkillMeat is working here, delete ${lockPath} and try again.`,
    { lockPath, reason: 'unreadable' },
  );
}

/** Text from a lock file, with control and bidirectional-override characters escaped for a terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
