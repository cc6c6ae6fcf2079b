import { existsSync } from 'node:fs';
import type { HomePaths } from './home-paths.js';
import { readConfig } from './config.js';
import { tomlFields } from '../toml/toml-fields.js';
import { SkillmeatError } from '../errors.js';

/**
 * The form of the files we create in a home (versioning spec 10). An existing file is always
 * written back in the dialect it was read in; this decides only for a file we create: a project's
 * first `.skillmeat-deployed.toml`, a collection's first `snapshots.toml`. `python` is the form the
 * Python SkillMeat reads (`[[deployed]]` with `artifact_name`, `content_hash`, … and naive UTC
 * string timestamps; snapshot entries with string timestamps and absolute `tarball_path`), so that
 * tool keeps working on what we add; `skillmeat` is ours.
 */
export type HomeFileFormat = 'skillmeat' | 'python';

const FORMATS: readonly HomeFileFormat[] = ['skillmeat', 'python'];

/**
 * `config.toml` `[desktop] file-format = "python" | "skillmeat"` when set; otherwise `python` in a
 * home the Python SkillMeat has used, `skillmeat` else. That tool marks a home it used in two ways
 * we can see without opening anything of its: it writes its default `config.toml` (with
 * `[analytics]`, `[artifact_search]` or `settings.update-strategy`) on its first run, and it keeps
 * its database at `cache/cache.db` (ours is elsewhere; one of our old ones there is removed when our
 * cache opens, see legacy-cache.ts).
 */
export async function homeFileFormat(paths: HomePaths): Promise<HomeFileFormat> {
  const { raw } = await readConfig(paths);
  const desktop = tomlFields(paths.configFile, 'top-level', raw).optionalTable('desktop');
  const chosen = desktop === undefined ? undefined : tomlFields(paths.configFile, '[desktop]', desktop).optionalText('file-format');
  if (chosen !== undefined) {
    if (!(FORMATS as readonly string[]).includes(chosen)) {
      throw new SkillmeatError('corrupt_file', `${paths.configFile}: [desktop] file-format is ${JSON.stringify(chosen)}; it must be "python" or "skillmeat".`, { path: paths.configFile });
    }
    return chosen as HomeFileFormat;
  }
  const settings = raw.settings;
  const pythonConfig = 'analytics' in raw || 'artifact_search' in raw || (typeof settings === 'object' && settings !== null && 'update-strategy' in settings);
  return pythonConfig || (await hasPythonDatabase(paths)) ? 'python' : 'skillmeat';
}

async function hasPythonDatabase(paths: HomePaths): Promise<boolean> {
  if (!existsSync(paths.pythonCacheDb)) return false;
  // Loaded only here: the SQLite binding is heavy, and most commands never ask.
  const { isOurLegacyCache } = await import('../cache/legacy-cache.js');
  return !isOurLegacyCache(paths.pythonCacheDb);
}
