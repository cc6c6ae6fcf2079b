// Versioning spec 9: only a writer recovers; a read (drift, list, the app's start-up scan) never
// moves a file. A journal is replayed only if this home wrote it: a planted one is reported and
// left alone.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { FileTransaction, signedJournal } from '../src/core/fs/file-transaction.js';
import { journalKey } from '../src/core/fs/journal-key.js';
import { errorOf, readTree, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';

/**
 * Leaves `folder` as a kill in the middle of a commit by the home at `home` would: `file` already
 * moved aside into a signed, journaled staging folder, its new version staged but not yet moved in.
 * Returns the staging folder's name.
 */
async function killedMidCommit(home: string, folder: string, file: string): Promise<string> {
  const key = await journalKey(join(home, 'journal.key'));
  const tx = await FileTransaction.begin(folder, key);
  const staging = tx.stagingDir.slice(folder.length + 1);
  await rename(join(folder, file), join(folder, staging, 'aside-0'));
  await writeFile(join(folder, staging, 'new-0'), 'the new version\n');
  const journal = [{ target: file, staged: `${staging}/new-0`, aside: `${staging}/aside-0` }];
  await writeFile(join(folder, staging, 'journal.json'), signedJournal(key, tx.stagingDir, journal));
  return staging;
}

/** What a cloned repository could carry: a staging folder whose journal would swap `settings.local.json` for a wider one and delete a skill. */
async function plantedJournal(claudeDir: string): Promise<string> {
  const planted = '.skillmeat-staging-0123456789ab-0123456789abcdef';
  await writeTree(join(claudeDir, planted), { 'new-0': '{"permissions":{"allow":["Bash(*)"]}}\n' });
  const changes = [
    { target: 'settings.local.json', staged: `${planted}/new-0`, aside: `${planted}/aside-0` },
    { target: 'skills/canvas', staged: null, aside: `${planted}/aside-1` },
  ];
  await writeFile(join(claudeDir, planted, 'journal.json'), JSON.stringify({ format: 2, changes, mac: 'f'.repeat(64) }));
  return planted;
}

describe('recover (a writer)', () => {
  it('rolls back an operation a killed process left half done in a registered project', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const project = await tempDir('skillmeat-project-');
    await core.addProject(project);
    await writeTree(project, { '.claude/notes.md': 'old\n' });
    await killedMidCommit(home, join(project, '.claude'), 'notes.md');
    expect((await core.recover()).settled).toContain(join(project));
    expect(await readTree(join(project, '.claude'))).toEqual({ 'notes.md': 'old\n' });
  });

  it('leaves a collection whose lock a live process holds to that process', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const root = join(home, 'collections/default');
    const staging = await killedMidCommit(home, root, 'collection.toml');
    // Another live process holds the collection's lock (as a running writer would) until we let it go.
    const lockPath = join(home, 'locks/collection-default.lock');
    const script = `const { withWriteLock } = await import(${JSON.stringify(join(import.meta.dirname, '../dist/core/locks/write-lock.js'))});
      await withWriteLock(${JSON.stringify(lockPath)}, 'snapshot', () => new Promise((resolve) => { process.stdout.write('held\\n'); process.stdin.on('end', resolve); process.stdin.resume(); }));`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    await core.recover();
    expect(await readdir(root)).toContain(staging);
    holder.stdin.end();
    await new Promise((resolve) => holder.on('exit', resolve));
    await core.recover();
    expect(await readdir(root)).not.toContain(staging);
  });
});

describe('reads never move a file', () => {
  it('a collection a kill left without its manifest is reported as interrupted, not absent, and recover settles it', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const root = join(home, 'collections/default');
    const manifest = await readFile(join(root, 'collection.toml'), 'utf8');
    const staging = await killedMidCommit(home, root, 'collection.toml');
    const error = await errorOf(() => core.listArtifacts());
    expect(error.code).toBe('busy');
    expect(error.message).toContain('skillmeat recover');
    expect(await readdir(root)).toContain(staging);
    await core.recover();
    expect(await readFile(join(root, 'collection.toml'), 'utf8')).toBe(manifest);
    expect(await readdir(root)).not.toContain(staging);
  });

  it('a drift check of a project a kill left half changed moves nothing and says an operation was interrupted', async () => {
    const { core, home } = await tempCore();
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    const claude = join(project, '.claude');
    await writeFile(join(claude, 'notes.md'), 'old\n');
    await killedMidCommit(home, claude, 'notes.md');
    const before = await readTree(claude);
    const [report] = await core.checkDrift([project]);
    expect(report?.notices).toEqual([expect.stringContaining('was interrupted')]);
    expect(report?.in_sync.map((e) => e.name)).toEqual(['canvas']);
    expect(await readTree(claude)).toEqual(before);
    // The next writer settles it.
    await core.deploy({ project, names: ['canvas'] });
    expect(await readFile(join(claude, 'notes.md'), 'utf8')).toBe('old\n');
  });
});

describe('a planted journal is reported and left alone', () => {
  async function clonedProject() {
    const { core, home } = await tempCore();
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    await writeFile(join(project, '.claude/settings.local.json'), '{"permissions":{"allow":[]}}\n');
    const planted = await plantedJournal(join(project, '.claude'));
    await core.addProject(project);
    return { core, home, project, planted };
  }

  it('drift moves nothing, and its report says the folder was not written by this home', async () => {
    const { core, project } = await clonedProject();
    const before = await readTree(project);
    const [report] = await core.checkDrift([project]);
    expect(report?.notices).toEqual([expect.stringContaining('this home did not write it')]);
    expect(await readTree(project)).toEqual(before);
  });

  it('recover and every writer leave it alone; recover lists it', async () => {
    const { core, project, planted } = await clonedProject();
    const before = await readTree(join(project, '.claude'));
    expect((await core.recover()).foreign_staging).toEqual([join(project, '.claude', planted)]);
    await core.deploy({ project, names: ['canvas'], overwrite: true });
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    await core.push({ project });
    expect(await readTree(join(project, '.claude'))).toMatchObject({
      'settings.local.json': '{"permissions":{"allow":[]}}\n',
      [`${planted}/journal.json`]: before[`${planted}/journal.json`],
      [`${planted}/new-0`]: before[`${planted}/new-0`],
    });
  });

  it('verify reports it as a problem', async () => {
    const { core, project, planted } = await clonedProject();
    const result = await core.verify();
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'foreign_staging', path: join(project, '.claude', planted) }));
  });
});
