import { hasStagedTransactions, recoverTransactions } from '../fs/file-transaction.js';
import { SkillmeatError } from '../errors.js';
import { withWriteLock } from '../locks/write-lock.js';
import type { ProjectPaths } from './project-paths.js';

/**
 * Runs `work` holding the project's write lock. Whatever an earlier writer left half done when it
 * was killed is settled first (see FileTransaction), so `work` always starts from a whole state.
 */
/**
 * Settles a transaction a killed writer left in the project, if there is one — the one case where
 * reading a project writes: it only puts back whole files. A live writer's lock is left alone.
 */
export async function recoverProjectIfInterrupted(project: ProjectPaths): Promise<void> {
  if (!(await hasStagedTransactions(project.claudeDir))) return;
  await withProjectWriteLock(project, 'recover', async () => undefined).catch((error: unknown) => {
    if (!(error instanceof SkillmeatError && error.code === 'busy')) throw error;
  });
}

export async function withProjectWriteLock<T>(project: ProjectPaths, operation: string, work: () => Promise<T>): Promise<T> {
  return withWriteLock(project.lockFile, operation, async () => {
    await recoverTransactions(project.claudeDir);
    return work();
  });
}
