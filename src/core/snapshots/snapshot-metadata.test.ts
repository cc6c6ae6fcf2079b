import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { homePaths, type HomePaths } from '../home/home-paths.js';
import {
  addSnapshot,
  findSnapshot,
  listSnapshots,
  readSnapshotMetadata,
  readTimestamp,
  removeSnapshot,
  snapshotFolder,
  tarballFile,
  writeSnapshotMetadata,
  type NewSnapshot,
} from './snapshot-metadata.js';

let root: string;
let paths: HomePaths;
let folder: string;
let file: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'skillmeat-snapmeta-'));
  paths = homePaths(root);
  folder = join(paths.snapshotsDir, 'default');
  file = join(folder, 'snapshots.toml');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function snapshot(id: string, at: string, extra: Partial<NewSnapshot> = {}): NewSnapshot {
  return { id, timestamp: new Date(at), message: `snapshot ${id}`, artifactCount: 3, automatic: false, ...extra };
}

async function writeRaw(text: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(file, text);
}

async function readRaw(): Promise<Record<string, unknown>> {
  return parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

const PYTHON_FILE = `# written by the Python tool
[[snapshots]]
id = "20251217-143022-123456"
timestamp = "2025-12-17T14:30:22.123456"
message = "Manual snapshot"
artifact_count = 12
tarball_path = "@FOLDER@/20251217-143022-123456.tar.gz"

[[snapshots]]
id = "20251218-090000-000001"
timestamp = "2025-12-18T09:00:00.000001"
message = "[auto] Before rollback"
artifact_count = 12
tarball_path = "@FOLDER@/20251218-090000-000001.tar.gz"
`;

describe('reading snapshots.toml', () => {
  it('reads an absent file as an empty list in our dialect', async () => {
    const metadata = await readSnapshotMetadata(paths, 'default');
    expect(metadata.snapshots).toEqual([]);
    expect(metadata.dialect).toBe('skillmeat');
    expect(metadata.path).toBe(file);
  });

  it('refuses a collection name that could escape the snapshots folder', () => {
    expect(() => snapshotFolder(paths, '../etc')).toThrow(expect.objectContaining({ code: 'invalid_name' }));
  });

  it('reads the Python tool metadata: string timestamps, absolute paths, no collection_name', async () => {
    await writeRaw(PYTHON_FILE.replaceAll('@FOLDER@', folder));
    const metadata = await readSnapshotMetadata(paths, 'default');
    expect(metadata.dialect).toBe('python');
    expect(metadata.snapshots.map(({ raw: _raw, ...entry }) => entry)).toEqual([
      {
        id: '20251217-143022-123456',
        timestamp: '2025-12-17T14:30:22Z',
        message: 'Manual snapshot',
        collectionName: 'default',
        artifactCount: 12,
        tarballPath: '20251217-143022-123456.tar.gz',
        automatic: false,
        pinned: false,
      },
      {
        id: '20251218-090000-000001',
        timestamp: '2025-12-18T09:00:00Z',
        message: '[auto] Before rollback',
        collectionName: 'default',
        artifactCount: 12,
        tarballPath: '20251218-090000-000001.tar.gz',
        automatic: true,
        pinned: false,
      },
    ]);
  });

  it('resolves a snapshot tarball to its absolute path', async () => {
    await writeRaw(PYTHON_FILE.replaceAll('@FOLDER@', folder));
    const metadata = await readSnapshotMetadata(paths, 'default');
    const entry = findSnapshot(metadata, '20251217-143022-123456');
    expect(entry && tarballFile(metadata, entry)).toBe(join(folder, '20251217-143022-123456.tar.gz'));
  });

  it('refuses corrupt TOML with corrupt_file naming file and line, and never overwrites it', async () => {
    const text = '[[snapshots]]\nid = "20251217_143022_abc"\ntimestamp = \n';
    await writeRaw(text);
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toMatchObject({ code: 'corrupt_file', details: { path: file, line: 3 } });
    const empty = { path: file, folder, collection: 'default', dialect: 'skillmeat' as const, snapshots: [], raw: {} };
    await expect(writeSnapshotMetadata(addSnapshot(empty, snapshot('20251217_150000_abc', '2025-12-17T15:00:00Z')))).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it.each([
    ['a relative path with ..', '../other/x.tar.gz'],
    ['an absolute path outside the folder', '/tmp/elsewhere/x.tar.gz'],
    ['a path inside that climbs out', 'sub/../../x.tar.gz'],
  ])('refuses %s as path_outside', async (_what, tarball) => {
    await writeRaw(`[[snapshots]]\nid = "20251217_143022_abc"\ntimestamp = 2025-12-17T14:30:22Z\nmessage = "m"\ncollection_name = "default"\nartifact_count = 1\ntarball_path = "${tarball}"\nautomatic = false\n`);
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toMatchObject({ code: 'path_outside' });
  });

  it.each([
    ['an invalid id', 'id = "snap-1"'],
    ['a negative artifact count', 'artifact_count = -1'],
    ['a fractional artifact count', 'artifact_count = 1.5'],
    ['an invalid timestamp', 'timestamp = "2025-02-30T10:00:00"'],
    ['an automatic flag that is not a boolean', 'automatic = "yes"'],
  ])('refuses an entry with %s as corrupt_file', async (_what, line) => {
    const key = line.split(' = ')[0] ?? '';
    const base: Record<string, string> = {
      id: 'id = "20251217_143022_abc"',
      timestamp: 'timestamp = 2025-12-17T14:30:22Z',
      message: 'message = "m"',
      artifact_count: 'artifact_count = 1',
      tarball_path: 'tarball_path = "20251217_143022_abc.tar.gz"',
      automatic: 'automatic = false',
    };
    base[key] = line;
    await writeRaw(`[[snapshots]]\n${Object.values(base).join('\n')}\n`);
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toMatchObject({ code: 'corrupt_file', details: { path: file } });
  });

  it('refuses a file that records the same id twice', async () => {
    const entry = '[[snapshots]]\nid = "20251217_143022_abc"\ntimestamp = 2025-12-17T14:30:22Z\nmessage = "m"\nartifact_count = 1\ntarball_path = "a.tar.gz"\n';
    await writeRaw(entry + entry);
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toMatchObject({ code: 'corrupt_file' });
  });

  it('refuses snapshots that is not an array of tables', async () => {
    await writeRaw('snapshots = "none"\n');
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});

describe('writing snapshots.toml', () => {
  it('writes our dialect: TOML offset date-time, relative tarball_path, collection_name, automatic', async () => {
    const metadata = addSnapshot(await readSnapshotMetadata(paths, 'default'), snapshot('20251217_143022_abc', '2025-12-17T14:30:22.900Z', { automatic: true }));
    await writeSnapshotMetadata(metadata);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^timestamp = 2025-12-17T14:30:22(\.000)?Z$/m);
    expect(await readRaw()).toMatchObject({
      snapshots: [{ id: '20251217_143022_abc', message: 'snapshot 20251217_143022_abc', collection_name: 'default', artifact_count: 3, tarball_path: '20251217_143022_abc.tar.gz', automatic: true }],
    });
    const reread = await readSnapshotMetadata(paths, 'default');
    expect(reread.snapshots.map(({ raw: _raw, ...entry }) => entry)).toEqual(metadata.snapshots);
  });

  it('keeps unknown keys of the file and of each entry through a round trip', async () => {
    await writeRaw(
      'format = 7\n[[snapshots]]\nid = "20251217_143022_abc"\ntimestamp = 2025-12-17T14:30:22Z\nmessage = "m"\ncollection_name = "default"\nartifact_count = 1\ntarball_path = "20251217_143022_abc.tar.gz"\nautomatic = false\nlabel = "keep me"\n[snapshots.extra]\nnote = "nested"\n',
    );
    const metadata = addSnapshot(await readSnapshotMetadata(paths, 'default'), snapshot('20251218_000000_xyz', '2025-12-18T00:00:00Z'));
    await writeSnapshotMetadata(metadata);
    const raw = await readRaw();
    expect(raw.format).toBe(7);
    expect(raw.snapshots).toMatchObject([{ label: 'keep me', extra: { note: 'nested' } }, { id: '20251218_000000_xyz' }]);
  });

  it('writes Python metadata back in its own form, adding new entries in that form', async () => {
    const original = PYTHON_FILE.replaceAll('@FOLDER@', folder);
    await writeRaw(original);
    const metadata = addSnapshot(await readSnapshotMetadata(paths, 'default'), snapshot('20251219_100000_k2p', '2025-12-19T10:00:00Z', { automatic: true }));
    await writeSnapshotMetadata(metadata);
    const raw = await readRaw();
    const before = parse(original) as Record<string, unknown>;
    expect(raw.snapshots).toEqual([
      ...(before.snapshots as unknown[]),
      {
        id: '20251219_100000_k2p',
        timestamp: '2025-12-19T10:00:00', // naive UTC, as Python's utcnow().isoformat() and readable by its fromisoformat
        message: 'snapshot 20251219_100000_k2p',
        artifact_count: 3,
        tarball_path: join(folder, '20251219_100000_k2p.tar.gz'),
        automatic: true,
      },
    ]);
    expect((await readSnapshotMetadata(paths, 'default')).dialect).toBe('python');
  });

  it('refuses to write an entry whose tarball path leaves the folder, writing nothing', async () => {
    const metadata = addSnapshot(await readSnapshotMetadata(paths, 'default'), snapshot('20251217_143022_abc', '2025-12-17T14:30:22Z'));
    const [entry] = metadata.snapshots;
    const bad = { ...metadata, snapshots: [{ ...entry!, tarballPath: '../x.tar.gz' }] };
    await expect(writeSnapshotMetadata(bad)).rejects.toMatchObject({ code: 'path_outside' });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('adding, removing and listing', () => {
  async function threeSnapshots() {
    let metadata = await readSnapshotMetadata(paths, 'default');
    metadata = addSnapshot(metadata, snapshot('20251201_100000_aaa', '2025-12-01T10:00:00Z'));
    metadata = addSnapshot(metadata, snapshot('20251203_100000_ccc', '2025-12-03T10:00:00Z'));
    metadata = addSnapshot(metadata, snapshot('20251202_100000_bbb', '2025-12-02T10:00:00Z'));
    return metadata;
  }

  it('adds without touching the metadata it was given', async () => {
    const empty = await readSnapshotMetadata(paths, 'default');
    const one = addSnapshot(empty, snapshot('20251201_100000_aaa', '2025-12-01T10:00:00Z'));
    expect(empty.snapshots).toHaveLength(0);
    expect(one.snapshots).toHaveLength(1);
  });

  it('refuses to add an id already recorded', async () => {
    const metadata = await threeSnapshots();
    expect(() => addSnapshot(metadata, snapshot('20251201_100000_aaa', '2025-12-05T10:00:00Z'))).toThrow(expect.objectContaining({ code: 'already_exists' }));
  });

  it.each([
    ['an invalid id', { id: 'latest' }, 'invalid_input'],
    ['a negative artifact count', { artifactCount: -2 }, 'invalid_input'],
    ['an invalid date', { timestamp: new Date('x') }, 'invalid_input'],
  ])('refuses to add a snapshot with %s', async (_what, change, code) => {
    const metadata = await readSnapshotMetadata(paths, 'default');
    expect(() => addSnapshot(metadata, { ...snapshot('20251201_100000_aaa', '2025-12-01T10:00:00Z'), ...change })).toThrow(expect.objectContaining({ code }));
  });

  it('lists newest first by timestamp, whatever the file order', async () => {
    expect(listSnapshots(await threeSnapshots()).map((s) => s.id)).toEqual(['20251203_100000_ccc', '20251202_100000_bbb', '20251201_100000_aaa']);
  });

  it('lists the one later in the file first when two share a second', async () => {
    let metadata = await readSnapshotMetadata(paths, 'default');
    metadata = addSnapshot(metadata, snapshot('20251201_100000_zzz', '2025-12-01T10:00:00Z'));
    metadata = addSnapshot(metadata, snapshot('20251201_100000_aaa', '2025-12-01T10:00:00Z'));
    expect(listSnapshots(metadata).map((s) => s.id)).toEqual(['20251201_100000_aaa', '20251201_100000_zzz']);
  });

  it('pages with limit and offset', async () => {
    const metadata = await threeSnapshots();
    expect(listSnapshots(metadata, { limit: 1, offset: 1 }).map((s) => s.id)).toEqual(['20251202_100000_bbb']);
    expect(listSnapshots(metadata, { limit: 5, offset: 2 }).map((s) => s.id)).toEqual(['20251201_100000_aaa']);
    expect(listSnapshots(metadata, { offset: 3 })).toEqual([]);
  });

  it.each([{ limit: 0 }, { limit: 1.5 }, { offset: -1 }])('refuses paging %j', async (page) => {
    expect(() => listSnapshots({ path: file, folder, collection: 'default', dialect: 'skillmeat', snapshots: [], raw: {} }, page)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('finds by id and removes by id', async () => {
    const metadata = await threeSnapshots();
    expect(findSnapshot(metadata, '20251202_100000_bbb')?.timestamp).toBe('2025-12-02T10:00:00Z');
    const fewer = removeSnapshot(metadata, '20251202_100000_bbb');
    expect(findSnapshot(fewer, '20251202_100000_bbb')).toBeUndefined();
    expect(fewer.snapshots).toHaveLength(2);
  });

  it('refuses to remove an id that is not recorded', async () => {
    expect(() => removeSnapshot(readonlyEmpty(), '20251202_100000_bbb')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('survives removal through a write and a read', async () => {
    await writeSnapshotMetadata(removeSnapshot(await threeSnapshots(), '20251201_100000_aaa'));
    expect((await readSnapshotMetadata(paths, 'default')).snapshots.map((s) => s.id)).toEqual(['20251203_100000_ccc', '20251202_100000_bbb']);
  });
});

describe('readTimestamp', () => {
  it('reads naive strings as UTC or local time as asked', () => {
    expect(readTimestamp('2025-12-17T14:30:22.123456', 'utc')).toBe('2025-12-17T14:30:22Z');
    expect(readTimestamp('2025-12-17T14:30:22', 'local')).toBe(new Date(2025, 11, 17, 14, 30, 22).toISOString().replace('.000', ''));
  });

  it('reads strings with an offset in UTC', () => {
    expect(readTimestamp('2025-12-17T14:30:22+02:00', 'utc')).toBe('2025-12-17T12:30:22Z');
  });

  it.each(['2025-02-30T00:00:00', '2025-01-01T24:00:00', '2025-01-01', 'yesterday', 42])('refuses %j', (value) => {
    expect(readTimestamp(value, 'utc')).toBeUndefined();
  });
});

function readonlyEmpty() {
  return { path: file, folder, collection: 'default', dialect: 'skillmeat' as const, snapshots: [], raw: {} };
}
