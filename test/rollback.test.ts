import { describe, expect, it } from 'vitest';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf, readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

/** A collection with skill "canvas" (SKILL.md of five lines, an executable script) and a snapshot S of it. */
async function snapshotted() {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': 'a\nb\nc\nd\ne\n', 'canvas/run.sh': 'echo hi\n' });
  await chmod(join(src, 'canvas/run.sh'), 0o755);
  await core.addArtifact(join(src, 'canvas'));
  const root = join(home, 'collections/default');
  const skill = join(root, 'skills/canvas/SKILL.md');
  const s = await core.snapshot('S');
  return { core, home, root, skill, s };
}

describe('rollback', () => {
  it('plain: the collection becomes exactly the snapshot (added files gone, edited and deleted ones back, modes kept)', async () => {
    const { core, root, skill, s } = await snapshotted();
    const before = await readTree(root);
    await writeFile(skill, 'changed\n');
    await writeFile(join(root, 'skills/canvas/new.md'), 'added\n');
    await writeFile(join(root, 'skills/canvas/run.sh'), '');
    const result = await core.rollback(s.id);
    expect(result).toMatchObject({ status: 'ok', operation_type: 'simple', safety_snapshot_id: expect.any(String) });
    expect(result.files_restored.sort()).toEqual(['skills/canvas/SKILL.md', 'skills/canvas/new.md', 'skills/canvas/run.sh']);
    expect(await readTree(root)).toEqual(before);
    expect((await stat(join(root, 'skills/canvas/run.sh'))).mode & 0o777).toBe(0o755);
  });

  it('the safety snapshot undoes the rollback', async () => {
    const { core, root, skill, s } = await snapshotted();
    await writeFile(skill, 'later work\n');
    const result = await core.rollback(s.id);
    await core.rollback(result.safety_snapshot_id!);
    expect(await readFile(skill, 'utf8')).toBe('later work\n');
    expect(await readTree(root)).toHaveProperty(['skills/canvas/SKILL.md'], 'later work\n');
  });

  it('selective: only the given paths return to the snapshot', async () => {
    const { core, root, skill, s } = await snapshotted();
    await writeFile(skill, 'changed\n');
    await writeFile(join(root, 'skills/canvas/run.sh'), 'echo changed\n');
    const result = await core.rollback(s.id, { paths: ['skills/canvas/SKILL.md'] });
    expect(result).toMatchObject({ operation_type: 'selective', files_restored: ['skills/canvas/SKILL.md'] });
    expect(await readFile(skill, 'utf8')).toBe('a\nb\nc\nd\ne\n');
    expect(await readFile(join(root, 'skills/canvas/run.sh'), 'utf8')).toBe('echo changed\n');
    const [entry] = await core.audit({ limit: 1 });
    expect(entry).toMatchObject({ operation_type: 'selective', selective_paths: ['skills/canvas/SKILL.md'], success: true });
  });

  it('refuses an unknown snapshot or a path with ".." before writing anything', async () => {
    const { core, s } = await snapshotted();
    expect((await errorOf(() => core.rollback('20990101_000000_zzz'))).code).toBe('not_found');
    expect((await errorOf(() => core.rollback(s.id, { paths: ['../outside'] }))).code).toBe('path_outside');
    expect((await core.snapshots()).map((x) => x.id)).toEqual([s.id]);
    expect(await core.audit()).toEqual([]);
  });

  it('a truncated archive refuses the rollback, changes nothing and is audited as a failure', async () => {
    const { core, root, skill, s } = await snapshotted();
    await writeFile(skill, 'keep me\n');
    const bytes = await readFile(s.tarball_path);
    await writeFile(s.tarball_path, bytes.subarray(0, bytes.length - 40));
    const before = await readTree(root);
    expect((await errorOf(() => core.rollback(s.id))).code).toBe('corrupt_file');
    expect(await readTree(root)).toEqual(before);
    const [entry] = await core.audit({ limit: 1 });
    expect(entry).toMatchObject({ success: false, error: expect.any(String), target_snapshot_id: s.id });
  });
});
