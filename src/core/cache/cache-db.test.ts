import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCacheDb, type CacheDb } from './cache-db.js';
import type { DriftCheckRow } from './artifact-row.js';
import { afterThisTest, tempDir } from '../../../test/support/temp-files.js';

const require = createRequire(import.meta.url);

// temp-files.ts rather than fixtures.ts: the latter loads the whole core facade, and the cache must be testable on its own.

/** The cache path of a fresh temporary home (its `cache/` folder does not exist yet). */
async function tempCachePath(): Promise<string> {
  return join(await tempDir('skillmeat-cache-'), 'cache', 'cache.db');
}

async function opened(path: string): Promise<CacheDb> {
  const db = await openCacheDb(path);
  afterThisTest(() => db.close());
  return db;
}

/** A second, plain SQLite connection to the file, to look at what is really stored. */
function rawConnection(path: string): Database.Database {
  const raw = new Database(path);
  afterThisTest(() => raw.close());
  return raw;
}

function row(name: string, overrides: Partial<DriftCheckRow> = {}): DriftCheckRow {
  return {
    name,
    type: 'skill',
    collection: 'default',
    source: 'local',
    deployedVersion: '1.0.0',
    upstreamVersion: '1.0.0',
    driftType: null,
    baselineSha: 'b'.repeat(64),
    collectionSha: 'b'.repeat(64),
    projectSha: 'b'.repeat(64),
    deployedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const T1 = '2026-03-01T10:00:00Z';
const T2 = '2026-03-01T11:00:00Z';

describe('openCacheDb', () => {
  it('creates the cache folder, the file and the schema in a new home', async () => {
    const path = await tempCachePath();
    await opened(path);
    const tables = rawConnection(path).prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['artifact_versions', 'artifacts', 'migrations', 'projects', 'sqlite_sequence', 'version_parents']);
  });

  it('keeps what was stored across close and reopen', async () => {
    const path = await tempCachePath();
    const first = await openCacheDb(path);
    await first.recordDriftCheck('/work/app', T1, [row('lint')]);
    await first.close();
    const second = await opened(path);
    expect((await second.projectArtifacts('/work/app')).map((a) => a.name)).toEqual(['lint']);
    expect(rawConnection(path).prepare('SELECT count(*) FROM migrations').pluck().get()).toBe(3);
  });

  it('leaves the file in WAL mode', async () => {
    const path = await tempCachePath();
    await opened(path);
    expect(rawConnection(path).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('recreates an empty schema when the file was deleted', async () => {
    const path = await tempCachePath();
    const first = await openCacheDb(path);
    await first.recordDriftCheck('/work/app', T1, [row('lint')]);
    await first.close();
    await rm(path);
    const second = await opened(path);
    expect(await second.listProjects()).toEqual([]);
    await second.recordDriftCheck('/work/app', T2, [row('lint')]);
    expect(await second.listProjects()).toHaveLength(1);
  });

  it('says nothing when the file was sound', async () => {
    const db = await opened(await tempCachePath());
    expect(db.notice).toBeNull();
  });

  it('moves a file that is not SQLite aside, starts an empty cache and says so', async () => {
    const path = await tempCachePath();
    await opened(path).then((db) => db.close());
    await writeFile(path, 'this is not a database '.repeat(200));
    const db = await opened(path);
    expect(db.notice?.kind).toBe('cache_recreated');
    expect(db.notice?.movedTo).toMatch(/cache\.db\.corrupt-\d{8}T\d{9}Z$/);
    expect(db.notice?.message).toContain(path);
    expect(await readFile(db.notice?.movedTo ?? '', 'utf8')).toContain('this is not a database');
    expect(await db.listProjects()).toEqual([]);
    await db.recordDriftCheck('/work/app', T1, [row('lint')]);
    expect(await db.projectArtifacts('/work/app')).toHaveLength(1);
  });

  it('moves a SQLite file with damaged pages aside', async () => {
    const path = await tempCachePath();
    const first = await openCacheDb(path);
    for (let i = 0; i < 20; i++) await first.recordDriftCheck(`/work/p${i}`, T1, [row('a'), row('b'), row('c')]);
    await first.close(); // the last connection to close folds the WAL into the file
    const file = await open(path, 'r+');
    await file.write(Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 2);
    await file.close();
    const db = await opened(path);
    expect(db.notice?.kind).toBe('cache_recreated');
    expect(await db.listProjects()).toEqual([]);
  });

  it('refuses a relative path', async () => {
    await expect(openCacheDb('cache/cache.db')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('projects', () => {
  it('upsertProject stores a project once and renames it in place', async () => {
    const db = await opened(await tempCachePath());
    await db.upsertProject('/work/app', 'app');
    await db.upsertProject('/work/app', 'App');
    expect((await db.listProjects()).map((p) => [p.path, p.name, p.lastCheckedAt])).toEqual([['/work/app', 'App', null]]);
  });

  it('upsertProject writes nothing when the project is stored under that name', async () => {
    const path = await tempCachePath();
    const db = await opened(path);
    await db.upsertProject('/work/app', 'app');
    const observer = rawConnection(path);
    const before = observer.pragma('data_version', { simple: true });
    await db.upsertProject('/work/app', 'app');
    expect(observer.pragma('data_version', { simple: true })).toBe(before);
  });

  it('listProjects orders projects by path', async () => {
    const db = await opened(await tempCachePath());
    await db.upsertProject('/work/zeta', 'zeta');
    await db.upsertProject('/work/alpha', 'alpha');
    expect((await db.listProjects()).map((p) => p.path)).toEqual(['/work/alpha', '/work/zeta']);
  });

  it('removeProject removes the project and, by cascade, its artifacts', async () => {
    const path = await tempCachePath();
    const db = await opened(path);
    await db.recordDriftCheck('/work/app', T1, [row('a'), row('b')]);
    await db.recordDriftCheck('/work/other', T1, [row('a')]);
    expect(await db.removeProject('/work/app')).toBe(true);
    expect(await db.projectArtifacts('/work/app')).toEqual([]);
    expect(rawConnection(path).prepare('SELECT count(*) FROM artifacts').pluck().get()).toBe(1);
  });

  it('removeProject of a project it does not hold returns false', async () => {
    const db = await opened(await tempCachePath());
    expect(await db.removeProject('/work/nowhere')).toBe(false);
  });

  it('finds a project by its artifacts through the unique index, without a table scan', async () => {
    const path = await tempCachePath();
    await opened(path);
    const plan = rawConnection(path).prepare('EXPLAIN QUERY PLAN SELECT * FROM artifacts WHERE project_id = 1').all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX .*\(project_id=\?\)/);
  });
});

describe('recordDriftCheck', () => {
  it('stores the rows, the drift count, the added count and the check time', async () => {
    const db = await opened(await tempCachePath());
    await db.upsertProject('/work/app', 'app');
    const outcome = await db.recordDriftCheck('/work/app', T1, [row('a'), row('b', { driftType: 'modified' }), row('c', { driftType: 'removed' })], 2);
    expect(outcome).toBe('written');
    expect(await db.listProjects()).toMatchObject([{ path: '/work/app', name: 'app', lastCheckedAt: T1, driftCount: 2, addedCount: 2 }]);
    expect(await db.projectArtifacts('/work/app')).toMatchObject([
      { name: 'a', driftType: null },
      { name: 'b', driftType: 'modified' },
      { name: 'c', driftType: 'removed' },
    ]);
  });

  it('reads back every field it was given', async () => {
    const db = await opened(await tempCachePath());
    const given = row('lint', {
      type: 'command',
      collection: 'work',
      source: 'github:me/tools',
      deployedVersion: '1.0.0',
      upstreamVersion: '1.1.0',
      driftType: 'outdated',
      baselineSha: 'a'.repeat(64),
      collectionSha: 'c'.repeat(64),
      projectSha: null,
      deployedAt: '2026-02-01T08:00:00Z',
    });
    await db.recordDriftCheck('/work/app', T1, [given]);
    const [stored] = await db.projectArtifacts('/work/app');
    expect(stored).toMatchObject(given);
  });

  it('sets is_outdated and local_modified from the drift type', async () => {
    const db = await opened(await tempCachePath());
    const types = [null, 'outdated', 'modified', 'conflict', 'deleted', 'removed'] as const;
    await db.recordDriftCheck('/work/app', T1, types.map((driftType) => row(`x-${driftType ?? 'in-sync'}`, { driftType })));
    const flags = Object.fromEntries((await db.projectArtifacts('/work/app')).map((a) => [a.driftType ?? 'in sync', [a.isOutdated, a.localModified]]));
    expect(flags).toEqual({
      'in sync': [false, false],
      outdated: [true, false],
      modified: [false, true],
      conflict: [true, true],
      deleted: [false, false],
      removed: [false, false],
    });
  });

  it('replaces the rows with those of the new check, keeping the id of a row that stays', async () => {
    const path = await tempCachePath();
    const db = await opened(path);
    await db.recordDriftCheck('/work/app', T1, [row('keep'), row('change'), row('drop')]);
    const idOf = (name: string): unknown => rawConnection(path).prepare('SELECT id FROM artifacts WHERE name = ?').pluck().get(name);
    const keptId = idOf('keep');
    await db.recordDriftCheck('/work/app', T2, [row('keep'), row('change', { driftType: 'conflict' }), row('new')]);
    const stored = await db.projectArtifacts('/work/app');
    expect(stored.map((a) => [a.name, a.driftType])).toEqual([['change', 'conflict'], ['keep', null], ['new', null]]);
    expect(idOf('keep')).toBe(keptId);
    expect((await db.listProjects())[0]).toMatchObject({ lastCheckedAt: T2, driftCount: 1 });
  });

  it('writes nothing when the check found what is stored', async () => {
    const path = await tempCachePath();
    const db = await opened(path);
    const observer = rawConnection(path);
    const start = observer.pragma('data_version', { simple: true });
    await db.recordDriftCheck('/work/app', T1, [row('a'), row('b', { driftType: 'outdated' })], 1);
    const afterFirst = observer.pragma('data_version', { simple: true });
    expect(afterFirst).not.toBe(start); // the observer does see this connection's commits
    const outcome = await db.recordDriftCheck('/work/app', T2, [row('b', { driftType: 'outdated' }), row('a')], 1);
    expect(outcome).toBe('unchanged');
    expect(observer.pragma('data_version', { simple: true })).toBe(afterFirst);
    expect((await db.listProjects())[0]?.lastCheckedAt).toBe(T1);
  });

  it('records a check whose only change is the added count', async () => {
    const db = await opened(await tempCachePath());
    await db.recordDriftCheck('/work/app', T1, [row('a')], 0);
    expect(await db.recordDriftCheck('/work/app', T2, [row('a')], 3)).toBe('written');
    expect((await db.listProjects())[0]?.addedCount).toBe(3);
  });

  it('ignores a check older than the one stored', async () => {
    const db = await opened(await tempCachePath());
    await db.recordDriftCheck('/work/app', T2, [row('a', { driftType: 'modified' })]);
    expect(await db.recordDriftCheck('/work/app', T1, [row('a')])).toBe('stale');
    expect((await db.projectArtifacts('/work/app'))[0]?.driftType).toBe('modified');
  });

  it('adds a project it does not hold, named after its folder', async () => {
    const db = await opened(await tempCachePath());
    await db.recordDriftCheck('/work/my-app', T1, []);
    expect(await db.listProjects()).toMatchObject([{ path: '/work/my-app', name: 'my-app', lastCheckedAt: T1, driftCount: 0 }]);
  });

  it('leaves the rows of other projects alone', async () => {
    const db = await opened(await tempCachePath());
    await db.recordDriftCheck('/work/one', T1, [row('a'), row('b')]);
    await db.recordDriftCheck('/work/two', T1, [row('a')]);
    await db.recordDriftCheck('/work/two', T2, []);
    expect((await db.projectArtifacts('/work/one')).map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('stores and then drops more rows than one SQL statement can bind', async () => {
    const db = await opened(await tempCachePath());
    const many = Array.from({ length: 2100 }, (_, i) => row(`skill-${i}`));
    await db.recordDriftCheck('/work/app', T1, many);
    expect(await db.projectArtifacts('/work/app')).toHaveLength(2100);
    await db.recordDriftCheck('/work/app', T2, []);
    expect(await db.projectArtifacts('/work/app')).toEqual([]);
  });

  it('refuses a row given twice and stores nothing', async () => {
    const db = await opened(await tempCachePath());
    await db.recordDriftCheck('/work/app', T1, [row('a')]);
    await expect(db.recordDriftCheck('/work/app', T2, [row('b'), row('b', { driftType: 'modified' })])).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await db.projectArtifacts('/work/app')).map((a) => a.name)).toEqual(['a']);
  });

  it('refuses a check time that is not a timestamp', async () => {
    const db = await opened(await tempCachePath());
    await expect(db.recordDriftCheck('/work/app', 'yesterday', [])).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await db.listProjects()).toEqual([]);
  });

  it('refuses a relative project path', async () => {
    const db = await opened(await tempCachePath());
    await expect(db.recordDriftCheck('work/app', T1, [])).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('runs overlapping calls on one instance one after another', async () => {
    const db = await opened(await tempCachePath());
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => db.recordDriftCheck(`/work/p${i}`, T1, [row('a'), row('b')])));
    expect(outcomes).toEqual(Array(20).fill('written'));
    expect(await db.listProjects()).toHaveLength(20);
  });
});

describe('two instances on one file, as the CLI and the app', () => {
  it('each sees what the other stored', async () => {
    const path = await tempCachePath();
    const app = await opened(path);
    const cli = await opened(path);
    await app.recordDriftCheck('/work/app', T1, [row('a')]);
    expect((await cli.projectArtifacts('/work/app')).map((a) => a.name)).toEqual(['a']);
    await cli.recordDriftCheck('/work/app', T2, [row('a', { driftType: 'outdated' })]);
    expect((await app.projectArtifacts('/work/app'))[0]?.driftType).toBe('outdated');
    expect(await app.removeProject('/work/app')).toBe(true);
    expect(await cli.listProjects()).toEqual([]);
  });

  it('waits for another process that holds the write lock instead of failing', async () => {
    const path = await tempCachePath();
    const db = await opened(path);
    await db.recordDriftCheck('/work/app', T1, [row('a')]);
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE');
      db.exec("UPDATE projects SET name = name");
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 500);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    afterThisTest(() => holder.kill());
    const [firstOutput] = (await once(holder.stdout, 'data')) as [Buffer];
    expect(firstOutput.toString()).toContain('locked');
    const started = Date.now();
    expect(await db.recordDriftCheck('/work/app', T2, [row('a', { driftType: 'modified' })])).toBe('written');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('the cache folder', () => {
  it('is created when missing', async () => {
    const path = await tempCachePath();
    expect(existsSync(join(path, '..'))).toBe(false);
    await opened(path);
    expect(existsSync(path)).toBe(true);
  });
});
