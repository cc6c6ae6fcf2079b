import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { errorOf, readTree, tempCore } from './support/fixtures.js';
import { isolateGit, Upstream } from './support/git-upstream.js';

beforeAll(() => isolateGit());

const SKILL_V1 = { 'skills/canvas/SKILL.md': '---\nname: canvas\nversion: 1.0.0\n---\n# Canvas\nline one\nline two\nline three\n', 'skills/canvas/scripts/run.sh': 'echo one\n', 'README.md': 'the repository\n' };

async function collectionFiles(home: string): Promise<{ manifest: Record<string, unknown>; lock: Record<string, unknown> }> {
  const dir = join(home, 'collections/default');
  return { manifest: parse(await readFile(join(dir, 'collection.toml'), 'utf8')) as Record<string, unknown>, lock: parse(await readFile(join(dir, 'collection.lock'), 'utf8')) as Record<string, unknown> };
}

describe('add from a git source', () => {
  it('copies exactly the tree at PATH of a tag and records source, commit and version in the Python tool\'s keys', async () => {
    const up = Upstream.create();
    const v1 = up.commit(SKILL_V1, 'v1');
    up.tag('v1.0.0');
    up.commit({ 'skills/canvas/SKILL.md': '# later\n' }, 'later');
    const { core, home } = await tempCore();
    await core.init();

    const added = await core.addArtifact(up.source('skills/canvas', 'v1.0.0'));

    expect(added).toMatchObject({ name: 'canvas', type: 'skill', origin: 'local', version: 'v1.0.0', upstream: { source: up.source('skills/canvas', 'v1.0.0'), version_spec: 'v1.0.0', resolved_sha: v1, resolved_version: 'v1.0.0' } });
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({ 'SKILL.md': SKILL_V1['skills/canvas/SKILL.md'], 'scripts/run.sh': 'echo one\n' });
    const { manifest, lock } = await collectionFiles(home);
    expect((manifest.artifacts as Record<string, unknown>[])[0]).toMatchObject({ name: 'canvas', origin: 'local', upstream: `git+file://${up.bare}#skills/canvas`, version_spec: 'v1.0.0', resolved_sha: v1, resolved_version: 'v1.0.0' });
    expect((lock as { lock: { entries: Record<string, unknown> } }).lock.entries['canvas::skill']).toMatchObject({ upstream: `git+file://${up.bare}#skills/canvas`, resolved_sha: v1, resolved_version: 'v1.0.0', content_hash: added.content_hash });
  });

  it('follows the default branch without a ref, and takes the front matter\'s version when no tag names the commit', async () => {
    const up = Upstream.create();
    up.commit(SKILL_V1);
    const head = up.commit({ 'skills/canvas/SKILL.md': '---\nversion: 1.1.0\n---\n# Canvas\n' });
    const { core, home } = await tempCore();
    await core.init();
    const added = await core.addArtifact(up.source('skills/canvas'));
    expect(added.upstream).toEqual({ source: up.source('skills/canvas'), version_spec: 'latest', resolved_sha: head, resolved_version: '1.1.0' });
    expect((await collectionFiles(home)).manifest.artifacts).toEqual([expect.objectContaining({ version_spec: 'latest', resolved_sha: head })]);
  });

  it('resolves a branch and a commit id (abbreviated too)', async () => {
    const up = Upstream.create();
    const first = up.commit(SKILL_V1);
    const onBranch = up.commit({ 'skills/canvas/SKILL.md': '# on a branch\n' }, 'branch', 'feature');
    const { core } = await tempCore();
    await core.init();
    expect((await core.addArtifact(up.source('skills/canvas', 'feature'), { name: 'by-branch' })).upstream?.resolved_sha).toBe(onBranch);
    expect((await core.addArtifact(up.source('skills/canvas', first.slice(0, 10)), { name: 'by-commit' })).upstream?.resolved_sha).toBe(first);
  });

  it('adds a single-file artifact, its type told from its folder as for a local add', async () => {
    const up = Upstream.create();
    up.commit({ 'agents/review.md': '# Review\n' });
    const { core, home } = await tempCore();
    await core.init();
    expect(await core.addArtifact(up.source('agents/review.md'))).toMatchObject({ name: 'review', type: 'agent' });
    expect(await readFile(join(home, 'collections/default/agents/review.md'), 'utf8')).toBe('# Review\n');
  });

  it('says clearly when the path, the ref or the repository does not exist, and writes nothing', async () => {
    const up = Upstream.create();
    up.commit(SKILL_V1);
    const { core, home } = await tempCore();
    await core.init();
    const before = await collectionFiles(home);
    expect(await errorOf(() => core.addArtifact(up.source('skills/nope')))).toMatchObject({ code: 'not_found', message: expect.stringContaining('skills/nope') });
    expect(await errorOf(() => core.addArtifact(up.source('skills/canvas', 'v9')))).toMatchObject({ code: 'not_found', message: expect.stringContaining('"v9"') });
    expect(await errorOf(() => core.addArtifact(`git+file://${up.bare}-missing#skills/canvas`))).toMatchObject({ code: 'upstream_unavailable' });
    expect(await collectionFiles(home)).toEqual(before);
  });

  it('refuses a source that could read as a git option or leave the tree, before running git', async () => {
    const { core } = await tempCore();
    await core.init();
    for (const source of ['git+--upload-pack=touch /tmp/x#a', 'git+file:///x#../etc', 'github:o/r/a@-x', 'git+ext::sh#a']) {
      expect(await errorOf(() => core.addArtifact(source))).toMatchObject({ code: 'invalid_input' });
    }
  });

  it('refuses a symbolic link that leaves PATH, and a submodule; a link inside PATH is copied as its target', async () => {
    const up = Upstream.create();
    up.commit({ ...SKILL_V1, 'skills/canvas/notes.md': { link: 'SKILL.md' } });
    const { core, home } = await tempCore();
    await core.init();
    await core.addArtifact(up.source('skills/canvas'));
    expect((await readTree(join(home, 'collections/default/skills/canvas')))['notes.md']).toBe(SKILL_V1['skills/canvas/SKILL.md']);

    const hostile = Upstream.create();
    hostile.commit({ 'skills/evil/SKILL.md': '# evil\n', 'skills/evil/secret': { link: '../../README.md' }, 'README.md': 'outside\n' });
    expect(await errorOf(() => core.addArtifact(hostile.source('skills/evil')))).toMatchObject({ code: 'symlink_escape' });
    const absolute = Upstream.create();
    absolute.commit({ 'skills/abs/SKILL.md': '# abs\n', 'skills/abs/passwd': { link: '/etc/passwd' } });
    expect(await errorOf(() => core.addArtifact(absolute.source('skills/abs')))).toMatchObject({ code: 'symlink_escape' });

    const withSubmodule = Upstream.create();
    withSubmodule.commit({ 'skills/sub/SKILL.md': '# sub\n' });
    withSubmodule.git('update-index', '--add', '--cacheinfo', `160000,${withSubmodule.head()},skills/sub/vendor`);
    withSubmodule.git('commit', '--quiet', '-m', 'submodule');
    withSubmodule.git('push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    expect(await errorOf(() => core.addArtifact(withSubmodule.source('skills/sub')))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('submodule') });
    expect((await core.listArtifacts()).map((a) => a.name)).toEqual(['canvas']);
  });

  it('fails fast and clearly when git is missing', async () => {
    const up = Upstream.create();
    up.commit(SKILL_V1);
    const { core } = await tempCore();
    await core.init();
    process.env.SKILLMEAT_GIT = '/nonexistent/git';
    try {
      expect(await errorOf(() => core.addArtifact(up.source('skills/canvas')))).toMatchObject({ code: 'upstream_unavailable', message: expect.stringContaining('git is not installed') });
    } finally {
      delete process.env.SKILLMEAT_GIT;
    }
  });

  it('offline, add github:… fails fast with a message that says the network could not be reached', async () => {
    const { core } = await tempCore();
    await core.init();
    // A proxy on a closed local port: git's own way of being offline, whatever this machine's network.
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    process.env.https_proxy = 'http://127.0.0.1:9';
    process.env.SKILLMEAT_GIT_TIMEOUT = '20';
    const started = Date.now();
    try {
      const error = await errorOf(() => core.addArtifact('github:anthropics/skills/canvas-design'));
      expect(error).toMatchObject({ code: 'upstream_unavailable', message: expect.stringMatching(/could not be reached|check the network/i) });
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      delete process.env.HTTPS_PROXY;
      delete process.env.https_proxy;
      delete process.env.SKILLMEAT_GIT_TIMEOUT;
    }
  });
});
