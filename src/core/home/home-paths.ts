import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { nameProblem } from '../../shared/names.js';
import { SkillmeatError } from '../errors.js';

/** Every path under `$SKILLMEAT_HOME` (versioning spec, section 1), derived in one place. */
export interface HomePaths {
  readonly root: string;
  readonly configFile: string;
  readonly projectsFile: string;
  readonly collectionsDir: string;
  readonly snapshotsDir: string;
  readonly auditDir: string;
  readonly objectsDir: string;
  readonly cacheDb: string;
  /**
   * The Python SkillMeat's database (another schema): never opened for writing. Our cache used this
   * name before 0.2; such a file of ours is removed when our cache is first created (legacy-cache.ts).
   */
  readonly pythonCacheDb: string;
  /** What the hash cache learned, kept between processes (derived data, like cacheDb). */
  readonly hashIndex: string;
  readonly locksDir: string;
  /** Bare git repositories fetched for upstream sources (sources/source-cache.ts): derived data, refetched when gone. */
  readonly sourcesDir: string;
  /** The secret that signs this home's journals (fs/journal-key.ts): recovery replays only those. */
  readonly journalKey: string;
}

/** The home root: an explicit `--home`, else `$SKILLMEAT_HOME`, else `~/.skillmeat`. */
export function resolveHomeRoot(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? (env.SKILLMEAT_HOME || undefined) ?? join(homedir(), '.skillmeat');
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}

/** All paths of a home rooted at `root`. */
export function homePaths(root: string): HomePaths {
  return {
    root,
    configFile: join(root, 'config.toml'),
    projectsFile: join(root, 'projects.toml'),
    collectionsDir: join(root, 'collections'),
    snapshotsDir: join(root, 'snapshots'),
    auditDir: join(root, 'audit'),
    objectsDir: join(root, 'objects'),
    cacheDb: join(root, 'cache', 'skillmeat-desktop.db'),
    pythonCacheDb: join(root, 'cache', 'cache.db'),
    hashIndex: join(root, 'cache', 'hash-index.json'),
    locksDir: join(root, 'locks'),
    sourcesDir: join(root, 'sources'),
    journalKey: join(root, 'journal.key'),
  };
}

/** Folder of a collection; refuses a name that could escape `collections/`. */
export function collectionDir(paths: HomePaths, name: string): string {
  assertValidName(name, 'collection');
  return join(paths.collectionsDir, name);
}

/** Lock file guarding writes to one collection (kept outside it so snapshots never archive it). */
export function collectionLockPath(paths: HomePaths, name: string): string {
  assertValidName(name, 'collection');
  return join(paths.locksDir, `collection-${name}.lock`);
}

/** Throws `invalid_name` when `name` breaks the naming rules. */
export function assertValidName(name: string, what: string): void {
  const problem = nameProblem(name);
  if (problem) {
    throw new SkillmeatError('invalid_name', `Invalid ${what} name ${JSON.stringify(name)}: ${problem}. Use a plain name such as "my-${what}".`, { name });
  }
}
