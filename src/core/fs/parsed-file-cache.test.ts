import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ParsedFileCache } from './parsed-file-cache.js';
import { tempDir } from '../../../test/support/fixtures.js';

/** A loader that counts how often it really read the file. */
function countingLoader(path: string) {
  let reads = 0;
  return {
    load: async () => {
      reads += 1;
      return readFile(path, 'utf8');
    },
    reads: () => reads,
  };
}

describe('ParsedFileCache', () => {
  it('reuses the parsed value while the file is unchanged and settled', async () => {
    const path = join(await tempDir(), 'a.toml');
    await writeFile(path, 'one');
    await sleep(20);
    const cache = new ParsedFileCache(0);
    const loader = countingLoader(path);
    expect(await cache.get(path, loader.load)).toBe('one');
    expect(await cache.get(path, loader.load)).toBe('one');
    expect(loader.reads()).toBe(1);
  });

  it('reads again after the file changed', async () => {
    const path = join(await tempDir(), 'a.toml');
    await writeFile(path, 'one');
    await sleep(20);
    const cache = new ParsedFileCache(0);
    const loader = countingLoader(path);
    await cache.get(path, loader.load);
    await writeFile(path, 'two');
    expect(await cache.get(path, loader.load)).toBe('two');
    expect(loader.reads()).toBe(2);
  });

  it('never trusts a file changed within the racy margin', async () => {
    const path = join(await tempDir(), 'a.toml');
    await writeFile(path, 'one');
    const cache = new ParsedFileCache(60_000);
    const loader = countingLoader(path);
    await cache.get(path, loader.load);
    await cache.get(path, loader.load);
    expect(loader.reads()).toBe(2);
  });
});
