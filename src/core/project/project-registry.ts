import { basename, isAbsolute, join, sep } from 'node:path';
import type { HomePaths } from '../home/home-paths.js';
import { SkillmeatError } from '../errors.js';
import { readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { tomlFields } from '../toml/toml-fields.js';
import { withWriteLock } from '../locks/write-lock.js';
import { toRfc3339 } from '../time.js';
import { CLAUDE_FOLDER } from './project-paths.js';

/** A project the app watches, as listed in `projects.toml` (the files, not the cache, hold it). */
export interface RegisteredProject {
  readonly path: string;
  readonly name: string;
  readonly added: string;
}

/** The registered projects, in the order they were added. A value of the wrong type is `corrupt_file`. */
export async function readProjectRegistry(paths: HomePaths): Promise<RegisteredProject[]> {
  const file = paths.projectsFile;
  const raw = (await readTomlFile(file)) ?? {};
  const list = tomlFields(file, 'top-level', raw).optionalTables('projects') ?? [];
  return list.map((entry, index) => {
    const fields = tomlFields(file, `[[projects]] #${index + 1}`, entry);
    const path = fields.text('path');
    // A relative path would resolve against wherever the app happens to run.
    if (!isAbsolute(path)) throw fields.problem('path', `is ${JSON.stringify(path)}, which is not an absolute path`);
    if (path.includes('\0')) throw fields.problem('path', 'contains a NUL character');
    const added = fields.optionalDateTimeOrText('added');
    const addedTime = added === undefined ? '1970-01-01T00:00:00Z' : toRfc3339(added);
    if (addedTime === undefined) throw fields.problem('added', `is ${JSON.stringify(String(added))}, which is not a valid date-time`);
    return { path, name: fields.optionalText('name') ?? basename(path), added: addedTime };
  });
}

/**
 * Registers a project (already resolved to its real path); registering it again changes nothing.
 * A folder inside a registered project's `.claude/` is refused: it holds that project's artifacts.
 */
export async function registerProject(paths: HomePaths, projectRoot: string, now: string): Promise<{ project: RegisteredProject; added: boolean }> {
  return withRegistryLock(paths, async () => {
    const projects = await readProjectRegistry(paths);
    const existing = projects.find((p) => p.path === projectRoot);
    if (existing) return { project: existing, added: false };
    const holder = projects.find((p) => projectRoot.startsWith(join(p.path, CLAUDE_FOLDER) + sep));
    if (holder) {
      throw new SkillmeatError('invalid_input', `${projectRoot} is inside the .claude folder of the project ${holder.name} (${holder.path}), where its artifacts are kept; it is not a project of its own.`, {
        path: projectRoot,
        project: holder.path,
      });
    }
    const project = { path: projectRoot, name: basename(projectRoot), added: now };
    await writeRegistry(paths, [...projects, project]);
    return { project, added: true };
  });
}

/** Unregisters a project (its files are not touched). */
export async function unregisterProject(paths: HomePaths, projectPath: string): Promise<RegisteredProject> {
  return withRegistryLock(paths, async () => {
    const projects = await readProjectRegistry(paths);
    const found = projects.find((p) => p.path === projectPath);
    if (!found) throw new SkillmeatError('not_found', `${projectPath} is not a registered project. See \`skillmeat projects list\`.`, { path: projectPath });
    await writeRegistry(paths, projects.filter((p) => p !== found));
    return found;
  });
}

async function writeRegistry(paths: HomePaths, projects: readonly RegisteredProject[]): Promise<void> {
  const table: TomlTable = { projects: projects.map((p) => ({ path: p.path, name: p.name, added: p.added })) };
  await writeTomlFile(paths.projectsFile, table, '# Projects SkillMeat watches. Managed by `skillmeat projects add|remove`.');
}

function withRegistryLock<T>(paths: HomePaths, work: () => Promise<T>): Promise<T> {
  return withWriteLock(join(paths.locksDir, 'projects.lock'), 'projects', work);
}
