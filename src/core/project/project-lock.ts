import type { HomePaths } from '../home/home-paths.js';
import { journalKey } from '../fs/journal-key.js';
import { recoverTransactions, stagedTransactions } from '../fs/file-transaction.js';
import { hasLockLeftovers, unlessBusy, withWriteLock } from '../locks/write-lock.js';
import type { ProjectPaths } from './project-paths.js';

/**
 * Settles whatever a killed writer of this home left in the project (a staging folder, or only its
 * stale lock) — only when there is something, so the lock is not taken for nothing. A live
 * writer's lock is left alone. For writers only (the app's start-up recovery): a read never moves
 * a file. Says whether there was something to settle, and which staging folders it found that this
 * home did not write (left as they are).
 */
export async function recoverProjectIfInterrupted(paths: HomePaths, project: ProjectPaths): Promise<{ settled: boolean; foreign: readonly string[] }> {
  const key = await journalKey(paths.journalKey);
  const staged = stagedTransactions(project.claudeDir, key);
  const settled = hasLockLeftovers(project.lockFile) || staged.ours.length > 0;
  if (settled) await unlessBusy(withProjectWriteLock(paths, project, 'recover', async () => undefined));
  return { settled, foreign: staged.foreign };
}

/**
 * Runs `work` holding the project's write lock. Whatever an earlier writer of this home left half
 * done when it was killed is settled first (see FileTransaction), so `work` always starts from a
 * whole state; staging folders this home did not write are left alone.
 */
export async function withProjectWriteLock<T>(paths: HomePaths, project: ProjectPaths, operation: string, work: () => Promise<T>): Promise<T> {
  const key = await journalKey(paths.journalKey);
  return withWriteLock(project.lockFile, operation, async () => {
    await recoverTransactions(project.claudeDir, key);
    return work();
  });
}
