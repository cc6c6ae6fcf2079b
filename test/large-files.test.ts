// Versioning spec 9: size is no limit on correctness. Files of any size (over 2 GiB included)
// deploy, sync, snapshot and roll back; memory stays bounded (streamed copies and hashes); only
// text files below a size cap are line-merged, larger ones merge at file level.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashArtifact } from '../src/core/hash/content-hash.js';
import { IN_MEMORY_LIMIT } from '../src/core/merge/file-map.js';
import { tempCore, tempDir } from './support/fixtures.js';

const CLI = join(import.meta.dirname, '../bin/skillmeat.js');
const PEAK_MEMORY = join(import.meta.dirname, '../bench/peak-memory.js');

/** Writes `text` at byte `offset` of the file at `path` (the rest of it stays as it is). */
function writeAt(path: string, offset: number, text: string): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, text, offset);
  } finally {
    closeSync(fd);
  }
}

/** A skill whose `data.bin` is `size` bytes: sparse zeros with a marker at each end (cheap to make, real to read). */
async function skillWithLargeFile(dir: string, size: number): Promise<string> {
  const root = join(dir, 'big-data');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'SKILL.md'), '# Big data\n');
  const data = join(root, 'data.bin');
  await writeFile(data, 'start\n');
  await truncate(data, size);
  writeAt(data, size - 4, 'end\n');
  return root;
}

describe('large files', () => {
  it('a file over 2 GiB deploys, syncs, snapshots and rolls back, byte for byte', { timeout: 600_000 }, async () => {
    const size = 2 * 1024 ** 3 + 4096;
    const { core, home } = await tempCore();
    await core.init();
    await core.addArtifact(await skillWithLargeFile(await tempDir(), size));
    const project = await tempDir('skillmeat-project-');
    const inCollection = join(home, 'collections/default/skills/big-data/data.bin');
    const inProject = join(project, '.claude/skills/big-data/data.bin');

    const [deployed] = (await core.deploy({ project, names: ['big-data'] })).deployed;
    expect((await stat(inProject)).size).toBe(size);
    expect(await hashArtifact(join(project, '.claude/skills/big-data'), 'folder')).toBe(deployed!.sha);

    const snapshot = await core.snapshot('before the change');
    writeAt(inCollection, 1024 ** 3, 'changed in the collection\n');
    const changed = await hashArtifact(join(home, 'collections/default/skills/big-data'), 'folder');
    const synced = await core.sync({ project });
    expect(synced.artifacts[0]).toMatchObject({ action: 'updated', new_sha: changed });
    expect(await hashArtifact(join(project, '.claude/skills/big-data'), 'folder')).toBe(changed);

    await core.rollback(snapshot.id);
    expect(await hashArtifact(join(home, 'collections/default/skills/big-data'), 'folder')).toBe(deployed!.sha);
    expect((await core.verify()).problems).toEqual([]);
  });

  it('a text file larger than the line-merge cap, changed on both sides, is a file-level conflict settled by choosing a side', { timeout: 120_000 }, async () => {
    const { core, home } = await tempCore();
    await core.init();
    const src = await tempDir();
    const root = join(src, 'notes');
    await mkdir(root);
    await writeFile(join(root, 'SKILL.md'), '# Notes\n');
    const line = 'a line of text that repeats to make a large text file\n';
    await writeFile(join(root, 'big.md'), line.repeat(Math.ceil((IN_MEMORY_LIMIT + 1024) / line.length)));
    await core.addArtifact(root);
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['notes'] });
    writeAt(join(project, '.claude/skills/notes/big.md'), 0, 'A LINE');
    writeAt(join(home, 'collections/default/skills/notes/big.md'), line.length * 10_000, 'THE COLLECTION');

    const result = await core.sync({ project });
    expect(result.status).toBe('partial');
    expect(result.artifacts[0]?.conflicts).toEqual([expect.objectContaining({ path: 'big.md', kind: 'too_large', local: null, remote: null, omitted: ['base', 'local', 'remote'] })]);
    const resolved = await core.resolve({ project, artifact: 'notes', file: 'big.md', choice: { take: 'collection' } });
    expect(resolved.status).toBe('ok');
    expect(await hashArtifact(join(project, '.claude/skills/notes'), 'folder')).toBe(await hashArtifact(join(home, 'collections/default/skills/notes'), 'folder'));
  });

  it('sync of a 500 MB file peaks well under 400 MB of memory', { timeout: 300_000 }, async () => {
    const { core, home } = await tempCore();
    await core.init();
    const size = 500 * 1024 * 1024;
    const src = await tempDir();
    const root = join(src, 'blob-skill');
    await mkdir(root);
    await writeFile(join(root, 'SKILL.md'), '# Blob\n');
    // Real, incompressible bytes: a sparse file would flatter a reader that does not stream.
    const block = Buffer.alloc(1024 * 1024);
    const fd = openSync(join(root, 'data.bin'), 'w');
    for (let i = 0; i < size / block.length; i++) {
      for (let j = 0; j < block.length; j += 4) block.writeUInt32LE((i * 2654435761 + j * 40503) >>> 0, j);
      writeSync(fd, block);
    }
    closeSync(fd);
    await core.addArtifact(root);
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['blob-skill'] });
    writeAt(join(home, 'collections/default/skills/blob-skill/data.bin'), 12345, 'changed');
    await core.close();

    const report = join(await tempDir(), 'peak.txt');
    const run = spawnSync(process.execPath, ['--import', PEAK_MEMORY, CLI, '--home', home, 'sync', project], { encoding: 'utf8', env: { ...process.env, SKILLMEAT_PEAK_MEMORY_FILE: report } });
    expect(run.status, run.stderr).toBe(0);
    const peakMb = Number(readFileSync(report, 'utf8')) / 1024;
    console.log(`sync of a 500 MB file: peak memory ${peakMb.toFixed(0)} MB`);
    expect(peakMb).toBeLessThan(400);
    expect(await hashArtifact(join(project, '.claude/skills/blob-skill'), 'folder')).toBe(await hashArtifact(join(home, 'collections/default/skills/blob-skill'), 'folder'));
  });
});
