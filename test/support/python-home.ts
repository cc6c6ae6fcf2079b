/**
 * A home and a project exactly as the Python SkillMeat leaves them (test/fixtures/python-home/): its
 * default config.toml, its collection.toml (naive timestamps with microseconds, a `workflow` entry,
 * `[[mcp_servers]]`), its lock, its `[[deployed]]` records with its own keys, its database, an
 * automatic deploy snapshot (string timestamp, absolute tarball_path, a real tar.gz of the collection
 * as deployed), a skill holding editor junk (its hash covers every file), and another tool's folder.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { hashArtifact } from '../../src/core/hash/content-hash.js';
import { tempDir } from './temp-files.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/python-home/', import.meta.url));

/** The id of the fixture's automatic deploy snapshot. */
export const PYTHON_SNAPSHOT_ID = '20251217-143510-123456';

export interface PythonMadeHome {
  readonly home: string;
  readonly project: string;
}

export async function pythonMadeHome(): Promise<PythonMadeHome> {
  const root = await tempDir('skillmeat-python-home-');
  const home = join(root, 'home');
  const project = join(root, 'project');
  await cp(join(FIXTURE, 'home'), home, { recursive: true });
  await cp(join(FIXTURE, 'project'), project, { recursive: true });
  await mkdir(join(home, 'cache'), { recursive: true });
  const db = new Database(join(home, 'cache', 'cache.db'));
  db.exec(readFileSync(join(FIXTURE, 'cache.sql'), 'utf8'));
  db.close();
  for (const file of [...(await filesUnder(home)), ...(await filesUnder(project))].filter((f) => /\.(toml|lock)$/.test(f))) {
    const text = await readFile(file, 'utf8');
    await writeFile(file, await fillIn(text, home));
  }
  // The tool archives the whole collection after a deploy, under its name (tar.add(path, arcname=name)).
  const tar = spawnSync('tar', ['-czf', join(home, 'snapshots', 'default', `${PYTHON_SNAPSHOT_ID}.tar.gz`), '-C', join(home, 'collections'), 'default']);
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  return { home, project };
}

/** Every regular file under `dir` (absolute paths), sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Every file's bytes under `dir`, keyed by path relative to it. */
export async function treeBytes(dir: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>();
  for (const file of await filesUnder(dir)) tree.set(relative(dir, file).split('\\').join('/'), await readFile(file));
  return tree;
}

/** `{{home}}` and `{{hash:<path in the home>}}` (the Python tool's hash: every file) filled in. */
async function fillIn(text: string, home: string): Promise<string> {
  let filled = text.replaceAll('{{home}}', home);
  for (const [placeholder, path] of [...filled.matchAll(/\{\{hash:([^}]+)\}\}/g)].map((m) => [m[0], m[1]!] as const)) {
    const hash = await hashArtifact(join(home, path), path.endsWith('.md') ? 'file' : 'folder', { everyFile: true });
    filled = filled.replaceAll(placeholder, hash!);
  }
  return filled;
}
