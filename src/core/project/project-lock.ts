import { existsSync } from 'node:fs';
import { hasStagedTransactions, recoverTransactions } from '../fs/file-transaction.js';
import { unlessBusy, withWriteLock } from '../locks/write-lock.js';
import type { ProjectPaths } from './project-paths.js';

/**
 * Settles whatever a killed writer left in the project (a staging folder, or only its stale lock)
 * — only when there is something, so the lock is not taken for nothing. A live writer's lock is
 * left alone. Reads call this too: the one case where reading a project writes, and it only puts
 * back whole files.
 */
export async function recoverProjectIfInterrupted(project: ProjectPaths): Promise<void> {
  const leftovers = existsSync(project.lockFile) || (await hasStagedTransactions(project.claudeDir));
  if (leftovers) await unlessBusy(withProjectWriteLock(project, 'recover', async () => undefined));
}

/**
 * Runs `work` holding the project's write lock. Whatever an earlier writer left half done when it
 * was killed is settled first (see FileTransaction), so `work` always starts from a whole state.
 */
export async function withProjectWriteLock<T>(project: ProjectPaths, operation: string, work: () => Promise<T>): Promise<T> {
  return withWriteLock(project.lockFile, operation, async () => {
    await recoverTransactions(project.claudeDir);
    return work();
  });
}
