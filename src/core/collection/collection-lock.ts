/**
 * One writer per collection, and readers that never see half of a change (versioning spec 9).
 *
 * Writers take the collection's write lock. Around the moment a transaction puts its changes in
 * place in the collection folder (its fence) they mark the collection's state file `changing`, and
 * when done `stable` with a fresh token. Readers that copy from or hash a collection for a write (deploy, sync, push's plan)
 * or for drift do not lock — many may read at once — but read the state before and after: a read
 * that began while a change was under way, or saw a change finish meanwhile (the token moved), is
 * not trusted. It is retried, and after a few tries the reader says `busy` rather than use a torn
 * copy (a deploy during a rollback once baselined 1,819 files of one version and 1,182 of another).
 */
import { randomBytes } from '../lazy-crypto.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HomePaths } from '../home/home-paths.js';
import { collectionDir, collectionLockPath } from '../home/home-paths.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { journalKey, type JournalKey } from '../fs/journal-key.js';
import { recoverTransactions, stagedTransactions, type CommitFence } from '../fs/file-transaction.js';
import { hasLockLeftovers, unlessBusy, withWriteLock } from '../locks/write-lock.js';

/**
 * Runs `work` holding the collection's write lock. Whatever a killed writer of this home left half
 * done in the collection, its snapshot folder, or a rollback of it is settled first (see
 * FileTransaction), behind the collection's fence. `work`'s own transactions on the collection
 * pass `collectionFence` so readers see them as changes.
 */
export async function withCollectionLock<T>(paths: HomePaths, name: string, operation: string, work: () => Promise<T>): Promise<T> {
  const key = await journalKey(paths.journalKey);
  return withWriteLock(collectionLockPath(paths, name), operation, async () => {
    if (readCollectionState(paths, name).changing || hasOwnStaging(paths, name, key)) {
      const fence = collectionFence(paths, name);
      await fence.enter();
      await recoverTransactions(collectionDir(paths, name), key);
      await recoverTransactions(paths.collectionsDir, key, name);
      await recoverTransactions(join(paths.snapshotsDir, name), key);
      await fence.leave();
    }
    return work();
  });
}

/**
 * The fence of collection `name`: a transaction that changes the collection folder passes it, so
 * the collection is marked `changing` from just before its first rename until its commit mark,
 * and `stable` with a fresh token after. A kill in between leaves `changing` until the next writer
 * settles the collection. Only the lock holder may use it.
 */
export function collectionFence(paths: HomePaths, name: string): CommitFence {
  return {
    enter: () => markCollectionState(paths, name, true),
    leave: () => markCollectionState(paths, name, false),
  };
}

/**
 * Settles whatever a killed writer of this home left in the collection, its rollback staging or its
 * snapshot folder (or only its stale lock, or a `changing` mark) — only when there is something, so
 * the lock is not taken for nothing. A live writer's lock is left alone. For writers only: a read
 * never moves a file. True when there was something to settle.
 */
export async function recoverCollectionIfInterrupted(paths: HomePaths, name: string): Promise<boolean> {
  const key = await journalKey(paths.journalKey);
  const leftovers = hasLockLeftovers(collectionLockPath(paths, name)) || readCollectionState(paths, name).changing || hasOwnStaging(paths, name, key);
  if (leftovers) await unlessBusy(withCollectionLock(paths, name, 'recover', async () => undefined));
  return leftovers;
}

// A torn read is retried this many times before the reader says busy.
const READ_ATTEMPTS = 3;

/**
 * Runs `read` (which copies from or hashes collection `name`) so that what it read is one state of
 * the collection: started while no writer was changing it, and no change began or ended meanwhile.
 * A torn read is retried; after a few tries, or when a writer is at work from the start, `busy`.
 * `read` must be repeatable (discard what a previous try produced). An error `read` throws while
 * the collection was changing under it is a symptom of the change: it is retried too.
 */
export async function readCollectionConsistently<T>(paths: HomePaths, name: string, read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = readCollectionState(paths, name);
    if (before.changing) break;
    let result: T;
    try {
      result = await read();
    } catch (error) {
      if (sameState(before, readCollectionState(paths, name))) throw error;
      continue;
    }
    if (sameState(before, readCollectionState(paths, name))) return result;
  }
  throw collectionBusy(paths, name);
}

/** A collection's state for readers: the token of its last change, and whether one is under way. */
export interface CollectionState {
  readonly token: string | undefined;
  readonly changing: boolean;
}

/** The state of collection `name` now (synchronous: a few bytes, read once before and once after a read). */
export function readCollectionState(paths: HomePaths, name: string): CollectionState {
  const path = collectionStatePath(paths, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // Never written: no SkillMeat writer has changed this collection yet (a Python-made home, say).
    if (isErrnoCode(error, 'ENOENT')) return { token: undefined, changing: false };
    throw ioError('read', path, error);
  }
  const match = /^(changing|stable) ([0-9a-f]{16})\n?$/.exec(text);
  // Unreadable: treat as a change under way; the next writer rewrites it.
  return match ? { token: match[2], changing: match[1] === 'changing' } : { token: text, changing: true };
}

/** True when two readings of the state show no change began, ran or ended between them. */
export function sameState(a: CollectionState, b: CollectionState): boolean {
  return !a.changing && !b.changing && a.token === b.token;
}

/** The busy error of a reader that could not get one consistent state of collection `name`. */
export function collectionBusy(paths: HomePaths, name: string): SkillmeatError {
  return new SkillmeatError(
    'busy',
    `Busy: collection "${name}" is being changed by another SkillMeat operation, so it could not be read in one consistent state. Try again when it has finished (if no SkillMeat is running, one was interrupted: \`skillmeat recover\` settles it).`,
    // `held`: a live writer is at work, so waiting helps (isWaitableBusy).
    { collection: name, lockPath: collectionLockPath(paths, name), reason: 'held' },
  );
}

function collectionStatePath(paths: HomePaths, name: string): string {
  return join(paths.locksDir, `collection-${name}.state`);
}

async function markCollectionState(paths: HomePaths, name: string, changing: boolean): Promise<void> {
  await writeFileAtomic(collectionStatePath(paths, name), `${changing ? 'changing' : 'stable'} ${randomBytes(8).toString('hex')}\n`);
}

function hasOwnStaging(paths: HomePaths, name: string, key: JournalKey): boolean {
  return (
    stagedTransactions(collectionDir(paths, name), key).ours.length > 0 ||
    stagedTransactions(paths.collectionsDir, key, name).ours.length > 0 ||
    stagedTransactions(join(paths.snapshotsDir, name), key).ours.length > 0
  );
}
