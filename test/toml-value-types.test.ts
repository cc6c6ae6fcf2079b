import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkillmeatError } from '../src/core/errors.js';
import { readLockfile, withLockEntry, writeLockfile } from '../src/core/collection/collection-lockfile.js';
import { homePaths, type HomePaths } from '../src/core/home/home-paths.js';
import { readConfig, writeDefaultCollection } from '../src/core/home/config.js';
import { readProjectRegistry, registerProject } from '../src/core/project/project-registry.js';
import { appendAuditEntry, listAuditEntries } from '../src/core/snapshots/audit-trail.js';
import { addSnapshot, readSnapshotMetadata, writeSnapshotMetadata } from '../src/core/snapshots/snapshot-metadata.js';
import { tempCore, tempDir } from './support/fixtures.js';

// Every value a reader takes from a TOML file of the home is type-checked: a value of the wrong
// type is `corrupt_file` naming the file, the entry and the key, never a TypeError, and nothing is written.

/** One TOML value of each kind a file can hold where another kind belongs. */
const VALUES = {
  'a string': '"text"',
  'an integer': '42',
  'a fraction': '1.5',
  'a boolean': 'true',
  'a date': '1979-05-27',
  'a time': '07:32:00',
  'a date-time': '1979-05-27T07:32:00Z',
  'a local date-time': '1979-05-27T07:32:00',
  'an array of numbers': '[1, 2]',
  'an array of strings': '["a", "b"]',
  'a table': '{ a = 1 }',
  'a table holding a string': '{ text = "x" }',
} as const;
type Kind = keyof typeof VALUES;

const TEXT: readonly Kind[] = ['a string'];
const DATE_TIME_OR_TEXT: readonly Kind[] = ['a string', 'a date-time', 'a local date-time'];
const FLAG: readonly Kind[] = ['a boolean'];
const WHOLE: readonly Kind[] = ['an integer'];
const TEXTS: readonly Kind[] = ['an array of strings'];

/** A reader under test: a valid file, and the kinds each of its keys takes. */
interface Reader {
  readonly file: (paths: HomePaths) => string;
  /** A valid file; each key of `keys` appears as one `key = value` line. */
  readonly text: string;
  readonly keys: Readonly<Record<string, readonly Kind[]>>;
  readonly read: (paths: HomePaths) => Promise<unknown>;
}

const COLLECTION = (paths: HomePaths) => join(paths.collectionsDir, 'default');

const READERS: Readonly<Record<string, Reader>> = {
  'collection.lock': {
    file: (paths) => join(COLLECTION(paths), 'collection.lock'),
    text: '[lock]\nversion = "1.0.0"\n\n[lock.entries."canvas::skill"]\ncontent_hash = "abc"\nfetched = 2025-12-17T14:30:22Z\nsource = "local:/x"\n',
    keys: { version: TEXT, content_hash: TEXT, fetched: DATE_TIME_OR_TEXT, source: TEXT },
    read: (paths) => readLockfile(COLLECTION(paths)),
  },
  'snapshots.toml': {
    file: (paths) => join(paths.snapshotsDir, 'default', 'snapshots.toml'),
    text: '[[snapshots]]\nid = "20251217_143022_abc"\ntimestamp = 2025-12-17T14:30:22Z\nmessage = "m"\ncollection_name = "default"\nartifact_count = 1\ntarball_path = "20251217_143022_abc.tar.gz"\nautomatic = false\n',
    keys: { id: TEXT, timestamp: DATE_TIME_OR_TEXT, message: TEXT, collection_name: TEXT, artifact_count: WHOLE, tarball_path: TEXT, automatic: FLAG },
    read: (paths) => readSnapshotMetadata(paths, 'default'),
  },
  'audit trail': {
    file: (paths) => join(paths.auditDir, 'default_rollback_audit.toml'),
    text: [
      '[[entries]]',
      'id = "rb_20251217_150001_abcdef"',
      'timestamp = 2025-12-17T15:00:01Z',
      'collection_name = "default"',
      'source_snapshot_id = "20251217_150000_saf"',
      'target_snapshot_id = "20251201_100000_abc"',
      'operation_type = "simple"',
      'files_restored = ["skills/a/SKILL.md"]',
      'files_merged = ["skills/b/SKILL.md"]',
      'conflicts_resolved = ["skills/c/SKILL.md"]',
      'conflicts_pending = ["skills/d/SKILL.md"]',
      'preserve_changes_enabled = false',
      'success = false',
      'error = "disk full"',
      'selective_paths = ["skills/e"]',
      '',
    ].join('\n'),
    keys: {
      id: TEXT,
      timestamp: DATE_TIME_OR_TEXT,
      collection_name: TEXT,
      source_snapshot_id: TEXT,
      target_snapshot_id: TEXT,
      operation_type: TEXT,
      files_restored: TEXTS,
      files_merged: TEXTS,
      conflicts_resolved: TEXTS,
      conflicts_pending: TEXTS,
      preserve_changes_enabled: FLAG,
      success: FLAG,
      error: TEXT,
      selective_paths: TEXTS,
    },
    read: (paths) => listAuditEntries(paths, 'default'),
  },
  'config.toml': {
    file: (paths) => paths.configFile,
    text: '[settings]\ndefault-collection = "default"\n',
    keys: { 'default-collection': TEXT },
    read: (paths) => readConfig(paths),
  },
  'projects.toml': {
    file: (paths) => paths.projectsFile,
    text: '[[projects]]\npath = "/work/project"\nname = "project"\nadded = 2025-12-17T14:30:22Z\n',
    keys: { path: TEXT, name: TEXT, added: DATE_TIME_OR_TEXT },
    read: (paths) => readProjectRegistry(paths),
  },
};

/** The top-level tables or arrays of tables each file holds, and the kind each must be. */
const CONTAINERS: readonly (readonly [reader: string, key: string, wrong: string])[] = [
  ['collection.lock', 'lock', 'lock = "1.0.0"\n'],
  ['collection.lock', 'entries', '[lock]\nentries = ["canvas::skill"]\n'],
  ['collection.lock', 'canvas::skill', '[lock.entries]\n"canvas::skill" = "abc"\n'],
  ['snapshots.toml', 'snapshots', 'snapshots = { id = "20251217_143022_abc" }\n'],
  ['snapshots.toml', 'snapshots', 'snapshots = ["20251217_143022_abc"]\n'],
  ['audit trail', 'entries', 'entries = 1979-05-27T07:32:00Z\n'],
  ['audit trail', 'entries', 'entries = [1, 2]\n'],
  ['config.toml', 'settings', 'settings = 1979-05-27T07:32:00Z\n'],
  ['config.toml', 'settings', 'settings = ["default"]\n'],
  ['projects.toml', 'projects', 'projects = { path = "/work/project" }\n'],
  ['projects.toml', 'projects', 'projects = ["/work/project"]\n'],
];

/** Every (reader, key, kind) where the kind is not one the key takes. */
const WRONG_VALUES = Object.entries(READERS).flatMap(([name, reader]) =>
  Object.entries(reader.keys).flatMap(([key, accepted]) =>
    (Object.keys(VALUES) as Kind[]).filter((kind) => !accepted.includes(kind)).map((kind) => [name, key, kind] as const),
  ),
);

async function homeWith(reader: Reader, text: string): Promise<{ paths: HomePaths; file: string }> {
  const paths = homePaths(await tempDir('skillmeat-home-'));
  const file = reader.file(paths);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { paths, file };
}

/** The file's text with the line of `key` set to `value`. */
function withValue(text: string, key: string, value: string): string {
  const line = new RegExp(`^${key.replace(/[-]/g, '\\$&')} = .*$`, 'm');
  expect(text).toMatch(line);
  return text.replace(line, () => `${key} = ${value}`);
}

/** What `work` throws; fails the test when it throws nothing. */
async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the read succeeded');
}

describe('a TOML value of the wrong type in a home file', () => {
  it.each(WRONG_VALUES)('%s: %s given %s is corrupt_file naming the file, the entry and the key', async (name, key, kind) => {
    const reader = READERS[name]!;
    const { paths, file } = await homeWith(reader, reader.text);
    await expect(reader.read(paths)).resolves.toBeDefined(); // the file is valid but for the value below
    await writeFile(file, withValue(reader.text, key, VALUES[kind]));
    const error = await thrown(() => reader.read(paths));
    expect(error).toBeInstanceOf(SkillmeatError);
    expect(error).toMatchObject({ code: 'corrupt_file', details: { path: file, key } });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(`key "${key}"`);
    expect((error as Error).message).toMatch(/\[lock\]|\[lock\.entries\."canvas::skill"\]|\[\[snapshots\]\] #1|\[\[entries\]\] #1|\[settings\]|\[\[projects\]\] #1/);
  });

  it.each(CONTAINERS)('%s: %s of the wrong kind is corrupt_file naming the key', async (name, key, text) => {
    const reader = READERS[name]!;
    const { paths, file } = await homeWith(reader, text);
    const error = await thrown(() => reader.read(paths));
    expect(error).toBeInstanceOf(SkillmeatError);
    expect(error).toMatchObject({ code: 'corrupt_file', details: { path: file, key } });
    expect((error as Error).message).toContain(`key "${key}"`);
  });

  it('collection.lock: an entry without content_hash says the key is missing', async () => {
    const reader = READERS['collection.lock']!;
    const { paths } = await homeWith(reader, reader.text.replace(/^content_hash = .*\n/m, ''));
    await expect(reader.read(paths)).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'content_hash' }, message: expect.stringContaining('"content_hash" is missing') });
  });

  it('projects.toml: a relative project path is corrupt_file', async () => {
    const reader = READERS['projects.toml']!;
    const { paths } = await homeWith(reader, withValue(reader.text, 'path', '"../elsewhere"'));
    await expect(reader.read(paths)).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'path' } });
  });

  it('projects.toml: an added time that is not a date-time is corrupt_file', async () => {
    const reader = READERS['projects.toml']!;
    const { paths } = await homeWith(reader, withValue(reader.text, 'added', '"yesterday"'));
    await expect(reader.read(paths)).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'added' } });
  });
});

describe('a home file with a value of the wrong type is never written', () => {
  it('collection.lock is left as it is by `add`', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const file = join(home, 'collections/default/collection.lock');
    const text = READERS['collection.lock']!.text.replace(/^fetched = .*$/m, 'fetched = { a = 1 }');
    await writeFile(file, text);
    const skill = join(await tempDir(), 'canvas');
    await mkdir(skill);
    await writeFile(join(skill, 'SKILL.md'), '# Canvas\n');
    await expect(core.addArtifact(skill)).rejects.toMatchObject({ code: 'corrupt_file', details: { path: file, key: 'fetched' } });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('snapshots.toml is left as it is by a new snapshot', async () => {
    const reader = READERS['snapshots.toml']!;
    const text = withValue(reader.text, 'timestamp', '{ a = 1 }');
    const { paths, file } = await homeWith(reader, text);
    const empty = { path: file, folder: dirname(file), collection: 'default', dialect: 'skillmeat' as const, snapshots: [], raw: {} };
    const next = addSnapshot(empty, { id: '20251218_100000_abc', timestamp: new Date('2025-12-18T10:00:00Z'), message: 'm', artifactCount: 0, automatic: false });
    await expect(writeSnapshotMetadata(next)).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'timestamp' } });
    await expect(readSnapshotMetadata(paths, 'default')).rejects.toBeInstanceOf(SkillmeatError);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('the audit trail is left as it is by an append', async () => {
    const reader = READERS['audit trail']!;
    const text = withValue(reader.text, 'files_restored', '[{ a = 1 }]');
    const { paths, file } = await homeWith(reader, text);
    const append = appendAuditEntry(paths, 'default', { targetSnapshotId: '20251201_100000_abc', operationType: 'simple', preserveChangesEnabled: false, success: true });
    await expect(append).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'files_restored' } });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('config.toml is left as it is by `collection use`', async () => {
    const reader = READERS['config.toml']!;
    const text = withValue(reader.text, 'default-collection', '["default"]');
    const { paths, file } = await homeWith(reader, text);
    await expect(writeDefaultCollection(paths, 'work')).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'default-collection' } });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('projects.toml is left as it is by `projects add`', async () => {
    const reader = READERS['projects.toml']!;
    const text = withValue(reader.text, 'name', '1979-05-27');
    const { paths, file } = await homeWith(reader, text);
    await expect(registerProject(paths, '/work/other', '2025-12-18T10:00:00Z')).rejects.toMatchObject({ code: 'corrupt_file', details: { key: 'name' } });
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});

describe('timestamps read from TOML date-times', () => {
  it('a snapshot timestamp with an offset reads as UTC', async () => {
    const reader = READERS['snapshots.toml']!;
    const { paths } = await homeWith(reader, withValue(reader.text, 'timestamp', '2025-12-17T16:30:22+02:00'));
    const metadata = await readSnapshotMetadata(paths, 'default');
    expect(metadata.snapshots[0]?.timestamp).toBe('2025-12-17T14:30:22Z');
  });

  it('a project added at an offset date-time reads as UTC', async () => {
    const reader = READERS['projects.toml']!;
    const { paths } = await homeWith(reader, withValue(reader.text, 'added', '2025-12-17T16:30:22+02:00'));
    expect((await readProjectRegistry(paths))[0]?.added).toBe('2025-12-17T14:30:22Z');
  });
});

describe('collection.lock fetched', () => {
  it('is rewritten only where it changed: an updated entry records its new time, an unchanged one keeps its TOML date-time', async () => {
    const reader = READERS['collection.lock']!;
    const twoEntries = `${reader.text}\n[lock.entries."pdf::skill"]\ncontent_hash = "abc"\nfetched = 2025-12-16T10:00:00Z\n`;
    const { paths, file } = await homeWith(reader, twoEntries);
    const lock = await readLockfile(COLLECTION(paths));
    await writeLockfile(COLLECTION(paths), withLockEntry(lock, 'skill', 'canvas', { contentHash: 'def', fetched: '2026-01-02T03:04:05Z' }));
    expect((await readLockfile(COLLECTION(paths))).entries.get('canvas::skill')).toMatchObject({ contentHash: 'def', fetched: '2026-01-02T03:04:05Z' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('2025-12-17T14:30:22');
    expect(text).toMatch(/^fetched = 2025-12-16T10:00:00(\.000)?Z$/m);
  });
});
