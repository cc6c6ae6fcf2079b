import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLockfile, withLockEntry, writeLockfile } from './collection-lockfile.js';
import { workDir } from '../../../test/support/temp-files.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('collection.lock written back', () => {
  it('keeps an entry nobody changed byte for byte, and writes a changed one in the form the entry had', async () => {
    const root = workDir('skillmeat-lock-');
    // As the Python tool writes it: naive UTC times with microseconds.
    const text = `[lock]\nversion = "1.0.0"\n\n[lock.entries."canvas::skill"]\ncontent_hash = "${A}"\nfetched = "2025-12-17T14:30:22.123456"\n\n[lock.entries."tidy::skill"]\ncontent_hash = "${A}"\nfetched = "2025-12-17T14:30:22.123456"\n`;
    writeFileSync(join(root, 'collection.lock'), text);
    const lock = await readLockfile(root);
    await writeLockfile(root, withLockEntry(lock, 'skill', 'canvas', { contentHash: B, fetched: '2026-01-02T03:04:05Z' }));
    expect(readFileSync(join(root, 'collection.lock'), 'utf8')).toBe(text.replace(`content_hash = "${A}"\nfetched = "2025-12-17T14:30:22.123456"\n\n[lock.entries."tidy`, `content_hash = "${B}"\nfetched = "2026-01-02T03:04:05.000000"\n\n[lock.entries."tidy`));
  });
});
