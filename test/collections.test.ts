import { describe, expect, it } from 'vitest';
import { readFile, symlink, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { errorOf, readTree, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';

describe('collections', () => {
  it('init creates manifest and lock, and the first collection becomes active', async () => {
    const { core, home } = await tempCore();
    const result = await core.init();
    expect(result).toMatchObject({ collection: 'default', created: true });
    const manifest = parse(await readFile(join(home, 'collections/default/collection.toml'), 'utf8'));
    expect(manifest).toMatchObject({ collection: { name: 'default', version: '1.0.0' } });
    expect(parse(await readFile(join(home, 'collections/default/collection.lock'), 'utf8'))).toMatchObject({ lock: { version: '1.0.0' } });
    expect(await core.listCollections()).toEqual([expect.objectContaining({ name: 'default', active: true, artifact_count: 0 })]);
  });

  it('init of an existing collection changes nothing and says so', async () => {
    const { core, home } = await tempCore();
    await core.init('work');
    const before = await readTree(home);
    expect(await core.init('work')).toMatchObject({ created: false });
    expect(await readTree(home)).toEqual(before);
  });

  it('collection use switches the active collection; an unknown one is not_found', async () => {
    const { core } = await tempCore();
    await core.init('a');
    await core.init('b');
    expect((await core.listCollections()).find((c) => c.active)?.name).toBe('a');
    await core.useCollection('b');
    expect((await core.listCollections()).find((c) => c.active)?.name).toBe('b');
    expect((await errorOf(() => core.useCollection('nope'))).code).toBe('not_found');
  });

  it.each(['..', '../evil', 'a/b', '.hidden', '', 'a\\b'])('refuses the collection name %j before writing anything', async (name) => {
    const { core, home } = await tempCore();
    const error = await errorOf(() => core.init(name));
    expect(error.code).toBe('invalid_name');
    expect(await readTree(home)).toEqual({});
  });

  it('a corrupt manifest is an error naming the file and line, and is left as it was', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const path = join(home, 'collections/default/collection.toml');
    await writeFile(path, '[collection]\nname = "default"\nbroken = \n');
    const error = await errorOf(() => core.listArtifacts());
    expect(error.code).toBe('corrupt_file');
    expect(error.message).toContain(`${path}:3`);
    expect(await readFile(path, 'utf8')).toBe('[collection]\nname = "default"\nbroken = \n');
  });
});

describe('artifacts in a collection', () => {
  it('adds a skill folder (type detected), keeping manifest and lock in step', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const src = await sampleSkill(await tempDir(), 'canvas');
    const added = await core.addArtifact(src);
    expect(added).toMatchObject({ name: 'canvas', type: 'skill', path: 'skills/canvas', origin: 'local', source: `local:${src}` });
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({ 'SKILL.md': '# Skill\n', 'scripts/run.sh': 'echo hi\n' });
    const lock = parse(await readFile(join(home, 'collections/default/collection.lock'), 'utf8')) as { lock: { entries: Record<string, { content_hash: string }> } };
    expect(lock.lock.entries['canvas::skill']?.content_hash).toBe(added.content_hash);
    expect(await core.listArtifacts()).toEqual([added]);
  });

  it('adds a command file by --type and an agent detected from its agents/ folder', async () => {
    const { core } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await writeTree(dir, { 'review.md': '# Review\n', 'agents/helper.md': '---\nname: helper\nversion: 1.2.0\n---\nbody\n' });
    expect(await core.addArtifact(join(dir, 'review.md'), { type: 'command' })).toMatchObject({ name: 'review', type: 'command', path: 'commands/review.md' });
    expect(await core.addArtifact(join(dir, 'agents/helper.md'))).toMatchObject({ name: 'helper', type: 'agent', path: 'agents/helper.md', version: '1.2.0' });
  });

  it('a file whose type cannot be told needs --type, and nothing is written', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await writeTree(dir, { 'notes.md': 'x' });
    const before = await readTree(home);
    expect((await errorOf(() => core.addArtifact(join(dir, 'notes.md')))).message).toContain('--type');
    expect(await readTree(home)).toEqual(before);
  });

  it.each(['..', 'x/..', '.secret', 'a/b'])('refuses the artifact name %j with nothing written', async (name) => {
    const { core, home } = await tempCore();
    await core.init();
    const src = await sampleSkill(await tempDir(), 'canvas');
    const before = await readTree(home);
    expect((await errorOf(() => core.addArtifact(src, { name }))).code).toBe('invalid_name');
    expect(await readTree(home)).toEqual(before);
  });

  it('refuses a folder with a symlink leaving it, with nothing written', async () => {
    const { core, home } = await tempCore();
    await core.init();
    const src = await sampleSkill(await tempDir(), 'leaky');
    await symlink('/etc/passwd', join(src, 'passwd'));
    const before = await readTree(home);
    const error = await errorOf(() => core.addArtifact(src));
    expect(error.code).toBe('symlink_escape');
    expect(error.message).toContain('passwd');
    expect(await readTree(home)).toEqual(before);
  });

  it('refuses a skill folder without SKILL.md and a second artifact of the same name', async () => {
    const { core } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await mkdir(join(dir, 'empty'));
    expect((await errorOf(() => core.addArtifact(join(dir, 'empty'), { type: 'skill' }))).message).toContain('SKILL.md');
    const src = await sampleSkill(dir, 'canvas');
    await core.addArtifact(src);
    expect((await errorOf(() => core.addArtifact(src))).code).toBe('already_exists');
  });

  it('remove takes the artifact out of manifest and lock; a selective rollback to its safety snapshot brings it back', async () => {
    const { core, home } = await tempCore();
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const removed = await core.removeArtifact('canvas');
    expect(await core.listArtifacts()).toEqual([]);
    expect(await readFile(join(home, 'collections/default/collection.lock'), 'utf8')).not.toContain('canvas');
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({});
    await core.rollback(removed.safety_snapshot_id!, { paths: ['skills/canvas', 'collection.toml', 'collection.lock'] });
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({ 'SKILL.md': '# Skill\n', 'scripts/run.sh': 'echo hi\n' });
    expect((await core.listArtifacts()).map((a) => a.name)).toEqual(['canvas']);
  });
});
