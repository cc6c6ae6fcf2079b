import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

describe('recover', () => {
  it('rolls back an operation a killed process left half done in a registered project', async () => {
    const { core } = await tempCore();
    await core.init();
    const project = await tempDir('skillmeat-project-');
    await core.addProject(project);
    // As a kill mid-commit leaves it: the old copy moved aside, the new one not yet moved in.
    const staging = '.claude/.skillmeat-staging-0123456789ab';
    await writeTree(project, { [`${staging}/aside-0`]: 'old\n', [`${staging}/new-0`]: 'new\n' });
    const journal = [{ target: 'notes.md', staged: `.skillmeat-staging-0123456789ab/new-0`, aside: `.skillmeat-staging-0123456789ab/aside-0` }];
    await writeFile(join(project, staging, 'journal.json'), JSON.stringify({ format: 1, changes: journal }));
    await core.recover();
    expect(await readTree(join(project, '.claude'))).toEqual({ 'notes.md': 'old\n' });
  });

  it('leaves a collection whose lock a live process holds to that process', async () => {
    const { core, home } = await tempCore();
    await core.init();
    await mkdir(join(home, 'locks'), { recursive: true });
    await writeFile(join(home, 'locks/collection-default.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: 'now', operation: 'snapshot' }));
    await writeTree(join(home, 'collections/default'), { '.skillmeat-staging-0123456789ab/new-0': 'staged by the live writer' });
    await core.recover();
    expect(await readTree(join(home, 'collections/default'))).toMatchObject({ '.skillmeat-staging-0123456789ab/new-0': 'staged by the live writer' });
  });

  it('finds a collection whose manifest a kill left aside, and reading it recovers it', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const root = join(home, 'collections/default');
    const manifest = await readFile(join(root, 'collection.toml'), 'utf8');
    // Killed mid-commit: collection.toml moved aside, its new version not yet moved in.
    await writeTree(root, { '.skillmeat-staging-0123456789ab/aside-0': manifest, '.skillmeat-staging-0123456789ab/new-0': 'new manifest' });
    await rm(join(root, 'collection.toml'));
    const journal = [{ target: 'collection.toml', staged: '.skillmeat-staging-0123456789ab/new-0', aside: '.skillmeat-staging-0123456789ab/aside-0' }];
    await writeFile(join(root, '.skillmeat-staging-0123456789ab/journal.json'), JSON.stringify({ format: 1, changes: journal }));
    expect((await core.listArtifacts()).length).toBe(0);
    expect(await readFile(join(root, 'collection.toml'), 'utf8')).toBe(manifest);
    expect(await readdir(root)).not.toContain('.skillmeat-staging-0123456789ab');
  });

  it('a drift check of a project a kill left half changed sees it recovered, not half done', async () => {
    const { core } = await tempCore();
    await core.init();
    const source = await tempDir();
    await writeTree(source, { 'canvas/SKILL.md': '# Canvas\n' });
    await core.addArtifact(join(source, 'canvas'));
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    // Killed mid-commit of a second deploy: the deployment record moved aside, its new version not yet in.
    const claude = join(project, '.claude');
    const record = await readFile(join(claude, '.skillmeat-deployed.toml'), 'utf8');
    await writeTree(claude, { '.skillmeat-staging-0123456789ab/aside-0': record, '.skillmeat-staging-0123456789ab/new-0': 'new record' });
    await rm(join(claude, '.skillmeat-deployed.toml'));
    const journal = [{ target: '.skillmeat-deployed.toml', staged: '.skillmeat-staging-0123456789ab/new-0', aside: '.skillmeat-staging-0123456789ab/aside-0' }];
    await writeFile(join(claude, '.skillmeat-staging-0123456789ab/journal.json'), JSON.stringify({ format: 1, changes: journal }));
    const [report] = await core.checkDrift([project]);
    expect(report?.in_sync.map((e) => e.name)).toEqual(['canvas']);
    expect(await readFile(join(claude, '.skillmeat-deployed.toml'), 'utf8')).toBe(record);
  });
});

