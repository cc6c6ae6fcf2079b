import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { errorOf, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';
import { homePaths } from '../src/core/home/home-paths.js';
import { readSnapshotMetadata } from '../src/core/snapshots/snapshot-metadata.js';
import { findArtifactInSnapshots, forgetAllSnapshotIndexes, readSnapshotArtifactFiles } from '../src/core/snapshots/snapshot-index.js';
import { hashFileMap } from '../src/core/hash/content-hash.js';

/** A collection with a skill (two files) and a command; `home` is its home folder. */
async function collection() {
  const { core, home } = await tempCore();
  await core.init();
  const sources = await tempDir();
  await core.addArtifact(await sampleSkill(sources, 'canvas'));
  await writeTree(sources, { 'review.md': '# Review\n' });
  await core.addArtifact(join(sources, 'review.md'), { type: 'command' });
  return { core, home, sources, folder: join(home, 'snapshots/default'), root: join(home, 'collections/default') };
}

/** Every entry under `dir`, recursively, as relative paths: proves that no staging folder was left or made. */
async function entriesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('the snapshot index', () => {
  it('is written with the snapshot, beside its archive, and lists each artifact with the hash list reports', async () => {
    const { core, folder } = await collection();
    const taken = await core.snapshot('first');
    expect(await readdir(folder)).toEqual(expect.arrayContaining([`${taken.id}.tar.gz`, `${taken.id}.index.json`]));
    const listed = await core.listArtifacts();
    const artifacts = await core.snapshotArtifacts(taken.id);
    expect(artifacts).toEqual(
      listed.map((a) => ({ name: a.name, type: a.type, content_hash: a.content_hash, file_count: expect.any(Number), size_bytes: expect.any(Number) })),
    );
    expect(artifacts.find((a) => a.name === 'canvas')).toMatchObject({ file_count: 2, size_bytes: '# Skill\n'.length + 'echo hi\n'.length });
    const sidecar = JSON.parse(await readFile(join(folder, `${taken.id}.index.json`), 'utf8')) as { format: number; index: { other_files: { path: string }[] } };
    expect(sidecar.format).toBe(1);
    expect(sidecar.index.other_files.map((f) => f.path)).toEqual(['collection.lock', 'collection.toml']);
  });

  it('is built from the archive for a snapshot without a sidecar, and then kept beside it', async () => {
    const { core, folder } = await collection();
    const taken = await core.snapshot('old');
    const expected = await core.snapshotArtifacts(taken.id);
    await rm(join(folder, `${taken.id}.index.json`));
    const fresh = await tempCoreOver(core);
    expect(await fresh.snapshotArtifacts(taken.id)).toEqual(expected);
    expect(await readdir(folder)).toContain(`${taken.id}.index.json`);
  });

  it('does not trust a tampered sidecar: it is rebuilt from the archive', async () => {
    const { core, folder } = await collection();
    const taken = await core.snapshot('x');
    const path = join(folder, `${taken.id}.index.json`);
    const text = await readFile(path, 'utf8');
    const truth = await core.snapshotArtifacts(taken.id);
    const forged = text.replace(truth[0]!.content_hash, 'f'.repeat(64));
    expect(forged).not.toBe(text);
    await writeFile(path, forged);
    expect(await (await tempCoreOver(core)).snapshotArtifacts(taken.id)).toEqual(truth);
    // Garbage reads as absent too.
    await writeFile(path, '{"format":1,');
    expect(await (await tempCoreOver(core)).snapshotArtifacts(taken.id)).toEqual(truth);
  });

  it('is built for a snapshot the Python tool wrote (its metadata dialect, an archive made by tar)', async () => {
    const { core, home, folder, root } = await collection();
    const listed = await core.listArtifacts();
    await mkdir(folder, { recursive: true });
    const id = '20251217-143022-123456';
    const tar = spawnSync('tar', ['-czf', join(folder, `${id}.tar.gz`), '-C', join(home, 'collections'), 'default'], { encoding: 'utf8' });
    expect(tar.status, tar.stderr).toBe(0);
    await writeFile(
      join(folder, 'snapshots.toml'),
      `[[snapshots]]\nid = "${id}"\ntimestamp = "2025-12-17T14:30:22.123456"\nmessage = "[auto] Before sync"\nartifact_count = 2\ntarball_path = "${folder}/${id}.tar.gz"\n`,
    );
    expect(root).toBeTruthy();
    const artifacts = await core.snapshotArtifacts(id);
    expect(artifacts.map((a) => [a.name, a.content_hash])).toEqual(listed.map((a) => [a.name, a.content_hash]));
    const [info] = await core.snapshots();
    expect(info).toMatchObject({ id, kind: 'automatic', operation: null, automatic: true, pinned: false });
    expect((await core.snapshotDiff(id)).artifacts).toEqual([]);
  });

  it('is deleted with its snapshot', async () => {
    const { core, folder } = await collection();
    const taken = await core.snapshot('x');
    await core.deleteSnapshot(taken.id);
    expect((await readdir(folder)).filter((name) => name.includes(taken.id))).toEqual([]);
  });

  it('finds an artifact by content hash and reads its files from the archive alone', async () => {
    const { core, home } = await collection();
    const taken = await core.snapshot('x');
    const canvas = (await core.listArtifacts()).find((a) => a.name === 'canvas')!;
    const found = await findArtifactInSnapshots(homePaths(home), 'default', { name: 'canvas', type: 'skill' }, canvas.content_hash);
    expect(found).toMatchObject({ entry: { id: taken.id }, artifact: { name: 'canvas', content_hash: canvas.content_hash } });
    const files = await readSnapshotArtifactFiles(found!);
    expect([...files.keys()].sort()).toEqual(['SKILL.md', 'scripts/run.sh']);
    expect(await hashFileMap(files, 'folder')).toBe(canvas.content_hash);
    expect(await findArtifactInSnapshots(homePaths(home), 'default', { name: 'canvas', type: 'skill' }, '0'.repeat(64))).toBeUndefined();
  });
});

describe('snapshots diff', () => {
  it('lists artifacts and files added, modified and removed between two snapshots, without extracting', async () => {
    const { core, home, root, sources } = await collection();
    const first = await core.snapshot('first');
    await writeFile(join(root, 'skills/canvas/SKILL.md'), '# Skill v2\n');
    await writeFile(join(root, 'skills/canvas/notes.md'), 'new\n');
    await writeTree(sources, { 'lint.md': '# Lint\n' });
    await core.addArtifact(join(sources, 'lint.md'), { type: 'command' });
    await core.removeArtifact('review');
    const second = await core.snapshot('second');
    const before = await entriesUnder(home);

    const diff = await core.snapshotDiff(first.id, { to: second.id });
    expect(diff.artifacts.map((a) => [a.change, a.type, a.name])).toEqual([
      ['modified', 'skill', 'canvas'],
      ['added', 'command', 'lint'],
      ['removed', 'command', 'review'],
    ]);
    expect(diff.artifacts[0]!.files).toEqual([
      { path: 'skills/canvas/SKILL.md', change: 'modified', before_size: 8, after_size: 11 },
      { path: 'skills/canvas/notes.md', change: 'added', before_size: null, after_size: 4 },
    ]);
    expect(diff.other_files.map((f) => f.path)).toEqual(['collection.lock', 'collection.toml']);
    expect(await entriesUnder(home)).toEqual(before);
  });

  it('compares a snapshot with the collection now, and gives one file\'s two texts', async () => {
    const { core, home, root } = await collection();
    const taken = await core.snapshot('before');
    await writeFile(join(root, 'skills/canvas/SKILL.md'), '# Skill, edited\n');
    const before = await entriesUnder(home);
    const diff = await core.snapshotDiff(taken.id);
    expect(diff).toMatchObject({ from: taken.id, to: null, artifacts: [{ name: 'canvas', change: 'modified', files: [{ path: 'skills/canvas/SKILL.md', change: 'modified' }] }], other_files: [] });
    const text = await core.snapshotFileDiff(taken.id, 'skills/canvas/SKILL.md');
    expect(text).toEqual({ path: 'skills/canvas/SKILL.md', change: 'modified', binary: false, before: '# Skill\n', after: '# Skill, edited\n', omitted: [], from: taken.id, to: null });
    expect(await entriesUnder(home)).toEqual(before);
  });

  it('shows binary and over-8-MiB files without their texts', async () => {
    const { core, root } = await collection();
    await writeFile(join(root, 'skills/canvas/logo.png'), Buffer.from([0x89, 0x50, 0, 1, 2]));
    await writeFile(join(root, 'skills/canvas/big.txt'), Buffer.alloc(8 * 1024 * 1024 + 1, 0x61));
    const taken = await core.snapshot('x');
    await writeFile(join(root, 'skills/canvas/logo.png'), Buffer.from([0x89, 0x50, 0, 9]));
    await writeFile(join(root, 'skills/canvas/big.txt'), Buffer.alloc(8 * 1024 * 1024 + 2, 0x61));
    expect(await core.snapshotFileDiff(taken.id, 'skills/canvas/logo.png')).toMatchObject({ binary: true, before: null, after: null, omitted: [] });
    expect(await core.snapshotFileDiff(taken.id, 'skills/canvas/big.txt')).toMatchObject({ binary: false, before: null, after: null, omitted: ['before', 'after'] });
  });

  it.each([
    ['../outside', 'path_outside'],
    ['/etc/passwd', 'path_outside'],
    ['skills/canvas/\u0000x', 'invalid_input'],
    ['skills/canvas/nope.md', 'not_found'],
    ['skills/canvas/scripts/run.sh', 'not_found'],
  ])('refuses file path %j with %s', async (path, code) => {
    const { core } = await collection();
    const taken = await core.snapshot('x');
    expect((await errorOf(() => core.snapshotFileDiff(taken.id, path))).code).toBe(code);
  });

  it('refuses an unknown snapshot id', async () => {
    const { core } = await collection();
    expect((await errorOf(() => core.snapshotDiff('20200101_000000_abc'))).code).toBe('not_found');
  });
});

describe('the timeline page', () => {
  it('gives each snapshot its changes since the one before, filters by kind and by artifact, and counts what passes', async () => {
    const { core, root } = await collection();
    const first = await core.snapshot('first');
    await writeFile(join(root, 'skills/canvas/SKILL.md'), '# Skill v2\n');
    const second = await core.snapshot('second');
    await core.removeArtifact('review'); // takes a safety snapshot (no change since `second`)
    const third = await core.snapshot('third');

    const page = await core.snapshotPage({ limit: 10 });
    expect(page.total).toBe(4);
    expect(page.snapshots.map((s) => [s.message, s.kind, s.changes])).toEqual([
      ['third', 'manual', { added: [], modified: [], removed: [{ name: 'review', type: 'command' }] }],
      ['Safety snapshot before remove', 'safety', { added: [], modified: [], removed: [] }],
      ['second', 'manual', { added: [], modified: [{ name: 'canvas', type: 'skill' }], removed: [] }],
      ['first', 'manual', { added: [{ name: 'canvas', type: 'skill' }, { name: 'review', type: 'command' }], modified: [], removed: [] }],
    ]);
    expect(page.snapshots[1]).toMatchObject({ operation: 'remove', automatic: true, retention: 'recent' });

    expect((await core.snapshotPage({ kinds: ['safety'] })).snapshots.map((s) => s.kind)).toEqual(['safety']);
    const canvas = await core.snapshotPage({ artifact: { name: 'canvas', type: 'skill' } });
    expect(canvas.snapshots.map((s) => s.id)).toEqual([second.id, first.id]);
    expect(canvas.total).toBe(2);
    const paged = await core.snapshotPage({ limit: 1, offset: 1 });
    expect(paged).toMatchObject({ total: 4, offset: 1, snapshots: [{ kind: 'safety' }] });
    expect(third.id).not.toBe(second.id);
  });

  it('shows null changes when an archive is missing', async () => {
    const { core, folder } = await collection();
    const first = await core.snapshot('first');
    await core.snapshot('second');
    await rm(join(folder, `${first.id}.tar.gz`));
    await rm(join(folder, `${first.id}.index.json`));
    const page = await core.snapshotPage();
    expect(page.snapshots.map((s) => s.changes)).toEqual([null, null]);
  });
});

describe('pins, kinds and retention words', () => {
  it('pins and unpins a snapshot, stored as pinned = true in snapshots.toml only while pinned', async () => {
    const { core, folder } = await collection();
    const taken = await core.snapshot('keep me');
    expect(await core.pinSnapshot(taken.id, true)).toMatchObject({ pinned: true, retention: 'pinned', kind: 'manual' });
    expect(await readFile(join(folder, 'snapshots.toml'), 'utf8')).toContain('pinned = true');
    expect(await core.pinSnapshot(taken.id, false)).toMatchObject({ pinned: false, retention: 'manual' });
    expect(await readFile(join(folder, 'snapshots.toml'), 'utf8')).not.toContain('pinned');
    expect((await errorOf(() => core.pinSnapshot('20200101_000000_abc', true))).code).toBe('not_found');
  });

  it('keeps a pinned automatic snapshot that retention would thin, and thins it once unpinned', async () => {
    const { core, home } = await collection();
    await writeFile(join(home, 'config.toml'), '[retention]\nkeep_all_hours = 0\ndaily_days = 0\nweekly_weeks = 0\n');
    const first = await core.removeArtifact('review');
    const pinned = first.safety_snapshot_id!;
    await core.pinSnapshot(pinned, true);
    await core.removeArtifact('canvas'); // the next safety snapshot thins every older automatic one
    expect((await core.snapshots()).map((s) => s.id)).toContain(pinned);
    await core.pinSnapshot(pinned, false);
    const sources = await tempDir();
    await core.addArtifact(await sampleSkill(sources, 'other'));
    await core.removeArtifact('other');
    expect((await core.snapshots()).map((s) => s.id)).not.toContain(pinned);
    // Thinning took the sidecars with the archives.
    const names = await readdir(join(home, 'snapshots/default'));
    expect(names.filter((n) => n.endsWith('.index.json')).map((n) => n.replace('.index.json', '.tar.gz')).filter((n) => !names.includes(n))).toEqual([]);
    expect(names.filter((n) => n.startsWith(pinned))).toEqual([]);
  });

  it('refuses a pinned value that is not a boolean as a corrupt file', async () => {
    const { core, home } = await collection();
    await core.snapshot('x');
    const metadata = await readSnapshotMetadata(homePaths(home), 'default');
    const path = metadata.path;
    await writeFile(path, (await readFile(path, 'utf8')).replace('automatic = false', 'automatic = false\npinned = "yes"'));
    expect((await errorOf(() => core.snapshots())).code).toBe('corrupt_file');
  });

  it('keeps pinned = true in the Python dialect and writes the rest back as read', async () => {
    const { core, folder } = await collection();
    await mkdir(folder, { recursive: true });
    const id = '20251217-143022-123456';
    const text = `[[snapshots]]\nid = "${id}"\ntimestamp = "2025-12-17T14:30:22.123456"\nmessage = "Manual snapshot"\nartifact_count = 2\ntarball_path = "${folder}/${id}.tar.gz"\n`;
    await writeFile(join(folder, 'snapshots.toml'), text);
    await core.pinSnapshot(id, true);
    const pinnedText = await readFile(join(folder, 'snapshots.toml'), 'utf8');
    expect(pinnedText).toContain('pinned = true');
    expect(pinnedText).toContain('timestamp = "2025-12-17T14:30:22.123456"');
    await core.pinSnapshot(id, false);
    expect(parse(await readFile(join(folder, 'snapshots.toml'), 'utf8'))).toEqual(parse(text));
  });
});

/** A core over the same home with no index in memory, as a new process would be. */
async function tempCoreOver(core: { paths: { root: string } }) {
  const { SkillMeat } = await import('../src/core/skillmeat.js');
  forgetAllSnapshotIndexes();
  return new SkillMeat({ home: core.paths.root });
}
