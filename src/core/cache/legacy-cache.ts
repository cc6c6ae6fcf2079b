/**
 * `cache/cache.db` is the Python SkillMeat's database (versioning spec 10): we never open it for
 * writing, migrate it or add to it. Versions of ours before 0.2 kept their own cache under that name;
 * such a file, recognizably ours alone (only our tables, only our migrations recorded), is removed
 * the first time the cache is opened, so the Python tool can create its own there. Anything else
 * under that name is left exactly as it is.
 */
import { rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { pathExists } from '../fs/path-exists.js';

/** The tables our cache has ever had (SQLite adds sqlite_sequence for AUTOINCREMENT). */
const OUR_TABLES = new Set(['migrations', 'projects', 'artifacts', 'artifact_versions', 'version_parents', 'sqlite_sequence']);
/** The migrations our cache has ever recorded. */
const OUR_MIGRATIONS = /^(InitialCache|VersionsCache|VersionScope)\d{13}$/;

/** True when the SQLite file at `path` holds our cache alone. Read-only; false when it cannot be read. */
export function isOurLegacyCache(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('migrations') || tables.some((table) => !OUR_TABLES.has(table))) return false;
    const migrations = db.prepare('SELECT name FROM migrations').pluck().all() as unknown[];
    return migrations.length > 0 && migrations.every((name) => typeof name === 'string' && OUR_MIGRATIONS.test(name));
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Removes `path` (and its WAL files) when it is a cache of ours; returns whether it did. Never throws. */
export async function retireOurLegacyCache(path: string): Promise<boolean> {
  if (!(await pathExists(path)) || !isOurLegacyCache(path)) return false;
  try {
    for (const suffix of ['-wal', '-shm', '']) await rm(`${path}${suffix}`, { force: true });
    return true;
  } catch {
    return false;
  }
}
