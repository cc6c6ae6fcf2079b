import { describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SkillmeatError } from '../errors.js';
import { readFileMap } from './file-map.js';
import { workDir, writeTreeSync } from '../../../test/support/temp-files.js';

describe('readFileMap', () => {
  it('reads every file of a folder artifact by POSIX path, in hash order, as raw bytes', async () => {
    const root = writeTreeSync(join(workDir(), 'skill'), { 'SKILL.md': '# Skill\r\n', 'a-b.md': 'x', 'a/z.md': Uint8Array.of(0xe9, 0x00) });
    const map = await readFileMap(root, 'folder', 'refuse');
    expect([...(map?.keys() ?? [])]).toEqual(['SKILL.md', 'a/z.md', 'a-b.md']);
    expect(Buffer.from(map!.get('SKILL.md') as Uint8Array)).toEqual(Buffer.from('# Skill\r\n'));
    expect(Buffer.from(map!.get('a/z.md') as Uint8Array)).toEqual(Buffer.of(0xe9, 0x00));
  });

  it('applies the one ignore set', async () => {
    const root = writeTreeSync(join(workDir(), 'skill'), { 'SKILL.md': 's', '.DS_Store': 'x', 'node_modules/p/index.js': 'x', 'notes.md~': 'x', 'x.pyc': 'x' });
    expect([...((await readFileMap(root, 'folder', 'refuse'))?.keys() ?? [])]).toEqual(['SKILL.md']);
  });

  it('reads a file artifact as the single path ""', async () => {
    const path = join(workDir(), 'review.md');
    writeTreeSync(join(path, '..'), { 'review.md': '# Review\n' });
    const map = await readFileMap(path, 'file', 'refuse');
    expect([...(map ?? [])].map(([key, bytes]) => [key, Buffer.from(bytes as Uint8Array).toString()])).toEqual([['', '# Review\n']]);
  });

  it('is undefined when nothing is at the root', async () => {
    expect(await readFileMap(join(workDir(), 'missing'), 'folder', 'refuse')).toBeUndefined();
  });

  it('refuses or skips a link leaving the artifact, as asked', async () => {
    const work = workDir();
    writeTreeSync(join(work, 'outside'), { 'secret.md': 's' });
    const root = writeTreeSync(join(work, 'skill'), { 'SKILL.md': 's' });
    symlinkSync(join(work, 'outside', 'secret.md'), join(root, 'link.md'));
    await expect(readFileMap(root, 'folder', 'refuse')).rejects.toBeInstanceOf(SkillmeatError);
    expect([...((await readFileMap(root, 'folder', 'skip'))?.keys() ?? [])]).toEqual(['SKILL.md']);
  });
});
