import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCacheDb } from '../cache/cache-db.js';
import { homePaths, type HomePaths } from '../home/home-paths.js';
import { hashArtifact, hashBytes } from '../hash/content-hash.js';
import { afterThisTest, workDir, writeTreeSync } from '../../../test/support/temp-files.js';
import { blobPath } from './object-store.js';
import type { FileContent } from '../merge/file-map.js';
import type { RecordInput } from './record-input.js';
import { VersionStore, type VersionStoreOptions } from './version-store.js';
import type { ArtifactRef, VersionRecord } from './version-record.js';

const CANVAS: ArtifactRef = { collection: 'default', name: 'canvas', type: 'skill' };
const REVIEW: ArtifactRef = { collection: 'default', name: 'review', type: 'command' };
const PROJECT = { kind: 'project', path: '/work/app' } as const;
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (content: FileContent | undefined): string | undefined => (content === undefined ? undefined : new TextDecoder().decode(content as Uint8Array));

interface Fixture {
  readonly work: string;
  readonly paths: HomePaths;
  store(options?: VersionStoreOptions): VersionStore;
  folder(name: string, files: Readonly<Record<string, string>>): string;
}

function fixture(): Fixture {
  const work = workDir('skillmeat-versions-');
  const paths = homePaths(join(work, 'home'));
  return {
    work,
    paths,
    store(options = {}) {
      const store = new VersionStore(paths, options);
      afterThisTest(() => store.close());
      return store;
    },
    folder: (name, files) => writeTreeSync(join(work, name), files),
  };
}

/** A clock that moves one minute on every reading, so created_at orders versions. */
function minuteClock(): () => Date {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 12, minute++));
}

function deploy(artifact: ArtifactRef, source: RecordInput['source'], parents: string[] = []): RecordInput {
  return { artifact, source, parents, createdBy: 'system', mergeStrategy: 'deploy', scope: PROJECT };
}

function rawRows(paths: HomePaths, sql: string, ...params: unknown[]): unknown[] {
  const raw = new Database(paths.cacheDb, { readonly: true });
  try {
    return raw.prepare(sql).all(...params);
  } finally {
    raw.close();
  }
}

function parentRows(paths: HomePaths, id: string): unknown[] {
  return rawRows(paths, 'SELECT parent_id, position FROM version_parents WHERE version_id = ? ORDER BY position', id);
}

describe('VersionStore.record', () => {
  it('stores a folder artifact whose files read back byte for byte', async () => {
    const f = fixture();
    const source = f.folder('canvas', { 'SKILL.md': '# Canvas\n', 'scripts/run.sh': 'echo hi\n', 'a/z.md': 'z' });
    const store = f.store();
    const version = await store.record(deploy(CANVAS, source));
    const files = await store.files(version);
    expect([...files.keys()]).toEqual(['SKILL.md', 'a/z.md', 'scripts/run.sh']);
    expect(text(files.get('scripts/run.sh'))).toBe('echo hi\n');
    expect(text(files.get('SKILL.md'))).toBe('# Canvas\n');
  });

  it('stores a file artifact as its one file under the path ""', async () => {
    const f = fixture();
    const source = join(f.work, 'review.md');
    writeFileSync(source, '# Review\n');
    const store = f.store();
    const version = await store.record(deploy(REVIEW, source));
    expect(Object.keys(version.files)).toEqual(['']);
    expect(text((await store.files(version)).get(''))).toBe('# Review\n');
  });

  it('gives the content hash hashArtifact gives the source', async () => {
    const f = fixture();
    const folder = f.folder('canvas', { 'SKILL.md': '# Skill\n', 'a/z.md': 'z', 'a-b.md': 'x', 'scripts/run.sh': 'echo hi\n', '.DS_Store': 'junk' });
    const file = join(f.work, 'review.md');
    writeFileSync(file, '# Skill\n');
    const store = f.store();
    const skill = await store.record(deploy(CANVAS, folder));
    const command = await store.record(deploy(REVIEW, file));
    expect(skill.content_hash).toBe(await hashArtifact(folder, 'folder'));
    expect(skill.content_hash).toBe('d285329974a617138baca3338f3af0db1628a26453659f656c5589370c6f2d1c');
    expect(command.content_hash).toBe(await hashArtifact(file, 'file'));
  });

  it('lays out blobs by SHA-256 and the version file by id, as documented', async () => {
    const f = fixture();
    const store = f.store({ clock: () => new Date('2026-02-03T04:05:06.789Z') });
    const version = await store.record(deploy(CANVAS, f.folder('canvas', { 'SKILL.md': '# Test\n' })));
    expect(version.id).toBe('av_canvas-skill_1f7c65f4fe41');
    const sha = hashBytes('# Test\n');
    expect(readFileSync(join(f.paths.objectsDir, 'blobs', sha.slice(0, 2), sha.slice(2)), 'utf8')).toBe('# Test\n');
    expect(JSON.parse(readFileSync(join(f.paths.objectsDir, 'versions', `${version.id}.json`), 'utf8'))).toEqual({
      id: 'av_canvas-skill_1f7c65f4fe41',
      artifact: { collection: 'default', name: 'canvas', type: 'skill' },
      content_hash: '1f7c65f4fe4126bbca939133ac420b3e241bd513a645afbc4bfa612b1abf61f9',
      files: { 'SKILL.md': sha },
      executable: [],
      parents: [],
      created_at: '2026-02-03T04:05:06Z',
      created_by: 'system',
      merge_strategy: 'deploy',
      scope: { kind: 'project', path: '/work/app' },
      version_tag: null,
      snapshot_id: null,
      metadata: {},
    });
  });

  it('writes the index row mirroring the version file', async () => {
    const f = fixture();
    const store = f.store();
    const base = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('v1')]])));
    const next = await store.record({ ...deploy(CANVAS, new Map([['SKILL.md', enc('v2')]]), [base.id]), versionTag: 'v2.0.0', metadata: { note: 'hi' } });
    expect(rawRows(f.paths, 'SELECT * FROM artifact_versions WHERE id = ?', next.id)).toEqual([
      {
        id: next.id,
        artifact_id: 'canvas::skill',
        version_tag: 'v2.0.0',
        version_sha: next.content_hash,
        parent_version_id: base.id,
        created_at: next.created_at,
        created_by: 'system',
        snapshot_id: null,
        merge_strategy: 'deploy',
        metadata: '{"note":"hi"}',
        scope: `project:${PROJECT.path}`,
      },
    ]);
    expect(parentRows(f.paths, next.id)).toEqual([{ parent_id: base.id, position: 0 }]);
  });

  it('records the same content again as the same version, without duplicate rows', async () => {
    const f = fixture();
    const source = f.folder('canvas', { 'SKILL.md': '# Canvas\n' });
    const store = f.store({ clock: minuteClock() });
    const first = await store.record(deploy(CANVAS, source));
    const again = await store.record({ ...deploy(CANVAS, source), mergeStrategy: 'sync', createdBy: 'jane' });
    expect(again).toEqual(first);
    expect(rawRows(f.paths, 'SELECT count(*) AS n FROM artifact_versions')).toEqual([{ n: 1 }]);
    expect(readdirSync(join(f.paths.objectsDir, 'versions'))).toEqual([`${first.id}.json`]);
  });

  it('adds the parents of a later record after the existing ones: a merge node has two', async () => {
    const f = fixture();
    const store = f.store();
    const base = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('base')]])));
    const local = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('local')]]), [base.id]));
    const remote = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('remote')]]), [base.id]));
    const merged = new Map([['SKILL.md', enc('merged')]]);
    await store.record({ ...deploy(CANVAS, merged, [local.id]), mergeStrategy: 'merge' });
    const node = await store.record({ ...deploy(CANVAS, merged, [local.id, remote.id]), mergeStrategy: 'merge' });
    expect(node.parents).toEqual([local.id, remote.id]);
    expect(await store.get(node.id)).toEqual(node);
    expect(parentRows(f.paths, node.id)).toEqual([
      { parent_id: local.id, position: 0 },
      { parent_id: remote.id, position: 1 },
    ]);
    expect(rawRows(f.paths, 'SELECT parent_version_id FROM artifact_versions WHERE id = ?', node.id)).toEqual([{ parent_version_id: local.id }]);
  });

  it('leaves out a parent that would close a cycle (content returning to an earlier state)', async () => {
    const f = fixture();
    const store = f.store();
    const v1 = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('one')]])));
    const v2 = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('two')]]), [v1.id]));
    const back = await store.record({ ...deploy(CANVAS, new Map([['SKILL.md', enc('one')]]), [v2.id]), mergeStrategy: 'rollback' });
    expect(back.id).toBe(v1.id);
    expect(back.parents).toEqual([]);
    expect(parentRows(f.paths, v1.id)).toEqual([]);
  });

  it('refuses a parent that is not stored, writing nothing', async () => {
    const f = fixture();
    const store = f.store();
    const input = deploy(CANVAS, new Map([['SKILL.md', enc('x')]]), ['av_canvas-skill_000000000000']);
    await expect(store.record(input)).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(f.paths.objectsDir)).toBe(false);
  });

  it('refuses artifact names with ".." before anything is read or written', async () => {
    const f = fixture();
    const store = f.store();
    const source = f.folder('canvas', { 'SKILL.md': '# Canvas\n' });
    await expect(store.record(deploy({ ...CANVAS, name: '../canvas' }, source))).rejects.toMatchObject({ code: 'invalid_name' });
    await expect(store.record(deploy({ ...CANVAS, name: 'a..b' }, source))).rejects.toMatchObject({ code: 'invalid_name' });
    await expect(store.record(deploy({ ...CANVAS, collection: '..' }, source))).rejects.toMatchObject({ code: 'invalid_name' });
    expect(existsSync(f.paths.objectsDir)).toBe(false);
  });

  it('refuses in-memory content with a path that leaves the artifact', async () => {
    const f = fixture();
    const store = f.store();
    await expect(store.record(deploy(CANVAS, new Map([['../escape.md', enc('x')]])))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.record(deploy(CANVAS, new Map([['a/./b.md', enc('x')]])))).rejects.toMatchObject({ code: 'invalid_input' });
    expect(existsSync(f.paths.objectsDir)).toBe(false);
  });

  it('refuses a source where nothing is', async () => {
    const f = fixture();
    await expect(f.store().record(deploy(CANVAS, join(f.work, 'missing')))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps two artifacts with the same content as two versions', async () => {
    const f = fixture();
    const store = f.store();
    const content = new Map([['SKILL.md', enc('same')]]);
    const a = await store.record(deploy(CANVAS, content));
    const b = await store.record(deploy({ ...CANVAS, name: 'easel' }, content));
    expect(a.id).not.toBe(b.id);
    expect(a.content_hash).toBe(b.content_hash);
  });
});

describe('VersionStore.findByContent', () => {
  it('finds the version of an artifact holding a baseline hash, whatever scope recorded it', async () => {
    const f = fixture();
    const store = f.store();
    const source = f.folder('canvas', { 'SKILL.md': '# Canvas\n' });
    const version = await store.record({ ...deploy(CANVAS, source), scope: { kind: 'collection', name: 'default' } });
    const baseline = (await hashArtifact(source, 'folder'))!;
    expect(await store.findByContent({ name: 'canvas', type: 'skill' }, baseline)).toEqual(version);
    expect(await store.findByContent({ name: 'canvas', type: 'skill' }, baseline.toUpperCase())).toEqual(version);
  });

  it('finds nothing for a content never stored, or stored for another artifact', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    expect(await store.findByContent({ name: 'canvas', type: 'skill' }, 'f'.repeat(64))).toBeUndefined();
    expect(await store.findByContent({ name: 'easel', type: 'skill' }, version.content_hash)).toBeUndefined();
    expect(await store.findByContent({ name: 'canvas', type: 'hook' }, version.content_hash)).toBeUndefined();
  });

  it('finds nothing when another content shares the first 12 hex digits of the hash', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    const lookalike = version.content_hash.slice(0, 12) + '0'.repeat(52);
    expect(await store.findByContent(CANVAS, lookalike)).toBeUndefined();
  });

  it('is a file lookup: it never opens the cache database', async () => {
    const f = fixture();
    const first = f.store();
    const version = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    await first.close();
    rmSync(join(f.paths.root, 'cache'), { recursive: true });
    expect(await f.store().findByContent(CANVAS, version.content_hash)).toEqual(version);
    expect(existsSync(f.paths.cacheDb)).toBe(false);
  });

  it('refuses a hash that is not 64 hex digits', async () => {
    const f = fixture();
    await expect(f.store().findByContent(CANVAS, 'abc')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('VersionStore.get', () => {
  it('returns undefined for a version never recorded', async () => {
    expect(await fixture().store().get('av_canvas-skill_0123456789ab')).toBeUndefined();
  });

  it('refuses an id that could name a file outside the versions folder', async () => {
    const store = fixture().store();
    await expect(store.get('av_../../x-skill_0123456789ab')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.get('../config')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('reports a damaged version file as corrupt_file naming it', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    const path = join(f.paths.objectsDir, 'versions', `${version.id}.json`);
    writeFileSync(path, '{"id": ');
    await expect(store.get(version.id)).rejects.toMatchObject({ code: 'corrupt_file', details: { path } });
  });

  it('refuses a version file whose paths would leave the artifact', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    const path = join(f.paths.objectsDir, 'versions', `${version.id}.json`);
    const hostile = { ...version, files: { '../../evil.sh': version.files['SKILL.md'] } };
    writeFileSync(path, JSON.stringify(hostile));
    await expect(store.get(version.id)).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});

describe('VersionStore.history', () => {
  it('lists the versions of an artifact newest first, each with all its parents', async () => {
    const f = fixture();
    const store = f.store({ clock: minuteClock() });
    const base = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('base')]])));
    const local = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('local')]]), [base.id]));
    const remote = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('remote')]]), [base.id]));
    const merge = await store.record({ ...deploy(CANVAS, new Map([['SKILL.md', enc('merged')]]), [local.id, remote.id]), mergeStrategy: 'merge' });
    await store.record(deploy({ ...CANVAS, name: 'easel' }, new Map([['SKILL.md', enc('other')]])));
    const history = await store.history({ name: 'canvas', type: 'skill' });
    expect(history.map((v) => v.id)).toEqual([merge.id, remote.id, local.id, base.id]);
    expect(history[0]?.parents).toEqual([local.id, remote.id]);
  });

  it('puts a child before its parent when both were recorded in the same second', async () => {
    const f = fixture();
    const store = f.store({ clock: () => new Date('2026-01-01T00:00:00Z') });
    const ids: string[] = [];
    for (const body of ['a', 'b', 'c', 'd']) ids.push((await store.record(deploy(CANVAS, new Map([['SKILL.md', enc(body)]]), ids.slice(-1)))).id);
    expect((await store.history(CANVAS)).map((v) => v.id)).toEqual([...ids].reverse());
  });

  it('includes versions recorded from another collection under the same name and type', async () => {
    const f = fixture();
    const store = f.store();
    await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('a')]])));
    await store.record(deploy({ ...CANVAS, collection: 'work' }, new Map([['SKILL.md', enc('b')]])));
    expect((await store.history(CANVAS)).map((v) => v.artifact.collection).sort()).toEqual(['default', 'work']);
  });
});

describe('the index is derived from the version files', () => {
  it('is rebuilt from the version files when cache.db was deleted', async () => {
    const f = fixture();
    const first = f.store({ clock: minuteClock() });
    const base = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('base')]])));
    const next = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('next')]]), [base.id]));
    await first.close();
    rmSync(join(f.paths.root, 'cache'), { recursive: true });

    const reopened = f.store();
    expect((await reopened.history(CANVAS)).map((v) => v.id)).toEqual([next.id, base.id]);
    await reopened.close();
    expect(rawRows(f.paths, 'SELECT id FROM artifact_versions ORDER BY created_at')).toEqual([{ id: base.id }, { id: next.id }]);
    expect(parentRows(f.paths, next.id)).toEqual([{ parent_id: base.id, position: 0 }]);
  });

  it('drops rows whose version file is gone', async () => {
    const f = fixture();
    const first = f.store();
    const kept = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('kept')]])));
    const lost = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('lost')]])));
    await first.close();
    rmSync(join(f.paths.objectsDir, 'versions', `${lost.id}.json`));
    expect((await f.store().history(CANVAS)).map((v) => v.id)).toEqual([kept.id]);
    expect(rawRows(f.paths, 'SELECT id FROM artifact_versions')).toEqual([{ id: kept.id }]);
  });

  it('repairs the row of a write that crashed between its version file and its row', async () => {
    const f = fixture();
    const first = f.store();
    const base = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('base')]])));
    const node = await first.record(deploy(CANVAS, new Map([['SKILL.md', enc('next')]]), [base.id]));
    await first.close();
    // As if the process died after writing the second parent into the file, before its row.
    const extra = await f.store().record(deploy(CANVAS, new Map([['SKILL.md', enc('extra')]])));
    const path = join(f.paths.objectsDir, 'versions', `${node.id}.json`);
    writeFileSync(path, JSON.stringify({ ...node, parents: [base.id, extra.id] }));
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
    const marker = join(f.paths.objectsDir, 'versions', `.pending.${node.id}.${deadPid}.0badc0de`);
    writeFileSync(marker, '');

    expect((await f.store().history(CANVAS)).find((v) => v.id === node.id)?.parents).toEqual([base.id, extra.id]);
    expect(parentRows(f.paths, node.id)).toEqual([
      { parent_id: base.id, position: 0 },
      { parent_id: extra.id, position: 1 },
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('shares a cache database passed in, leaving it open on close', async () => {
    const f = fixture();
    const db = await openCacheDb(f.paths.cacheDb);
    afterThisTest(() => db.close());
    const store = f.store({ cacheDb: async () => db });
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    await store.close();
    expect((await f.store({ cacheDb: async () => db }).history(CANVAS)).map((v) => v.id)).toEqual([version.id]);
    expect(await db.listProjects()).toEqual([]);
  });
});

describe('VersionStore.files and verify on damaged objects', () => {
  it('reports a blob whose bytes changed, from files() and from verify()', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, f.folder('canvas', { 'SKILL.md': '# Canvas\n', 'notes.md': 'n' })));
    const damaged = blobPath(f.paths.objectsDir, version.files['notes.md']!);
    writeFileSync(damaged, 'tampered');
    await expect(store.files(version)).rejects.toMatchObject({ code: 'corrupt_file', details: { path: damaged, relPath: 'notes.md', version: version.id } });
    expect(await store.verify()).toEqual([expect.objectContaining({ kind: 'corrupt_blob', path: damaged, version: version.id })]);
  });

  it('reports a missing blob, from files() and from verify()', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(REVIEW, new Map([['', enc('# Review\n')]])));
    const missing = blobPath(f.paths.objectsDir, version.files['']!);
    rmSync(missing);
    await expect(store.files(version)).rejects.toMatchObject({ code: 'corrupt_file', details: { path: missing } });
    expect(await store.verify()).toEqual([expect.objectContaining({ kind: 'missing_blob', path: missing, version: version.id })]);
  });

  it('reports an unreadable version file and a damaged unused blob from verify()', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    const versionPath = join(f.paths.objectsDir, 'versions', `${version.id}.json`);
    writeFileSync(versionPath, 'not json');
    writeFileSync(blobPath(f.paths.objectsDir, version.files['SKILL.md']!), 'tampered');
    const problems = await store.verify();
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'unreadable_version', path: versionPath }),
      expect.objectContaining({ kind: 'corrupt_blob', path: blobPath(f.paths.objectsDir, version.files['SKILL.md']!) }),
    ]);
  });

  it('finds nothing wrong in a healthy store', async () => {
    const f = fixture();
    const store = f.store();
    const base = await store.record(deploy(CANVAS, f.folder('canvas', { 'SKILL.md': '# Canvas\n', 'a/b.md': 'b' })));
    await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('next')]]), [base.id]));
    await store.record(deploy(REVIEW, new Map([['', enc('# Review\n')]])));
    expect(await store.verify()).toEqual([]);
  });
});

describe('VersionStore.materialize', () => {
  it('restores a folder artifact that hashes as the version, scripts still executable', async () => {
    const f = fixture();
    const source = f.folder('canvas', { 'SKILL.md': '# Canvas\n', 'scripts/run.sh': '#!/bin/sh\necho hi\n' });
    chmodSync(join(source, 'scripts/run.sh'), 0o755);
    const store = f.store();
    const version = await store.record(deploy(CANVAS, source));
    const target = join(f.work, 'restored', 'canvas');
    await store.materialize(version, target);
    expect(await hashArtifact(target, 'folder')).toBe(version.content_hash);
    expect(statSync(join(target, 'scripts/run.sh')).mode & 0o100).toBe(0o100);
    expect(statSync(join(target, 'SKILL.md')).mode & 0o111).toBe(0);
  });

  it('restores a file artifact as the single file', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(REVIEW, new Map([['', enc('# Review\n')]])));
    const target = join(f.work, 'commands', 'review.md');
    await store.materialize(version, target);
    expect(readFileSync(target, 'utf8')).toBe('# Review\n');
  });

  it('writes into an existing empty folder but refuses one holding anything', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')]])));
    const empty = join(f.work, 'empty');
    mkdirSync(empty);
    await store.materialize(version, empty);
    expect(readdirSync(empty)).toEqual(['SKILL.md']);
    const occupied = f.folder('occupied', { 'mine.md': 'mine' });
    await expect(store.materialize(version, occupied)).rejects.toMatchObject({ code: 'already_exists' });
    expect(readdirSync(occupied)).toEqual(['mine.md']);
  });

  it('refuses to replace an existing file', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(REVIEW, new Map([['', enc('new')]])));
    const target = join(f.work, 'review.md');
    writeFileSync(target, 'mine');
    await expect(store.materialize(version, target)).rejects.toMatchObject({ code: 'already_exists' });
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });

  it('writes nothing when a blob is damaged', async () => {
    const f = fixture();
    const store = f.store();
    const version = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('x')], ['z.md', enc('z')]])));
    writeFileSync(blobPath(f.paths.objectsDir, version.files['z.md']!), 'tampered');
    const target = join(f.work, 'restored');
    await expect(store.materialize(version, target)).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(existsSync(target)).toBe(false);
  });
});

describe('concurrent records', () => {
  it('of the same content from two stores leave one whole version with every parent', async () => {
    const f = fixture();
    const db = await openCacheDb(f.paths.cacheDb);
    afterThisTest(() => db.close());
    const setup = f.store({ cacheDb: async () => db });
    const parents: VersionRecord[] = [];
    for (const body of ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']) parents.push(await setup.record(deploy(CANVAS, new Map([['SKILL.md', enc(body)]]))));
    const source = f.folder('canvas', { 'SKILL.md': 'shared', 'a/b.md': 'b', 'c.md': 'c' });
    const one = f.store({ cacheDb: async () => db });
    const two = f.store({ cacheDb: async () => db });

    const results = await Promise.all(parents.map((parent, i) => (i % 2 === 0 ? one : two).record(deploy(CANVAS, source, [parent.id]))));

    const id = results[0]!.id;
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([id]));
    const stored = (await one.get(id))!;
    expect([...stored.parents].sort()).toEqual(parents.map((p) => p.id).sort());
    // Each writer saw the parents before it, unchanged: the first parent never moves.
    for (const result of results) expect(stored.parents.slice(0, result.parents.length)).toEqual(result.parents);
    expect(await one.verify()).toEqual([]);
    expect(rawRows(f.paths, 'SELECT count(*) AS n FROM version_parents WHERE version_id = ?', id)).toEqual([{ n: parents.length }]);
    expect(readdirSync(join(f.paths.objectsDir, 'versions')).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('VersionStore.indexedHistory', () => {
  it('orders the versions from the index alone, each with its place, and sees versions recorded since — by itself or by another process', async () => {
    const f = fixture();
    const store = f.store({ clock: minuteClock() });
    const other = f.store({ clock: minuteClock() });
    const base = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('v1')]])));
    const first = await store.indexedHistory(CANVAS);
    expect(first.map((v) => [v.id, v.place, v.operation])).toEqual([[base.id, `project:${PROJECT.path}`, 'deploy']]);
    // Unchanged index: the very same list (callers key their caches on it).
    expect(await store.indexedHistory(CANVAS)).toBe(first);

    const next = await store.record(deploy(CANVAS, new Map([['SKILL.md', enc('v2')]]), [base.id]));
    expect((await store.indexedHistory(CANVAS)).map((v) => v.id)).toEqual([next.id, base.id]);
    // Another connection to the same cache file (another process, as the CLI beside the app).
    const third = await other.record({ ...deploy(CANVAS, new Map([['SKILL.md', enc('v3')]]), [next.id]), scope: { kind: 'collection', name: 'default' } });
    const after = await store.indexedHistory(CANVAS);
    expect(after.map((v) => [v.id, v.place])).toEqual([
      [third.id, 'collection:default'],
      [next.id, `project:${PROJECT.path}`],
      [base.id, `project:${PROJECT.path}`],
    ]);
  });
});
