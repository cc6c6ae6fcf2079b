import { recoverTransactions } from '../fs/file-transaction.js';
import { withWriteLock } from '../locks/write-lock.js';
import type { ProjectPaths } from './project-paths.js';

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
