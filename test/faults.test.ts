import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SkillMeat } from '../src/core/skillmeat.js';
import { afterThisTest } from './support/temp-files.js';
import { errorOf, readTree, sampleSkill, steppingClock, tempDir, writeTree } from './support/fixtures.js';

/** A small tmpfs of `size` mounted at a fresh folder (needs root, as CI and the dev machines have). */
async function smallDisk(size: string): Promise<string> {
  const dir = await tempDir('skillmeat-disk-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs at ${dir}: ${mounted.stderr.toString()}`);
  afterThisTest(() => spawnSync('umount', ['-l', dir]));
  return dir;
}

const canMount = process.getuid?.() === 0;

// Mounting a tmpfs needs root; on a machine without it these faults cannot be staged.
describe.skipIf(!canMount)('faults: a full disk and a read-only project', () => {
  it('a full disk fails an add with a clear error, and the collection is unchanged', async () => {
    const home = await smallDisk('256k');
    const core = new SkillMeat({ home, now: steppingClock() });
    afterThisTest(() => core.close());
    await core.init();
    const big = await tempDir();
    await writeTree(big, { 'huge/SKILL.md': 'x'.repeat(600_000) });
    const before = await readTree(join(home, 'collections'));
    const error = await errorOf(() => core.addArtifact(join(big, 'huge')));
    expect(error.code).toBe('io_error');
    expect(error.message).toContain('disk is full');
    expect(await readTree(join(home, 'collections'))).toEqual(before);
    expect((await readdir(join(home, 'collections/default'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a full disk fails a snapshot: nothing listed, no archive left behind', async () => {
    const home = await smallDisk('512k');
    const core = new SkillMeat({ home, now: steppingClock() });
    afterThisTest(() => core.close());
    await core.init();
    const src = await tempDir();
    // Random-looking content does not compress, so the archive needs about as much room as the files.
    await writeTree(src, { 'noisy/SKILL.md': Array.from({ length: 9000 }, (_, i) => `${(i * 2654435761) >>> 0}`).join('\n') });
    await core.addArtifact(join(src, 'noisy'));
    // Fill the disk but for 16 KiB: far less than the archive needs, whatever the collection and version store took.
    const { bavail, bsize } = await statfs(home);
    await writeFile(join(home, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 16_384)));
    const failure = await errorOf(() => core.snapshot('too big'));
    expect(failure.code, failure.message).toBe('io_error');
    expect(await core.snapshots()).toEqual([]);
    expect((await readdir(join(home, 'snapshots/default')).catch(() => [] as string[])).filter((n) => n.endsWith('.tar.gz') || n.endsWith('.tmp'))).toEqual([]);
  });

  it('a read-only project fails a sync with a clear error and nothing changes', async () => {
    const home = await tempDir();
    const core = new SkillMeat({ home, now: steppingClock() });
    afterThisTest(() => core.close());
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const project = await smallDisk('1m');
    await core.deploy({ names: ['canvas'], project });
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# v2\n');
    expect(spawnSync('mount', ['-o', 'remount,ro', project]).status).toBe(0);
    const before = await readTree(project);
    const error = await errorOf(() => core.sync({ project }));
    expect(error.code).toBe('io_error');
    expect(error.message).toMatch(/read-only|permission/);
    expect(await readTree(project)).toEqual(before);
    expect(await readFile(join(project, '.claude/skills/canvas/SKILL.md'), 'utf8')).toBe('# Skill\n');
  });
});
