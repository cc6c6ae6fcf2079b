import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { containedPath } from '../fs/contained-path.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';

/** A project folder, resolved: its real path and its `.claude/` folder. */
export interface ProjectPaths {
  readonly root: string;
  readonly claudeDir: string;
  /** Guards writes to this project (one writer at a time). */
  readonly lockFile: string;
}

/**
 * Resolves a project folder the user named: it must exist and be a folder, not a project's own
 * `.claude/` (whose project would be the folder above), and its `.claude/` (when present) must be a
 * real folder inside it, not a link to somewhere else.
 */
export async function resolveProject(dir: string): Promise<ProjectPaths> {
  // Synchronous: three system calls of a few microseconds each, run for every project of a drift
  // round; through the thread pool they cost ~20x more in waiting.
  let root: string;
  try {
    root = realpathSync(resolve(dir));
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `Project folder ${dir} does not exist.`, { path: dir });
    throw ioError('open the project folder', dir, error);
  }
  if (!statSync(root).isDirectory()) {
    throw new SkillmeatError('invalid_input', `${dir} is not a folder; a project is a folder (the one holding .claude/).`, { path: dir });
  }
  // Taken as a project, it would be deployed into as `.claude/.claude`.
  if (basename(root) === CLAUDE_FOLDER) {
    throw new SkillmeatError('invalid_input', `${dir} is the .claude folder of a project, not a project: use the folder that holds it, ${dirname(root)}.`, { path: dir, project: dirname(root) });
  }
  const claudeDir = join(root, CLAUDE_FOLDER);
  let claude;
  try {
    claude = lstatSync(claudeDir, { throwIfNoEntry: false });
  } catch (error) {
    throw ioError('inspect', claudeDir, error);
  }
  if (claude && !claude.isDirectory()) {
    throw new SkillmeatError('path_outside', `${claudeDir} is not a plain folder (a link or a file). SkillMeat writes only inside the project: make .claude a real folder.`, { path: claudeDir });
  }
  return { root, claudeDir, lockFile: join(claudeDir, '.skillmeat.lock') };
}

/**
 * The absolute path of `relPath` (POSIX, relative to `.claude/`), refused with `path_outside` when
 * its text would land outside `.claude/` (absolute, `..`, or a drive letter), and with
 * `symlink_escape` when a folder on the way or the path itself is a symbolic link (checked on disk:
 * `.claude/skills` linked to elsewhere must not carry a write, a delete or a read out of the project).
 */
export function insideClaudeDir(project: ProjectPaths, relPath: string): string {
  const plain = PLAIN_RELATIVE.test(relPath) && !relPath.split('/').some((s) => s === '..' || s === '.' || s === '');
  if (!plain) {
    throw new SkillmeatError('path_outside', `The path ${JSON.stringify(relPath)} leaves ${project.claudeDir}; SkillMeat only writes inside the project's .claude folder.`, { path: relPath });
  }
  return containedPath(project.claudeDir, relPath, project.claudeDir);
}

const PLAIN_RELATIVE = /^[^/\\:\0][^\\:\0]*$/;

/** The folder of a project that SkillMeat deploys into. */
export const CLAUDE_FOLDER = '.claude';
