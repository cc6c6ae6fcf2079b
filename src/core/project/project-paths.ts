import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';

/** A project folder, resolved: its real path and its `.claude/` folder. */
export interface ProjectPaths {
  readonly root: string;
  readonly claudeDir: string;
  /** Guards writes to this project (one writer at a time). */
  readonly lockFile: string;
}

/**
 * Resolves a project folder the user named: it must exist and be a folder, and its `.claude/`
 * (when present) must be a real folder inside it, not a link to somewhere else.
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
  const claudeDir = join(root, '.claude');
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
 * The absolute path of `relPath` (POSIX, relative to `.claude/`), refused with `path_outside`
 * when it would land outside `.claude/` (absolute, `..`, or a drive letter).
 */
export function insideClaudeDir(project: ProjectPaths, relPath: string): string {
  // Fast path for the common, plainly safe spelling (drift calls this for every record).
  if (PLAIN_RELATIVE.test(relPath) && !relPath.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    return sep === '/' ? `${project.claudeDir}/${relPath}` : join(project.claudeDir, relPath);
  }
  const target = resolve(project.claudeDir, ...relPath.split('/'));
  const rel = relative(project.claudeDir, target);
  if (relPath.length === 0 || isAbsolute(relPath) || rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new SkillmeatError('path_outside', `The path ${JSON.stringify(relPath)} leaves ${project.claudeDir}; SkillMeat only writes inside the project's .claude folder.`, { path: relPath });
  }
  return target;
}

const PLAIN_RELATIVE = /^[^/\\:\0][^\\:\0]*$/;
