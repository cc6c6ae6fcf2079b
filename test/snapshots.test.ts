import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listArchive } from '../src/core/snapshots/archive-reader.js';
import { errorOf, sampleSkill, tempCore, tempDir } from './support/fixtures.js';

async function collectionWithSkill() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  return { core, home };
}

describe('snapshots', () => {
  it('archives the whole collection under its name and lists it newest first', async () => {
    const { core } = await collectionWithSkill();
    const first = await core.snapshot('first');
    const second = await core.snapshot('second');
    expect(first.id).toMatch(/^\d{8}_\d{6}_[a-z0-9]{3}$/);
    expect(first.id).not.toBe(second.id);
    expect((await core.snapshots()).map((s) => s.message)).toEqual(['second', 'first']);
    expect((await core.snapshots({ limit: 1 })).map((s) => s.message)).toEqual(['second']);
    const names = (await listArchive(first.tarball_path)).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['default/collection.toml', 'default/collection.lock', 'default/skills/canvas/SKILL.md', 'default/skills/canvas/scripts/run.sh']));
    expect(first).toMatchObject({ automatic: false, artifact_count: 1, size_bytes: expect.any(Number) });
  });

  it('deletes a snapshot: gone from the list and from disk', async () => {
    const { core } = await collectionWithSkill();
    const taken = await core.snapshot('x');
    await core.deleteSnapshot(taken.id);
    expect(await core.snapshots()).toEqual([]);
    expect((await errorOf(() => readFile(taken.tarball_path))).code).toBe('ENOENT');
    expect((await errorOf(() => core.showSnapshot(taken.id))).code).toBe('not_found');
  });

  it('takes a safety snapshot before remove, and returns its id', async () => {
    const { core } = await collectionWithSkill();
    const removed = await core.removeArtifact('canvas');
    expect(removed.safety_snapshot_id).not.toBeNull();
    const safety = await core.showSnapshot(removed.safety_snapshot_id!);
    expect(safety).toMatchObject({ automatic: true, message: 'Safety snapshot before remove', artifact_count: 1 });
  });

  it('refuses to remove an unknown artifact before taking any snapshot', async () => {
    const { core } = await collectionWithSkill();
    expect((await errorOf(() => core.removeArtifact('nope'))).code).toBe('not_found');
    expect(await core.snapshots()).toEqual([]);
  });

  it('takes a safety snapshot before push rewrites the collection', async () => {
    const { core } = await collectionWithSkill();
    const project = await tempDir();
    await core.deploy({ names: ['canvas'], project });
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Improved\n');
    const result = await core.push({ project, strategy: 'overwrite' });
    expect(result.safety_snapshot_id).not.toBeNull();
    expect((await core.showSnapshot(result.safety_snapshot_id!)).message).toBe('Safety snapshot before push');
  });

  it('a corrupt snapshots.toml is a clear error naming the file, and is not overwritten', async () => {
    const { core, home } = await collectionWithSkill();
    await core.snapshot('ok');
    const path = join(home, 'snapshots/default/snapshots.toml');
    await writeFile(path, '[[snapshots]]\nid = \n');
    const error = await errorOf(() => core.snapshot('again'));
    expect(error).toMatchObject({ code: 'corrupt_file', message: expect.stringContaining(path) });
    expect(await readFile(path, 'utf8')).toBe('[[snapshots]]\nid = \n');
  });
});
