import { rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type Logger } from 'typeorm';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { CACHE_ENTITIES } from './cache-entities.js';
import { InitialCache1795478400000 } from './migrations/0001-initial.js';
import { VersionsCache1795564800000 } from './migrations/0002-versions.js';
import { VersionScope1796169600000 } from './migrations/0003-version-scope.js';

/** How long a statement waits for another process's write (the CLI and the app share the file). */
const BUSY_TIMEOUT_MS = 5000;

/** Said once, when opening found a damaged cache file and replaced it with an empty one. */
export interface CacheNotice {
  readonly kind: 'cache_recreated';
  /** Where the damaged file was moved (kept for inspection; safe to delete). */
  readonly movedTo: string;
  readonly message: string;
}

export interface OpenedDataSource {
  readonly dataSource: DataSource;
  readonly notice: CacheNotice | null;
}

const MIGRATIONS = [InitialCache1795478400000, VersionsCache1795564800000, VersionScope1796169600000];

// Two processes opening a brand-new file at once can both try to create the schema; the loser
// fails with "already exists" or SQLITE_BUSY and, on a retry, finds the migration recorded.
const OPEN_ATTEMPTS = 5;

/**
 * Opens the cache at `path` with its schema migrated. A file that is not a SQLite database, or is
 * damaged, is moved aside to `<path>.corrupt-<time>` and replaced by an empty cache: the cache only
 * holds what the next drift check recomputes, so losing it costs a re-check, never data.
 */
export async function openCacheDataSource(path: string): Promise<OpenedDataSource> {
  try {
    return { dataSource: await initializeWithRetry(path), notice: null };
  } catch (error) {
    if (!isDamagedDatabase(error)) throw openError(path, error);
    const movedTo = await moveAside(path);
    const dataSource = await initializeWithRetry(path).catch((retryError: unknown) => {
      throw openError(path, retryError);
    });
    const reason = error instanceof Error ? error.message : String(error);
    const message = `The cache database ${path} was unreadable (${reason}); it was moved to ${movedTo} and a new one created. Nothing is lost: the next drift check refills it.`;
    return { dataSource, notice: { kind: 'cache_recreated', movedTo, message } };
  }
}

async function initializeWithRetry(path: string): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await initialize(path);
    } catch (error) {
      if (attempt >= OPEN_ATTEMPTS || !isSchemaRace(error)) throw error;
      await sleep(20 * attempt + Math.random() * 30);
    }
  }
}

async function initialize(path: string): Promise<DataSource> {
  let connection: BetterSqlite3.Database | undefined;
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path,
    entities: CACHE_ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'all',
    synchronize: false,
    enableWAL: true,
    timeout: BUSY_TIMEOUT_MS,
    logging: false,
    logger: SILENT,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      connection = db;
      // WAL with NORMAL sync cannot corrupt the file; a power cut may lose the last commits,
      // which for a cache only means one more re-check.
      db.pragma('synchronous = NORMAL');
      // Damage found now is repaired by starting afresh; found later, it would fail an operation.
      // Costs ~5 ms on a cache of 100 projects × 50 artifacts.
      const verdict: unknown = db.pragma('quick_check', { simple: true });
      if (verdict !== 'ok') throw new DamagedCacheError(String(verdict));
    },
  });
  try {
    return await dataSource.initialize();
  } catch (error) {
    // TypeORM closes what it opened only once connected; a file that fails its first pragma
    // would otherwise stay open, and Windows cannot move an open file aside.
    if (connection?.open) connection.close();
    throw error;
  }
}

/** The SQLite result code of an error from better-sqlite3, directly or wrapped by TypeORM. */
function sqliteCode(error: unknown): string | undefined {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/** SQLite's own integrity check found damage that opening alone did not trip over. */
class DamagedCacheError extends Error {
  constructor(finding: string) {
    super(`integrity check failed: ${finding}`);
  }
}

function isDamagedDatabase(error: unknown): boolean {
  if (error instanceof DamagedCacheError) return true;
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT') === true;
}

function isSchemaRace(error: unknown): boolean {
  const code = sqliteCode(error);
  if (code?.startsWith('SQLITE_BUSY')) return true;
  return code === 'SQLITE_ERROR' && error instanceof Error && /already exists/.test(error.message);
}

async function moveAside(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const movedTo = `${path}.corrupt-${stamp}`;
  // A -wal or -shm file still there belongs to the damaged file: it goes with it, so nothing of the
  // old database lingers beside the new one and the set stays whole for inspection.
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      await rename(path + suffix, movedTo + suffix);
    } catch (error) {
      if (suffix !== '' && isErrnoCode(error, 'ENOENT')) continue;
      throw ioError('move aside the damaged cache file', path + suffix, error);
    }
  }
  return movedTo;
}

function openError(path: string, error: unknown): SkillmeatError {
  return cacheError(path, 'open the cache database', error);
}

/** A SQLite failure as a SkillmeatError a user can act on; `action` says what we were doing. */
export function cacheError(path: string, action: string, error: unknown): SkillmeatError {
  if (error instanceof SkillmeatError) return error;
  const code = sqliteCode(error);
  if (code?.startsWith('SQLITE_BUSY')) {
    return new SkillmeatError('busy', `Could not ${action}: ${path} stayed locked by another SkillMeat process. Try again in a moment.`, { path });
  }
  if (isDamagedDatabase(error)) {
    return new SkillmeatError('corrupt_file', `Could not ${action}: ${path} is damaged. It only holds cached drift results: the next start of SkillMeat replaces it with a fresh one.`, { path });
  }
  return ioError(action, path, error);
}

function ignore(): void {}

// TypeORM prints migration failures to stdout even with `logging: false`; the core never writes
// to the console (the CLI's --json output must stay clean). Errors still propagate as exceptions.
const SILENT: Logger = {
  logQuery: ignore,
  logQueryError: ignore,
  logQuerySlow: ignore,
  logSchemaBuild: ignore,
  logMigration: ignore,
  log: ignore,
};
