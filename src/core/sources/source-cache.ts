/**
 * The fetched repositories of upstream sources: one bare repository per URL under
 * `<home>/sources/<hash>.git`, fetched incrementally (every branch and tag, and the remote's HEAD),
 * so a later check or update transfers only what is new. Commits SkillMeat recorded are kept
 * reachable (`refs/skillmeat/keep/<sha>`), so a force-pushed upstream never takes the merge base
 * of an update away. The cache is derived data: deleting it only costs a fetch.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createHash, randomBytes } from '../lazy-crypto.js';
import type { SourceSpec } from '../../shared/source-spec.js';
import type { HomePaths } from '../home/home-paths.js';
import { SkillmeatError, ioError } from '../errors.js';
import { pathExists } from '../fs/path-exists.js';
import { withWriteLock } from '../locks/write-lock.js';
import { networkTimeoutMs, runGit, runGitOutcome } from './git-runner.js';

/** What a ref names now: the commit, how it was found, and the tag it is (or one pointing at the commit). */
export interface ResolvedRef {
  readonly commit: string;
  /** `default`: no ref was given, the remote's default branch. */
  readonly kind: 'default' | 'tag' | 'branch' | 'commit';
  readonly tag: string | undefined;
}

const HEAD_REF = 'refs/skillmeat/head';
const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const SHORT_SHA = /^[0-9a-f]{4,64}$/;

/** The bare repository that caches `url`. */
export function cacheRepoPath(paths: HomePaths, url: string): string {
  return join(paths.sourcesDir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.git`);
}

/**
 * Fetches `spec`'s repository into its cache (creating it on first use) and resolves its ref to a
 * commit. One fetch at a time per repository (a lock beside the home's other locks). `fetched`
 * remembers repositories already fetched in this operation: several artifacts of one repository
 * cost one fetch.
 */
export async function fetchSource(paths: HomePaths, spec: SourceSpec, fetched: Map<string, Promise<string>> = new Map()): Promise<{ gitDir: string; resolved: ResolvedRef }> {
  let repository = fetched.get(spec.url);
  if (repository === undefined) {
    repository = fetchRepository(paths, spec.url);
    fetched.set(spec.url, repository);
  }
  const gitDir = await repository;
  let resolved = await resolveRef(gitDir, spec.ref);
  if (resolved === undefined && spec.ref !== undefined && FULL_SHA.test(spec.ref)) {
    // A commit no branch or tag reaches (a pull request's, say): asked for by id, where the remote allows it.
    await withSourceLock(paths, gitDir, () => runGitOutcome(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', spec.url, spec.ref!], { gitDir, timeoutMs: networkTimeoutMs(), doing: `fetch ${spec.url}` }));
    resolved = await resolveRef(gitDir, spec.ref);
  }
  if (resolved === undefined) {
    throw new SkillmeatError('not_found', `${spec.url} has no tag, branch or commit named ${JSON.stringify(spec.ref)}.`, { url: spec.url, ref: spec.ref });
  }
  return { gitDir, resolved };
}

/** Fetches every branch and tag of `url`, and its HEAD, into the cache; returns the cache's path. */
async function fetchRepository(paths: HomePaths, url: string): Promise<string> {
  const gitDir = cacheRepoPath(paths, url);
  await withSourceLock(paths, gitDir, async () => {
    await ensureBareRepository(paths, gitDir);
    // A moved or deleted branch or tag follows the remote (--prune, forced updates); kept commits stay.
    await runGit(['fetch', '--quiet', '--prune', '--no-tags', '--no-write-fetch-head', '--', url, `+HEAD:${HEAD_REF}`, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], { gitDir, timeoutMs: networkTimeoutMs(), doing: `fetch ${url}` });
  });
  return gitDir;
}

async function withSourceLock<T>(paths: HomePaths, gitDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(paths.locksDir, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', paths.locksDir, error);
  });
  return withWriteLock(join(paths.locksDir, `source-${basename(gitDir, '.git')}.lock`), 'fetch', work);
}

/** True when the cache holds commit `sha` (a recorded commit a force push removed upstream is still here when kept). */
export async function hasCommit(gitDir: string, sha: string): Promise<boolean> {
  if (!(await pathExists(gitDir))) return false;
  return (await runGitOutcome(['cat-file', '-e', `${sha}^{commit}`], { gitDir, doing: `read commit ${sha}` })).code === 0;
}

/** Keeps `sha` reachable in the cache, so git never collects the commit an artifact records. */
export async function keepCommit(gitDir: string, sha: string): Promise<void> {
  if (!FULL_SHA.test(sha)) return;
  await runGit(['update-ref', `refs/skillmeat/keep/${sha}`, sha], { gitDir, doing: `keep commit ${sha}` });
}

/** Resolves a ref the cache holds: a tag, a branch, or a commit id (full or abbreviated); undefined when none matches. */
async function resolveRef(gitDir: string, ref: string | undefined): Promise<ResolvedRef | undefined> {
  if (ref === undefined) {
    const commit = await revParse(gitDir, HEAD_REF);
    return commit === undefined ? undefined : { commit, kind: 'default', tag: await tagAt(gitDir, commit) };
  }
  const tagged = await revParse(gitDir, `refs/tags/${ref}`);
  if (tagged) return { commit: tagged, kind: 'tag', tag: ref };
  const branch = await revParse(gitDir, `refs/heads/${ref}`);
  if (branch) return { commit: branch, kind: 'branch', tag: await tagAt(gitDir, branch) };
  if (SHORT_SHA.test(ref)) {
    const commit = await revParse(gitDir, ref);
    if (commit) return { commit, kind: 'commit', tag: await tagAt(gitDir, commit) };
  }
  return undefined;
}

/** The commit `name` names (peeling a tag), or undefined. */
async function revParse(gitDir: string, name: string): Promise<string | undefined> {
  const result = await runGitOutcome(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`], { gitDir, doing: `resolve ${name}` });
  const commit = result.stdout.toString('utf8').trim();
  return result.code === 0 && FULL_SHA.test(commit) ? commit : undefined;
}

/** The highest version tag pointing at `commit`, if any: an untagged branch head has none. */
async function tagAt(gitDir: string, commit: string): Promise<string | undefined> {
  const out = await runGit(['for-each-ref', `--points-at=${commit}`, '--sort=-version:refname', '--format=%(refname:strip=2)', 'refs/tags'], { gitDir, doing: 'list tags' });
  return out.toString('utf8').split('\n').find((line) => line !== '');
}

/** Creates the bare repository whole (made aside, renamed into place), unless it is there. */
async function ensureBareRepository(paths: HomePaths, gitDir: string): Promise<void> {
  if (await pathExists(join(gitDir, 'HEAD'))) return;
  await mkdir(paths.sourcesDir, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', paths.sourcesDir, error);
  });
  const staging = `${gitDir}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await runGit(['init', '--bare', '--quiet', '--', staging], { doing: `create the source cache ${gitDir}` });
    // A half-made cache left by a killed process is replaced: it is derived data.
    await rm(gitDir, { recursive: true, force: true });
    await rename(staging, gitDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error instanceof SkillmeatError ? error : ioError('create the source cache', gitDir, error);
  }
}
