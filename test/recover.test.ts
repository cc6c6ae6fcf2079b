import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

const STAGING = '.skillmeat-staging-0123456789ab';

/**
 * Leaves `folder` as a kill in the middle of a commit would: `file` already moved aside into a
 * journaled staging folder, its new version staged but not yet moved in.
 */
async function killedMidCommit(folder: string, file: string): Promise<void> {
  await mkdir(join(folder, STAGING));
  await rename(join(folder, file), join(folder, STAGING, 'aside-0'));
  await writeFile(join(folder, STAGING, 'new-0'), 'the new version\n');
  const journal = [{ target: file, staged: `${STAGING}/new-0`, aside: `${STAGING}/aside-0` }];
  await writeFile(join(folder, STAGING, 'journal.json'), JSON.stringify({ format: 1, changes: journal }));
}

describe('recover', () => {
  it('rolls back an operation a killed process left half done in a registered project', async () => {
    const { core } = await tempCore();
    await core.init();
    const project = await tempDir('skillmeat-project-');
    await core.addProject(project);
    await writeTree(project, { '.claude/notes.md': 'old\n' });
    await killedMidCommit(join(project, '.claude'), 'notes.md');
    await core.recover();
    expect(await readTree(join(project, '.claude'))).toEqual({ 'notes.md': 'old\n' });
  });

  it('leaves a collection whose lock a live process holds to that process', async () => {
    const { core, home } = await tempCore();
    await core.init();
    await mkdir(join(home, 'locks'), { recursive: true });
    await writeFile(join(home, 'locks/collection-default.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: 'now', operation: 'snapshot' }));
    await writeTree(join(home, 'collections/default'), { [`${STAGING}/new-0`]: 'staged by the live writer' });
    await core.recover();
    expect(await readTree(join(home, 'collections/default'))).toMatchObject({ [`${STAGING}/new-0`]: 'staged by the live writer' });
  });

  it('finds a collection whose manifest a kill left aside, and reading it recovers it', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const root = join(home, 'collections/default');
    const manifest = await readFile(join(root, 'collection.toml'), 'utf8');
    await killedMidCommit(root, 'collection.toml');
    expect((await core.listArtifacts()).length).toBe(0);
    expect(await readFile(join(root, 'collection.toml'), 'utf8')).toBe(manifest);
    expect(await readdir(root)).not.toContain(STAGING);
  });

  it('a drift check of a project a kill left half changed sees it recovered, not half done', async () => {
    const { core } = await tempCore();
    await core.init();
    const source = await tempDir();
    await writeTree(source, { 'canvas/SKILL.md': '# Canvas\n' });
    await core.addArtifact(join(source, 'canvas'));
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    const claude = join(project, '.claude');
    const record = await readFile(join(claude, '.skillmeat-deployed.toml'), 'utf8');
    await killedMidCommit(claude, '.skillmeat-deployed.toml');
    const [report] = await core.checkDrift([project]);
    expect(report?.in_sync.map((e) => e.name)).toEqual(['canvas']);
    expect(await readFile(join(claude, '.skillmeat-deployed.toml'), 'utf8')).toBe(record);
  });
});
