import type { HomePaths } from './home-paths.js';
import { readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { SkillmeatError } from '../errors.js';
import { retentionPolicyFromToml, type RetentionPolicy } from '../snapshots/retention.js';

const DEFAULT_COLLECTION = 'default';

/** `config.toml`: `[settings] default-collection = "…"`; other keys are kept as they are. */
export interface HomeConfig {
  readonly defaultCollection: string;
  readonly raw: TomlTable;
}

/** Reads `config.toml`; a missing file means the defaults. */
export async function readConfig(paths: HomePaths): Promise<HomeConfig> {
  const raw = (await readTomlFile(paths.configFile)) ?? {};
  const settings = raw.settings;
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) {
    throw new SkillmeatError('corrupt_file', `${paths.configFile}: [settings] must be a table.`, { path: paths.configFile });
  }
  const chosen = (settings as TomlTable | undefined)?.['default-collection'];
  if (chosen !== undefined && typeof chosen !== 'string') {
    throw new SkillmeatError('corrupt_file', `${paths.configFile}: settings.default-collection must be a string.`, { path: paths.configFile });
  }
  return { defaultCollection: chosen ?? DEFAULT_COLLECTION, raw };
}

/** Sets the active collection, keeping every other setting. */
export async function writeDefaultCollection(paths: HomePaths, name: string): Promise<void> {
  const { raw } = await readConfig(paths);
  const settings = { ...((raw.settings as TomlTable | undefined) ?? {}), 'default-collection': name };
  await writeTomlFile(paths.configFile, { ...raw, settings });
}

/** The `[retention]` policy for automatic snapshots; the defaults when the file or table is absent. */
export async function readRetentionPolicy(paths: HomePaths): Promise<RetentionPolicy> {
  const { raw } = await readConfig(paths);
  return retentionPolicyFromToml(raw.retention, paths.configFile);
}
