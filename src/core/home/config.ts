import type { HomePaths } from './home-paths.js';
import { readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { tomlFields } from '../toml/toml-fields.js';
import { retentionPolicyFromToml, type RetentionPolicy } from '../snapshots/retention.js';

const DEFAULT_COLLECTION = 'default';

/** `config.toml`: `[settings] default-collection = "…"`; other keys are kept as they are. */
export interface HomeConfig {
  readonly defaultCollection: string;
  readonly raw: TomlTable;
}

/** Reads `config.toml`; a missing file means the defaults. A value of the wrong type is `corrupt_file`. */
export async function readConfig(paths: HomePaths): Promise<HomeConfig> {
  const raw = (await readTomlFile(paths.configFile)) ?? {};
  const settings = tomlFields(paths.configFile, 'top-level', raw).optionalTable('settings') ?? {};
  const chosen = tomlFields(paths.configFile, '[settings]', settings).optionalText('default-collection');
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

/**
 * `[desktop] upstream-check-minutes`: minutes between the app's background checks of the active
 * collection's git sources (0 turns them off); `fallback` when unset. A negative or non-integer
 * value is `corrupt_file`.
 */
export async function readUpstreamCheckMinutes(paths: HomePaths, fallback: number): Promise<number> {
  const { raw } = await readConfig(paths);
  const desktop = tomlFields(paths.configFile, 'top-level', raw).optionalTable('desktop');
  const fields = desktop === undefined ? undefined : tomlFields(paths.configFile, '[desktop]', desktop);
  const minutes = fields?.optionalInteger('upstream-check-minutes');
  if (minutes !== undefined && minutes < 0) throw fields!.problem('upstream-check-minutes', 'must be 0 (never) or a number of minutes');
  return minutes ?? fallback;
}
