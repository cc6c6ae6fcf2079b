import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { errorOf, tempDir } from '../../../test/support/fixtures.js';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.toml');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.toml']);
  });

  it('on failure leaves the target untouched and cleans up its temporary file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'target');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'kept');
    const error = await errorOf(() => writeFileAtomic(path, 'new'));
    expect(error.code).toBe('io_error');
    expect(error.message).toContain(path);
    expect(await readdir(dir)).toEqual(['target']);
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('kept');
  });

  it('fails clearly when the folder does not exist', async () => {
    const dir = await tempDir();
    const error = await errorOf(() => writeFileAtomic(join(dir, 'missing', 'a'), 'x'));
    expect(error.code).toBe('io_error');
  });
});
