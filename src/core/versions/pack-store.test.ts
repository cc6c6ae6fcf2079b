import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { workDir } from '../../../test/support/temp-files.js';
import { PackIndex, PackWriter, packsDir, readPacked } from './pack-store.js';
import { blobSink, readBlob } from './object-store.js';
import { verifyObjects } from './verify-objects.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('packs', () => {
  it('keeps many small blobs in one pack file that readers find by SHA-256', async () => {
    const objects = join(workDir(), 'objects');
    const sink = blobSink(objects);
    const names = Array.from({ length: 50 }, (_, i) => `blob number ${i}\n`);
    for (const text of names) expect(sink.storeBytes(bytes(text))).toBe(sha(text));
    sink.finish();
    expect(readdirSync(packsDir(objects)).sort()).toEqual([expect.stringMatching(/^pack-[0-9a-f]{16}\.idx$/), expect.stringMatching(/^pack-[0-9a-f]{16}\.pack$/)]);
    for (const text of names) expect(new TextDecoder().decode(await readBlob(objects, sha(text), { version: 'v', relPath: 'x' }))).toBe(text);
  });

  it('stores a blob the store already holds only once', () => {
    const objects = join(workDir(), 'objects');
    const first = new PackWriter(objects, PackIndex.of(objects));
    first.add(sha('same'), bytes('same'));
    first.add(sha('same'), bytes('same'));
    first.finish();
    const second = new PackWriter(objects, PackIndex.of(objects));
    expect(second.has(sha('same'))).toBe(true);
    second.add(sha('same'), bytes('same'));
    second.finish();
    expect(readdirSync(packsDir(objects)).filter((n) => n.endsWith('.pack'))).toHaveLength(1);
  });

  it('finds a pack another process wrote after this one first looked', () => {
    const objects = join(workDir(), 'objects');
    expect(PackIndex.of(objects).find(sha('later'), true)).toBeUndefined();
    // Another process's index of the same store: this process's does not know its pack yet.
    const other = new PackWriter(objects, PackIndex.read(objects));
    other.add(sha('later'), bytes('later'));
    other.finish();
    expect(PackIndex.of(objects).find(sha('later'), false)).toBeUndefined();
    const found = PackIndex.of(objects).find(sha('later'), true);
    expect(found && new TextDecoder().decode(readPacked(found))).toBe('later');
  });

  it('never uses a pack whose index is torn, and verify says so', async () => {
    const objects = join(workDir(), 'objects');
    const writer = new PackWriter(objects, PackIndex.read(objects));
    writer.add(sha('a'), bytes('a'));
    writer.finish();
    expect(PackIndex.read(objects).find(sha('a'), false)).toBeDefined();
    const index = join(packsDir(objects), readdirSync(packsDir(objects)).find((n) => n.endsWith('.idx'))!);
    writeFileSync(index, readFileSync(index).subarray(0, 30));
    expect(PackIndex.read(objects).find(sha('a'), false)).toBeUndefined();
    expect(await verifyObjects(objects)).toEqual([expect.objectContaining({ kind: 'corrupt_pack', path: index })]);
  });

  it('never uses a pack a kill left without its index', () => {
    const objects = join(workDir(), 'objects');
    const writer = new PackWriter(objects, PackIndex.read(objects));
    writer.add(sha('b'), bytes('b'));
    // Killed before finish: only the temporary pack exists.
    expect(readdirSync(packsDir(objects))).toEqual([expect.stringMatching(/^\.pack-.*\.pack\.tmp$/)]);
    expect(PackIndex.read(objects).find(sha('b'), false)).toBeUndefined();
  });

  it('leaves nothing usable when abandoned', () => {
    const objects = join(workDir(), 'objects');
    const writer = new PackWriter(objects, PackIndex.of(objects));
    writer.add(sha('x'), bytes('x'));
    writer.abandon();
    expect(readdirSync(packsDir(objects))).toEqual([]);
  });

  it('verify finds a packed blob whose bytes were damaged', async () => {
    const objects = join(workDir(), 'objects');
    const writer = new PackWriter(objects, PackIndex.of(objects));
    writer.add(sha('good bytes'), bytes('good bytes'));
    writer.finish();
    const pack = join(packsDir(objects), readdirSync(packsDir(objects)).find((n) => n.endsWith('.pack'))!);
    writeFileSync(pack, 'bad! bytes');
    expect(await verifyObjects(objects)).toEqual([expect.objectContaining({ kind: 'corrupt_blob' })]);
  });
});
