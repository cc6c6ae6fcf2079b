import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf, readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

/** A collection with skill "canvas", a snapshot S of it, then SKILL.md edited after S. */
async function editedAfterSnapshot() {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': 'as in S\n' });
  await core.addArtifact(join(src, 'canvas'));
  const s = await core.snapshot('S');
  const root = join(home, 'collections/default');
  const skill = join(root, 'skills/canvas/SKILL.md');
  await writeFile(skill, 'edited after S\n');
  return { core, root, skill, s };
}

describe('selective rollback paths', () => {
  it.each([
    ['a NUL', 'skills/canvas/SKILL.md\0'],
    ['a NUL inside', 'skills/canvas\0/SKILL.md'],
    ['a newline', 'skills/canvas/SKILL.md\n'],
    ['an escape sequence', 'skills/\u001b[2Jcanvas'],
    ['a C1 control', 'skills/canvas\u0085'],
  ])('a path with %s is refused before anything is written: no safety snapshot, no audit entry', async (_what, path) => {
    const { core, root, s } = await editedAfterSnapshot();
    const before = await readTree(root);
    const error = await errorOf(() => core.rollback(s.id, { paths: [path] }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('control character') });
    expect((await core.snapshots()).map((x) => x.id)).toEqual([s.id]);
    expect(await core.audit()).toEqual([]);
    expect(await readTree(root)).toEqual(before);
  });

  it('a path naming no part of the collection (".") is refused: roll back without --paths for all of it', async () => {
    const { core, s } = await editedAfterSnapshot();
    expect(await errorOf(() => core.rollback(s.id, { paths: ['.'] }))).toMatchObject({ code: 'invalid_input' });
    expect(await core.audit()).toEqual([]);
  });

  it('"." and empty parts in a path are read as the path they spell', async () => {
    const { core, skill, s } = await editedAfterSnapshot();
    const result = await core.rollback(s.id, { paths: ['./skills/./canvas//SKILL.md'] });
    expect(result).toMatchObject({ operation_type: 'selective', files_restored: ['skills/canvas/SKILL.md'] });
    expect(await readFile(skill, 'utf8')).toBe('as in S\n');
    expect((await core.audit({ limit: 1 }))[0]).toMatchObject({ selective_paths: ['skills/canvas/SKILL.md'], success: true });
  });
});
