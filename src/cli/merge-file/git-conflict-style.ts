// merge.conflictStyle, read as `git merge-file` 2.39 reads it: only inside a git repository (there
// git reads every config file — system, global, the repository's, `-c` — and outside it none), each
// value in order, the last one winning, and any value git does not know stopping the merge. git
// itself answers what the configuration holds; a quick look for a repository first spares every
// run outside one the cost of starting git.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { MergeStyle } from '../../core/merge/line-merge.js';

/** The style the configuration asks for (undefined: none), or git's fatal message about it. */
export type ConfiguredStyle =
  | { readonly kind: 'style'; readonly style: MergeStyle | undefined }
  | { readonly kind: 'fatal'; readonly message: string };

const KEY = 'merge.conflictstyle';
const STYLES: readonly string[] = ['merge', 'diff3', 'zdiff3'] satisfies readonly MergeStyle[];
const NONE: ConfiguredStyle = { kind: 'style', style: undefined };

/** merge.conflictStyle as `git merge-file` run in `cwd` with `env` would apply it. */
export async function configuredConflictStyle(cwd: string, env: NodeJS.ProcessEnv): Promise<ConfiguredStyle> {
  if (!mayBeInRepository(cwd, env)) return NONE;
  // -z: values may hold line breaks; --show-scope: a value from the repository's own files proves
  // that git found a repository, one from elsewhere does not.
  const listing = await git(['config', '--show-scope', '-z', '--get-regexp', '^merge\\.conflictstyle$'], cwd, env);
  if (listing === undefined || listing.status === 1) return NONE; // no git, or no such key
  if (listing.status !== 0) {
    // A config file git cannot read stops git merge-file too, but only inside a repository.
    return (await insideRepository(cwd, env)) ? { kind: 'fatal', message: listing.stderr } : NONE;
  }
  const entries = configEntries(listing.stdout);
  const fromRepository = entries.some((entry) => entry.scope === 'local' || entry.scope === 'worktree');
  if (!fromRepository && !(await insideRepository(cwd, env))) return NONE;
  let style: MergeStyle | undefined;
  for (const { value } of entries) {
    if (value === undefined) return { kind: 'fatal', message: `fatal: '${KEY}' is not a boolean\n` };
    if (!STYLES.includes(value)) return { kind: 'fatal', message: `fatal: unknown style '${value}' given for '${KEY}'\n` };
    style = value as MergeStyle;
  }
  return { kind: 'style', style };
}

/**
 * False only when git cannot find a repository from `cwd`: no GIT_DIR, and no `.git` (or bare
 * repository) in `cwd` or a folder above it, up to GIT_CEILING_DIRECTORIES. When true, git has
 * the last word (`insideRepository`).
 */
export function mayBeInRepository(cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_DIR) return true;
  const ceilings = (env.GIT_CEILING_DIRECTORIES ?? '').split(':').filter((path) => isAbsolute(path));
  for (let dir = cwd; ; dir = dirname(dir)) {
    // git never looks in a ceiling folder itself, unless it starts there.
    if (dir !== cwd && ceilings.some((ceiling) => sameFolder(ceiling, dir))) return false;
    if (existsSync(join(dir, '.git')) || looksLikeGitDirectory(dir)) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** A bare repository (or a .git folder one stands in): git requires HEAD and refs in it. */
function looksLikeGitDirectory(dir: string): boolean {
  return existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'refs'));
}

function sameFolder(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

async function insideRepository(cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await git(['rev-parse', '--git-dir'], cwd, env))?.status === 0;
}

interface ConfigEntry {
  readonly scope: string;
  /** Undefined for a key written without `=` (git's "implicit true"). */
  readonly value: string | undefined;
}

/** Entries of `git config -z --show-scope --get-regexp`: scope NUL key [LF value] NUL, in the order git reads them. */
function configEntries(output: string): ConfigEntry[] {
  const fields = output.split('\0');
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const keyAndValue = fields[i + 1]!;
    const lineBreak = keyAndValue.indexOf('\n');
    entries.push({ scope: fields[i]!, value: lineBreak === -1 ? undefined : keyAndValue.slice(lineBreak + 1) });
  }
  return entries;
}

interface GitRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git; undefined when there is no git to run (then there is no configuration either). */
async function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GitRun | undefined> {
  // Loaded only inside a repository: outside one, merge-file starts without child processes.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve({ status: 0, stdout, stderr });
      const status = (error as { code?: unknown }).code;
      resolve(typeof status === 'number' ? { status, stdout, stderr } : undefined);
    });
  });
}
