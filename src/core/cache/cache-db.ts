/**
 * The cache at `$SKILLMEAT_HOME/cache/skillmeat-desktop.db` (a file of its own: `cache.db` is the
 * Python SkillMeat's, another schema): the last drift check of every project, so the app
 * can paint at once. It is derived data only: every fact in it is recomputed from the files by the
 * next drift check, so deleting it loses nothing (the next open recreates the schema).
 */
import { basename, isAbsolute } from 'node:path';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { SkillmeatError } from '../errors.js';
import { rfc3339, toRfc3339 } from '../time.js';
import {
  artifactFields,
  assertValidRows,
  cachedArtifact,
  checkDigest,
  recordKey,
  sameFields,
  type ArtifactFields,
  type CachedArtifact,
  type DriftCheckRow,
} from './artifact-row.js';
import type { HomePaths } from '../home/home-paths.js';
import { pathExists } from '../fs/path-exists.js';
import { retireOurLegacyCache } from './legacy-cache.js';
import { cacheError, openCacheDataSource, type CacheNotice } from './cache-data-source.js';
import { ArtifactEntity, ProjectEntity, type ArtifactRecord, type ProjectRecord } from './cache-entities.js';

/** A project as the cache knows it: its summary as of the last recorded drift check. */
export interface CachedProject {
  readonly path: string;
  readonly name: string;
  /** When the stored result was recorded (RFC 3339); null until a drift check was recorded. */
  readonly lastCheckedAt: string | null;
  /** Deployment records whose drift needs action. */
  readonly driftCount: number;
  /** Informational `added` entries (not drift that needs action). */
  readonly addedCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * What `recordDriftCheck` did: `written` stored the new result; `unchanged` found it already stored
 * and wrote nothing; `stale` ignored it because a later check (by another process) is stored.
 */
export type RecordOutcome = 'written' | 'unchanged' | 'stale';

/**
 * Opens a home's cache. The first time (no file of ours yet), a `cache/cache.db` an older version of
 * ours left is removed, so the Python tool can have its own name back; the Python tool's file is
 * never touched.
 */
export async function openHomeCache(paths: Pick<HomePaths, 'cacheDb' | 'pythonCacheDb'>): Promise<CacheDb> {
  if (!(await pathExists(paths.cacheDb))) await retireOurLegacyCache(paths.pythonCacheDb);
  return openCacheDb(paths.cacheDb);
}

/** Opens the cache database at `path` (an absolute path), creating its folder, file and schema as needed. */
export async function openCacheDb(path: string): Promise<CacheDb> {
  if (!isAbsolute(path)) throw new SkillmeatError('invalid_input', `The cache database path must be absolute, got ${JSON.stringify(path)}.`, { path });
  const { dataSource, notice } = await openCacheDataSource(path);
  return new CacheDb(dataSource, path, notice);
}

// Ids per DELETE, well under SQLite's limit of 32,766 bound parameters.
const DELETE_BATCH = 500;

interface CheckResult {
  readonly checkedAt: string;
  readonly fields: ReadonlyMap<string, ArtifactFields>;
  readonly driftCount: number;
  readonly addedCount: number;
  readonly digest: string;
}

/** An open cache database; obtain one with `openCacheDb`. Safe to share the file with other processes. */
export class CacheDb {
  // better-sqlite3 gives TypeORM one connection with one shared query runner, so two overlapping
  // calls would run inside each other's transactions. Every call therefore waits for the last one.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    /** Absolute path of the database file. */
    readonly path: string,
    /** Set when opening replaced a damaged file; the caller shows it once. */
    readonly notice: CacheNotice | null,
  ) {}

  /** Adds a project, or renames it; writes nothing when it is already stored under that name. */
  async upsertProject(path: string, name: string): Promise<CachedProject> {
    assertProjectPath(path);
    if (name.trim() === '') throw new SkillmeatError('invalid_input', `The project at ${path} needs a non-empty name.`, { path });
    return this.serial('store the project in', async () => {
      const stored = await this.dataSource.manager.findOneBy(ProjectEntity, { path });
      if (stored?.name === name) return cachedProject(stored);
      return this.writeTransaction(async (manager) => {
        const now = rfc3339();
        const current = await manager.findOneBy(ProjectEntity, { path });
        if (!current) return cachedProject(await insertProject(manager, path, name, now));
        await manager.update(ProjectEntity, { id: current.id }, { name, updatedAt: now });
        return cachedProject({ ...current, name, updatedAt: now });
      });
    });
  }

  /** Forgets a project and its artifacts; false when it was not stored. */
  async removeProject(path: string): Promise<boolean> {
    assertProjectPath(path);
    return this.serial('remove the project from', async () => {
      // Its artifact rows go with it: ON DELETE CASCADE.
      const result = await this.dataSource.manager.delete(ProjectEntity, { path });
      return (result.affected ?? 0) > 0;
    });
  }

  /** Every stored project, by path. */
  async listProjects(): Promise<CachedProject[]> {
    return this.serial('read the projects from', async () => {
      const projects = await this.dataSource.manager.find(ProjectEntity, { order: { path: 'ASC' } });
      return projects.map(cachedProject);
    });
  }

  /** The artifacts the project's last recorded drift check saw; empty for a project not stored. */
  async projectArtifacts(projectPath: string): Promise<CachedArtifact[]> {
    assertProjectPath(projectPath);
    return this.serial('read the artifacts from', async () => {
      const project = await this.dataSource.manager.findOneBy(ProjectEntity, { path: projectPath });
      if (!project) return [];
      const artifacts = await this.dataSource.manager.find(ArtifactEntity, {
        where: { projectId: project.id },
        order: { collection: 'ASC', type: 'ASC', name: 'ASC' },
      });
      return artifacts.map(cachedArtifact);
    });
  }

  /**
   * Stores a drift check of a project (adding the project, named after its folder, if the cache
   * lacks it — so a deleted cache refills from the next check): its artifact rows become `rows`,
   * its counts and last_checked_at follow, all in one transaction. When the stored result already
   * equals this one, nothing is written at all — not even last_checked_at — so a warm re-check of
   * every project costs one read each and never takes the write lock.
   */
  async recordDriftCheck(projectPath: string, checkedAt: string, rows: readonly DriftCheckRow[], addedCount = 0): Promise<RecordOutcome> {
    assertProjectPath(projectPath);
    const checked = toRfc3339(checkedAt);
    if (checked === undefined) throw new SkillmeatError('invalid_input', `The drift check time ${JSON.stringify(checkedAt)} is not an RFC 3339 timestamp.`, { checked_at: checkedAt });
    if (!Number.isInteger(addedCount) || addedCount < 0) throw new SkillmeatError('invalid_input', `The added count must be a whole number ≥ 0, got ${addedCount}.`, { added_count: addedCount });
    assertValidRows(rows);
    const fields = new Map(rows.map((row) => [recordKey(row), artifactFields(row)]));
    const result: CheckResult = {
      checkedAt: checked,
      fields,
      driftCount: rows.filter((row) => row.driftType !== null).length,
      addedCount,
      digest: checkDigest(fields, addedCount),
    };
    return this.serial('record the drift check in', async () => {
      // Decided first without a lock: the common case (nothing changed) ends here, after one read.
      const verdict = verdictFor(await projectStamp(this.dataSource.manager, projectPath), result);
      if (verdict !== 'written') return verdict;
      return this.writeTransaction(async (manager) => {
        // Decided again under the write lock: another process may have recorded in between.
        const recheck = verdictFor(await projectStamp(manager, projectPath), result);
        if (recheck === 'written') await storeCheck(manager, projectPath, result);
        return recheck;
      });
    });
  }

  /**
   * Runs `work` on this database's one connection, queued behind every other call (inside one
   * BEGIN IMMEDIATE transaction when `write`): how stores of other tables, such as versions, share it.
   */
  async withManager<T>(action: string, write: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serial(action, () => (write ? this.writeTransaction(work) : work(this.dataSource.manager)));
  }

  /** Closes the database once pending calls have finished; closing twice is harmless. */
  async close(): Promise<void> {
    return this.serial('close', async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }

  private serial<T>(action: string, work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work).catch((error: unknown) => {
      throw cacheError(this.path, `${action} the cache database`, error);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  // BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout). TypeORM's own
  // transactions begin DEFERRED, and a deferred reader that later writes fails at once with
  // SQLITE_BUSY when another process committed in between — no timeout helps there.
  private async writeTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.query('BEGIN IMMEDIATE');
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // The original error is what the caller needs; a failed rollback (SQLite may already have
      // rolled back on its own) adds nothing to it.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/** What deciding "unchanged" or "stale" needs of a project row. */
interface ProjectStamp {
  readonly lastCheckedAt: string | null;
  readonly checkDigest: string | null;
}

// Plain SQL on the hot path: the same lookup through the repository API costs ~0.4 ms (query
// building and hydration) against ~0.02 ms here, and a warm re-check of every project is only this.
const PROJECT_STAMP_SQL = 'SELECT last_checked_at AS lastCheckedAt, check_digest AS checkDigest FROM projects WHERE path = ?';

async function projectStamp(manager: EntityManager, projectPath: string): Promise<ProjectStamp | undefined> {
  const rows: ProjectStamp[] = await manager.query(PROJECT_STAMP_SQL, [projectPath]);
  return rows[0];
}

function verdictFor(stamp: ProjectStamp | undefined, result: CheckResult): RecordOutcome {
  if (!stamp || stamp.lastCheckedAt === null) return 'written';
  // RFC 3339 UTC strings of one precision order like the times they name.
  if (stamp.lastCheckedAt > result.checkedAt) return 'stale';
  return stamp.checkDigest === result.digest ? 'unchanged' : 'written';
}

// Rows are updated in place rather than deleted and re-inserted, so a record keeps its id and
// created_at across checks (later tables, such as artifact versions, will refer to it).
async function storeCheck(manager: EntityManager, projectPath: string, result: CheckResult): Promise<void> {
  const now = rfc3339();
  const project = (await manager.findOneBy(ProjectEntity, { path: projectPath })) ?? (await insertProject(manager, projectPath, basename(projectPath), now));
  const storedRows = await manager.findBy(ArtifactEntity, { projectId: project.id });
  const stored = new Map(storedRows.map((artifact) => [recordKey(artifact), artifact]));
  const gone = storedRows.filter((artifact) => !result.fields.has(recordKey(artifact))).map((artifact) => artifact.id);
  for (let start = 0; start < gone.length; start += DELETE_BATCH) {
    await manager.delete(ArtifactEntity, { id: In(gone.slice(start, start + DELETE_BATCH)) });
  }
  const fresh: Omit<ArtifactRecord, 'id'>[] = [];
  for (const [key, fields] of result.fields) {
    const current = stored.get(key);
    if (!current) fresh.push({ ...fields, projectId: project.id, createdAt: now, updatedAt: now });
    else if (!sameFields(current, fields)) await manager.update(ArtifactEntity, { id: current.id }, { ...fields, updatedAt: now });
  }
  await insertArtifacts(manager, fresh);
  await manager.update(ProjectEntity, { id: project.id }, {
    lastCheckedAt: result.checkedAt,
    driftCount: result.driftCount,
    addedCount: result.addedCount,
    checkDigest: result.digest,
    updatedAt: now,
  });
}

// One prepared single-row INSERT, run per row from the statement cache: ~2× faster over a cold
// check than TypeORM's insert builder, whose parameter handling dominated it (~3 ms per 50 rows).
// The columns come from the entity's metadata, so they are spelled in one place.
async function insertArtifacts(manager: EntityManager, records: readonly Omit<ArtifactRecord, 'id'>[]): Promise<void> {
  const columns = manager.connection.getMetadata(ArtifactEntity).columns.filter((column) => !column.isGenerated);
  const sql = `INSERT INTO "artifacts" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  for (const record of records) {
    await manager.query(sql, columns.map((column) => sqlValue(column.getEntityValue(record))));
  }
}

function sqlValue(value: unknown): unknown {
  return typeof value === 'boolean' ? Number(value) : value;
}

async function insertProject(manager: EntityManager, path: string, name: string, now: string): Promise<ProjectRecord> {
  await manager.insert(ProjectEntity, { path, name, lastCheckedAt: null, driftCount: 0, addedCount: 0, checkDigest: null, createdAt: now, updatedAt: now });
  return manager.findOneByOrFail(ProjectEntity, { path });
}

function cachedProject(record: ProjectRecord): CachedProject {
  return {
    path: record.path,
    name: record.name,
    lastCheckedAt: record.lastCheckedAt,
    driftCount: record.driftCount,
    addedCount: record.addedCount,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function assertProjectPath(path: string): void {
  if (!isAbsolute(path)) throw new SkillmeatError('invalid_input', `A project path must be absolute, got ${JSON.stringify(path)}.`, { path });
}
