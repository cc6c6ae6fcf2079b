import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HashCache } from './hash-cache.js';
import { hashArtifact } from './content-hash.js';
import { hashIndexShard, readHashIndex, writeHashIndex } from './hash-index-file.js';
import { sampleSkill, tempDir } from '../../../test/support/fixtures.js';

/** A cache that has learned the hash of one settled skill folder. */
async function learnedCache() {
  const dir = await tempDir();
  const skill = await sampleSkill(dir, 'canvas');
  await sleep(20);
  const cache = new HashCache({ racyMarginMs: 0 });
  const hash = await hashArtifact(skill, 'folder', { cache });
  return { dir, skill, hash, cache };
}

describe('hash index file', () => {
  it('round-trips what a cache learned, so a new cache recalls it without reading', async () => {
    const { dir, skill, hash, cache } = await learnedCache();
    const path = join(dir, 'hash-index.json');
    await writeHashIndex(path, cache.exportEntries());
    const fresh = new HashCache({ racyMarginMs: 0 });
    fresh.importEntries(await readHashIndex(path));
    expect(fresh.recall(skill, 'folder')).toBe(hash);
  });

  it('stores paths relative to each artifact root', async () => {
    const { dir, skill, cache } = await learnedCache();
    const path = join(dir, 'hash-index.json');
    await writeHashIndex(path, cache.exportEntries());
    const text = await readFile(path, 'utf8');
    expect(text).toContain('"scripts/run.sh"');
    expect(text.split(skill).length - 1).toBe(1); // the root, once, in the entry's key
  });

  it('a recalled entry is still checked against the files: an edit is seen', async () => {
    const { dir, skill, hash, cache } = await learnedCache();
    const path = join(dir, 'hash-index.json');
    await writeHashIndex(path, cache.exportEntries());
    await writeFile(join(skill, 'SKILL.md'), '# Edited\n');
    const fresh = new HashCache({ racyMarginMs: 0 });
    fresh.importEntries(await readHashIndex(path));
    expect(fresh.recall(skill, 'folder')).toBeUndefined();
    expect(await hashArtifact(skill, 'folder', { cache: fresh })).not.toBe(hash);
  });

  it.each([
    ['garbage', 'not json at all'],
    ['a foreign format', JSON.stringify({ format: 99, entries: [] })],
    ['a torn entry', JSON.stringify({ format: 2, entries: [['folder:/x', 'h', 0, ['a'], 'AAAA']] })],
  ])('reads %s as an empty index (it is only a cache)', async (_what, content) => {
    const path = join(await tempDir(), 'hash-index.json');
    await writeFile(path, content);
    expect(await readHashIndex(path)).toEqual([]);
  });

  it('names one shard per hasher', () => {
    expect(hashIndexShard('/h/cache/hash-index.json', 0, 2)).toBe('/h/cache/hash-index.1-of-2.json');
  });
});
