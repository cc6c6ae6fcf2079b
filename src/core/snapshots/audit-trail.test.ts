import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { homePaths, type HomePaths } from '../home/home-paths.js';
import { appendAuditEntry, auditFilePath, listAuditEntries, type AuditEntryInput } from './audit-trail.js';

let root: string;
let paths: HomePaths;
let file: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'skillmeat-audit-'));
  paths = homePaths(root);
  file = join(paths.auditDir, 'default_rollback_audit.toml');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const ROLLBACK: AuditEntryInput = {
  sourceSnapshotId: '20251217_150000_saf',
  targetSnapshotId: '20251201_100000_abc',
  operationType: 'intelligent',
  filesRestored: ['skills/pdf/SKILL.md'],
  filesMerged: ['commands/deploy.md'],
  conflictsPending: ['agents/reviewer.md'],
  preserveChangesEnabled: true,
  success: true,
};

describe('appendAuditEntry', () => {
  it('writes the spec fields, and only those, into audit/<collection>_rollback_audit.toml', async () => {
    const entry = await appendAuditEntry(paths, 'default', ROLLBACK, new Date('2025-12-17T15:00:01Z'));
    expect(auditFilePath(paths, 'default')).toBe(file);
    const raw = parse(await readFile(file, 'utf8')) as { entries: Record<string, unknown>[] };
    expect(raw.entries).toHaveLength(1);
    const [written] = raw.entries;
    expect(Object.keys(written!)).toEqual([
      'id',
      'timestamp',
      'collection_name',
      'source_snapshot_id',
      'target_snapshot_id',
      'operation_type',
      'files_restored',
      'files_merged',
      'conflicts_resolved',
      'conflicts_pending',
      'preserve_changes_enabled',
      'success',
      'selective_paths',
    ]);
    expect(written).toMatchObject({
      id: entry.id,
      collection_name: 'default',
      source_snapshot_id: '20251217_150000_saf',
      target_snapshot_id: '20251201_100000_abc',
      operation_type: 'intelligent',
      files_restored: ['skills/pdf/SKILL.md'],
      files_merged: ['commands/deploy.md'],
      conflicts_resolved: [],
      conflicts_pending: ['agents/reviewer.md'],
      preserve_changes_enabled: true,
      success: true,
      selective_paths: [],
    });
    expect((written!.timestamp as Date).toISOString()).toBe('2025-12-17T15:00:01.000Z');
    expect(entry.id).toMatch(/^rb_20251217_150001_[a-z0-9]{6}$/);
  });

  it('records a failure with its error and without a safety snapshot', async () => {
    await appendAuditEntry(paths, 'default', { targetSnapshotId: '20251201_100000_abc', operationType: 'simple', preserveChangesEnabled: false, success: false, error: 'disk full' });
    const [entry] = await listAuditEntries(paths, 'default');
    expect(entry).toMatchObject({ success: false, error: 'disk full', sourceSnapshotId: '' });
  });

  it('lands every one of many concurrent appends, with unique ids', async () => {
    const now = new Date('2025-12-17T15:00:00Z');
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAuditEntry(paths, 'default', { ...ROLLBACK, filesRestored: [`file-${i}`] }, now)));
    const entries = await listAuditEntries(paths, 'default');
    expect(entries).toHaveLength(40);
    expect(new Set(entries.map((e) => e.id)).size).toBe(40);
    expect(new Set(entries.map((e) => e.filesRestored[0])).size).toBe(40);
  });

  it('serializes appenders that share no in-process queue through the lock file alone', async () => {
    // A second spelling of the same home: its appends queue separately, as another process's would.
    const alias = `${root}-alias`;
    await symlink(root, alias);
    try {
      const other = homePaths(alias);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => appendAuditEntry(i % 2 === 0 ? paths : other, 'default', { ...ROLLBACK, filesRestored: [`file-${i}`] })),
      );
    } finally {
      await rm(alias);
    }
    const entries = await listAuditEntries(paths, 'default');
    expect(new Set(entries.map((e) => e.filesRestored[0])).size).toBe(30);
  });

  it('waits for another process holding the audit lock, then lands', async () => {
    const lock = join(paths.locksDir, 'audit-default.lock');
    await mkdir(paths.locksDir, { recursive: true });
    // process 1 (init) is alive on every host we run on, so the lock is not taken over as stale.
    await writeFile(lock, JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString(), operation: 'test' }));
    const appending = appendAuditEntry(paths, 'default', ROLLBACK);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await rm(lock);
    await appending;
    expect(await listAuditEntries(paths, 'default')).toHaveLength(1);
  });

  it('refuses to append to a corrupt audit file and leaves it exactly as it was', async () => {
    await mkdir(paths.auditDir, { recursive: true });
    const text = '[[entries]]\nid = "rb_1"\nsuccess = \n';
    await writeFile(file, text);
    await expect(appendAuditEntry(paths, 'default', ROLLBACK)).rejects.toMatchObject({ code: 'corrupt_file', details: { path: file, line: 3 } });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await readdir(paths.auditDir)).sort()).toEqual(['default_rollback_audit.toml']);
  });

  it('refuses to append to a file whose entries do not make sense, writing nothing', async () => {
    await mkdir(paths.auditDir, { recursive: true });
    const text = '[[entries]]\nid = "rb_1"\ntimestamp = 2025-01-01T00:00:00Z\noperation_type = "teleport"\nsuccess = true\n';
    await writeFile(file, text);
    await expect(appendAuditEntry(paths, 'default', ROLLBACK)).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses an invalid collection name before writing anything', async () => {
    await expect(appendAuditEntry(paths, '../x', ROLLBACK)).rejects.toMatchObject({ code: 'invalid_name' });
    await expect(readdir(paths.auditDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each<[string, Partial<AuditEntryInput>]>([
    ['an unknown operation type', { operationType: 'teleport' as never }],
    ['a source that is not a snapshot id', { sourceSnapshotId: 'latest' }],
    ['a rollback target that is not a snapshot id', { targetSnapshotId: '../x' }],
    ['a selective rollback without paths', { operationType: 'selective', selectivePaths: [] }],
    ['a list that is not of strings', { filesMerged: [1] as never }],
  ])('refuses %s as invalid_input', async (_what, change) => {
    await expect(appendAuditEntry(paths, 'default', { ...ROLLBACK, ...change })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readdir(paths.auditDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('records a merge, whose target need not be a snapshot', async () => {
    await appendAuditEntry(paths, 'default', { ...ROLLBACK, operationType: 'merge', targetSnapshotId: 'project:/work/app' });
    expect((await listAuditEntries(paths, 'default'))[0]?.operationType).toBe('merge');
  });

  it('keeps entries the Python tool wrote, as written, and adds new ones in its timestamp form', async () => {
    await mkdir(paths.auditDir, { recursive: true });
    const python = [
      '[[entries]]',
      'id = "rb_20241216_123456"',
      'timestamp = "2024-12-16T12:34:56.123456"',
      'collection_name = "default"',
      'source_snapshot_id = "20241216-100000-000001"',
      'target_snapshot_id = "20241215-150000-123456"',
      'operation_type = "simple"',
      'files_restored = ["(all files)"]',
      'preserve_changes_enabled = false',
      'success = true',
      '',
      '[entries.metadata]',
      'note = "kept"',
      '',
    ].join('\n');
    await writeFile(file, python);
    await appendAuditEntry(paths, 'default', ROLLBACK, new Date(2025, 11, 17, 16, 0, 0));
    const raw = parse(await readFile(file, 'utf8')) as { entries: Record<string, unknown>[] };
    expect(raw.entries[0]).toEqual((parse(python) as { entries: unknown[] }).entries[0]);
    expect(raw.entries[1]?.timestamp).toBe('2025-12-17T16:00:00');
    const listed = await listAuditEntries(paths, 'default');
    expect(listed.map((e) => e.id)).toEqual([raw.entries[1]?.id, 'rb_20241216_123456']);
    expect(listed[1]).toMatchObject({ filesMerged: [], conflictsResolved: [], selectivePaths: [], filesRestored: ['(all files)'] });
  });
});

describe('listAuditEntries', () => {
  it('is empty when there is no audit file', async () => {
    expect(await listAuditEntries(paths, 'default')).toEqual([]);
  });

  it('lists newest first and honours the limit', async () => {
    for (const day of [3, 1, 2]) {
      await appendAuditEntry(paths, 'default', { ...ROLLBACK, targetSnapshotId: `2025120${day}_100000_abc` }, new Date(`2025-12-0${day}T10:00:00Z`));
    }
    expect((await listAuditEntries(paths, 'default')).map((e) => e.timestamp)).toEqual(['2025-12-03T10:00:00Z', '2025-12-02T10:00:00Z', '2025-12-01T10:00:00Z']);
    expect((await listAuditEntries(paths, 'default', { limit: 2 })).map((e) => e.targetSnapshotId)).toEqual(['20251203_100000_abc', '20251202_100000_abc']);
  });

  it('lists the later-appended first when two share a second', async () => {
    const now = new Date('2025-12-17T15:00:00Z');
    const first = await appendAuditEntry(paths, 'default', ROLLBACK, now);
    const second = await appendAuditEntry(paths, 'default', ROLLBACK, now);
    expect((await listAuditEntries(paths, 'default')).map((e) => e.id)).toEqual([second.id, first.id]);
  });

  it('refuses a limit below 1', async () => {
    await expect(listAuditEntries(paths, 'default', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses a corrupt audit file naming file and line', async () => {
    await mkdir(paths.auditDir, { recursive: true });
    await writeFile(file, 'entries = [\n');
    await expect(listAuditEntries(paths, 'default')).rejects.toMatchObject({ code: 'corrupt_file', details: { path: file } });
  });
});
