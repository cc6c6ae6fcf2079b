import { beforeEach, describe, expect, it } from 'vitest';
import { rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { walkArtifact } from '../fs/artifact-files.js';
import { hashArtifact } from './content-hash.js';
import { HashCache } from './hash-cache.js';
import { workDir, writeTreeSync } from '../../../test/support/temp-files.js';

let work: string;
beforeEach(() => {
  work = workDir('skillmeat-cache-');
});

const folder = (name: string, files: Record<string, string>): string => writeTreeSync(join(work, name), files);

/** Lets the clock move past the last write, so a cache with no safety margin will trust it. */
const settle = (): Promise<void> => sleep(30);

/** A cache that trusts anything older than the start of hashing: the tests settle instead of waiting 2 s. */
const eagerCache = (): HashCache => new HashCache({ racyMarginMs: 0 });

describe('HashCache with hashArtifact', () => {
  it('answers a re-check of an unchanged artifact from the cache', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n', 'docs/a.md': 'a' });
    await settle();
    const cache = eagerCache();
    const first = await hashArtifact(root, 'folder', { cache });
    const second = await hashArtifact(root, 'folder', { cache });
    expect(second).toBe(first);
    expect(cache.counters).toEqual({ hits: 1, misses: 1 });
  });

  it('returns the remembered hash without reading a byte while the stats match', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    await settle();
    const cache = eagerCache();
    const startedAt = Date.now();
    const listing = await walkArtifact(root, 'folder', { onEscapingLink: 'skip', stampFolders: true });
    expect(listing && cache.remember(root, 'folder', listing, 'remembered-hash', startedAt)).toBe(true);
    expect(await hashArtifact(root, 'folder', { cache })).toBe('remembered-hash');
  });

  it('detects new bytes of the same size even with the mtime put back (the ctime moves)', async () => {
    const root = folder('skill', { 'SKILL.md': 'before' });
    const file = join(root, 'SKILL.md');
    utimesSync(file, 1_600_000_000, 1_600_000_000);
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(root, 'folder', { cache });
    writeFileSync(file, 'after!');
    utimesSync(file, 1_600_000_000, 1_600_000_000);
    expect(statSync(file).mtimeMs).toBe(1_600_000_000_000);
    expect(statSync(file).size).toBe(6);
    const after = await hashArtifact(root, 'folder', { cache });
    expect(after).not.toBe(before);
    expect(after).toBe(await hashArtifact(root, 'folder'));
  });

  it('does not store a hash whose files changed within the safety margin', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    const cache = new HashCache(); // 2 s margin: the file was written just now
    await hashArtifact(root, 'folder', { cache });
    await hashArtifact(root, 'folder', { cache });
    expect(cache.size).toBe(0);
    expect(cache.counters).toEqual({ hits: 0, misses: 2 });
  });

  it('re-reads a racy file instead of trusting its stamp', async () => {
    const root = folder('skill', { 'SKILL.md': 'one' });
    const cache = new HashCache({ racyMarginMs: 60_000 });
    const startedAt = Date.now();
    const listing = await walkArtifact(root, 'folder', { onEscapingLink: 'skip', stampFolders: true });
    expect(listing && cache.remember(root, 'folder', listing, 'stale-hash', startedAt)).toBe(false);
    expect(await hashArtifact(root, 'folder', { cache })).toBe(await hashArtifact(root, 'folder'));
  });

  it('detects a file added to a sub-folder', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n', 'docs/a.md': 'a' });
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(root, 'folder', { cache });
    writeFileSync(join(root, 'docs', 'b.md'), 'b');
    expect(await hashArtifact(root, 'folder', { cache })).not.toBe(before);
  });

  it('detects a file removed', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n', 'docs/a.md': 'a' });
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(root, 'folder', { cache });
    unlinkSync(join(root, 'docs', 'a.md'));
    expect(await hashArtifact(root, 'folder', { cache })).not.toBe(before);
  });

  it('still reuses the hash when only an ignored file appeared', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(root, 'folder', { cache });
    writeFileSync(join(root, '.DS_Store'), 'junk');
    expect(await hashArtifact(root, 'folder', { cache })).toBe(before);
    expect(cache.counters.hits).toBe(1);
  });

  it('reuses the hash of an artifact with an in-artifact link, and sees its target change', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n', 'shared/notes.md': 'notes' });
    symlinkSync('shared/notes.md', join(root, 'notes.md'));
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(root, 'folder', { cache });
    expect(await hashArtifact(root, 'folder', { cache })).toBe(before);
    expect(cache.counters.hits).toBe(1);
    writeFileSync(join(root, 'shared', 'notes.md'), 'NOTES');
    expect(await hashArtifact(root, 'folder', { cache })).not.toBe(before);
  });

  it('still refuses an escaping link added after the hash was cached', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    await settle();
    const cache = eagerCache();
    await hashArtifact(root, 'folder', { cache, onEscapingLink: 'refuse' });
    symlinkSync(work, join(root, 'escape'));
    await expect(hashArtifact(root, 'folder', { cache, onEscapingLink: 'refuse' })).rejects.toMatchObject({ code: 'symlink_escape' });
  });

  it('caches a file artifact and sees it change', async () => {
    const path = join(work, 'review.md');
    writeFileSync(path, 'one');
    await settle();
    const cache = eagerCache();
    const before = await hashArtifact(path, 'file', { cache });
    expect(await hashArtifact(path, 'file', { cache })).toBe(before);
    writeFileSync(path, 'two');
    expect(await hashArtifact(path, 'file', { cache })).not.toBe(before);
    expect(cache.counters.hits).toBe(1);
  });

  it('forgets an artifact that is gone', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    await settle();
    const cache = eagerCache();
    await hashArtifact(root, 'folder', { cache });
    rmSync(root, { recursive: true });
    expect(await hashArtifact(root, 'folder', { cache })).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps file stamps but re-walks while a folder is too recent to vouch for its names', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    await settle();
    const startedAt = Date.now();
    await settle(); // past the kernel's coarse timestamp tick
    writeFileSync(join(root, '.DS_Store'), 'junk'); // touches the folder after hashing started
    const cache = eagerCache();
    const listing = await walkArtifact(root, 'folder', { onEscapingLink: 'skip', stampFolders: true });
    expect(listing && cache.remember(root, 'folder', listing, 'files-only', startedAt)).toBe(true);
    expect(cache.recall(root, 'folder')).toBeUndefined();
    expect(await hashArtifact(root, 'folder', { cache })).toBe('files-only');
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const roots = ['a', 'b', 'c'].map((name) => folder(name, { 'SKILL.md': name }));
    await settle();
    const cache = new HashCache({ racyMarginMs: 0, maxEntries: 2 });
    for (const root of roots) await hashArtifact(root, 'folder', { cache });
    expect(cache.size).toBe(2);
    expect(cache.recall(roots[0] as string, 'folder')).toBeUndefined();
    expect(cache.recall(roots[2] as string, 'folder')).toBeDefined();
  });
});
