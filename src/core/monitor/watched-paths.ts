import type { Stats } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { DEPLOYMENT_FILE } from '../deploy/deployment-file.js';
import { isIgnoredName } from '../fs/ignore.js';

/** Decides, for a path chokidar meets, whether to leave it unwatched (`stats` when chokidar has them). */
export type WatchFilter = (path: string, stats?: Stats) => boolean;

/** The project write lock (`ProjectPaths.lockFile`): taken and released by every write to a project. */
const PROJECT_LOCK = '.skillmeat.lock';
/** `tempPathBeside` names with any tag (`.tmp` for atomic writes, `.stale` for lock takeover). */
const OWN_TEMP_ANY_TAG = /^\..+\.\d+\.[0-9a-f]{8}\.[a-z]+$/;
/** Staging folders of collection writes (`collections.ts`, `collection-artifacts.ts`). */
const COLLECTION_STAGING = '.staging-';

/**
 * True for an entry whose changes cannot change drift: what every artifact operation ignores, and
 * SkillMeat's own transient files (staging folders, temp files, locks). The deployment record is
 * the one `.skillmeat-` file kept: deploy, sync and undeploy rewrite it, and drift is read from it.
 */
export function isWatchNoise(name: string, isDirectory: boolean | undefined): boolean {
  if (name === DEPLOYMENT_FILE) return false;
  // Without stats the type is unknown: folder-only patterns wait for the call that has them.
  return isIgnoredName(name, isDirectory ?? false) || name === PROJECT_LOCK || name.startsWith(COLLECTION_STAGING) || OWN_TEMP_ANY_TAG.test(name);
}

/** What to leave unwatched in a project: everything outside its `.claude/` folder, and noise inside it. */
export function projectWatchFilter(projectRoot: string): WatchFilter {
  return (path, stats) => {
    const rel = relative(projectRoot, path);
    if (rel === '' || isAncestor(path, projectRoot)) return false;
    const [first, ...rest] = rel.split(sep);
    if (first !== '.claude') return true;
    return rest.length > 0 && isWatchNoise(basename(path), stats?.isDirectory());
  };
}

/** What to leave unwatched under the collections root: noise only (every collection may be deployed from). */
export function collectionsWatchFilter(collectionsRoot: string): WatchFilter {
  return (path, stats) => {
    const rel = relative(collectionsRoot, path);
    if (rel === '' || isAncestor(path, collectionsRoot)) return false;
    if (rel.startsWith('..') || isAbsolute(rel)) return true;
    return isWatchNoise(basename(path), stats?.isDirectory());
  };
}

/** True when `path` is a folder above `root`: chokidar watches those while `root` does not exist yet. */
function isAncestor(path: string, root: string): boolean {
  const down = relative(path, root);
  return down !== '' && !down.startsWith('..') && !isAbsolute(down);
}
