import { describe, expect, it } from 'vitest';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleSkill, tempCore, tempDir } from './support/fixtures.js';

/** A home with a skill deployed into a registered project and one snapshot. */
async function healthyHome() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const project = await tempDir();
  await core.deploy({ names: ['canvas'], project });
  await core.addProject(project);
  const snapshot = await core.snapshot('s');
  return { core, home, snapshot };
}

describe('verify', () => {
  it('finds nothing wrong in a healthy home', async () => {
    const { core } = await healthyHome();
    expect(await core.verify()).toEqual({ ok: true, checked: { lock_entries: 1, baselines: 1, snapshots: 1 }, problems: [] });
  });

  it('reports a collection copy that no longer matches its lock entry', async () => {
    const { core, home } = await healthyHome();
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# edited by hand\n');
    expect((await core.verify()).problems).toEqual([expect.objectContaining({ kind: 'lock_mismatch' })]);
  });

  it('reports an unreadable snapshot archive', async () => {
    const { core, snapshot } = await healthyHome();
    const bytes = await readFile(snapshot.tarball_path);
    await writeFile(snapshot.tarball_path, bytes.subarray(0, 30));
    expect((await core.verify()).problems).toEqual([expect.objectContaining({ kind: 'snapshot_unreadable', path: snapshot.tarball_path })]);
  });

  it('reports a stored blob whose bytes changed', async () => {
    const { core, home } = await healthyHome();
    // The added content is kept as loose blobs (a deploy of it adds nothing new): damage one byte of one.
    const blobs = join(home, 'objects/blobs');
    const folder = join(blobs, (await readdir(blobs))[0]!);
    const blob = join(folder, (await readdir(folder))[0]!);
    const bytes = await readFile(blob);
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(blob, bytes);
    const result = await core.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toContain('corrupt_blob');
  });
});

describe('verify and registered projects', () => {
  it('reports a registered project whose folder is gone', async () => {
    const { core } = await healthyHome();
    const gone = await tempDir();
    await core.addProject(gone);
    await rm(gone, { recursive: true });
    expect((await core.verify()).problems).toEqual([expect.objectContaining({ kind: 'missing_project', path: expect.stringContaining('skillmeat-test-') })]);
  });
});
