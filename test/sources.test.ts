import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterThisTest, errorOf, readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';
import { pythonMadeHome } from './support/python-home.js';
import { SkillMeat } from '../src/core/skillmeat.js';
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

  it('in a home the Python tool made, writes the entry in that tool\'s form: naive times, origin local or github, its lock keys', async () => {
    const { home } = await pythonMadeHome();
    const core = new SkillMeat({ home });
    afterThisTest(() => core.close());
    const up = Upstream.create();
    const head = up.commit(SKILL_V1);
    up.tag('v1.0.0');
    await core.addArtifact(up.source('skills/canvas', 'v1.0.0'), { name: 'canvas-up' });
    const { manifest, lock } = await collectionFiles(home);
    const entry = (manifest.artifacts as Record<string, unknown>[]).find((a) => a.name === 'canvas-up')!;
    expect(entry).toMatchObject({ origin: 'local', version_spec: 'v1.0.0', resolved_sha: head, resolved_version: 'v1.0.0', added: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/) });
    expect((lock as { lock: { entries: Record<string, Record<string, unknown>> } }).lock.entries['canvas-up::skill']).toMatchObject({ resolved_sha: head, resolved_version: 'v1.0.0', fetched: expect.not.stringMatching(/Z$/) });
    // The entries it wrote, and the types it keeps that we do not manage, are as they were.
    expect((manifest.artifacts as Record<string, unknown>[]).map((a) => a.name)).toEqual(['canvas', 'tidy', 'review', 'release-flow', 'canvas-up']);
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

  it.each([
    ['a "..", which would leave the artifact', { 'skills/evil/SKILL.md': '# evil\n', 'skills/evil/..': 'x' }, /not a plain relative path/],
    ['a ".GIT" folder', { 'skills/evil/SKILL.md': '# evil\n', 'skills/evil/.GIT/config': '[core]\n' }, /\.git folder/],
    ['a control character in a name', { 'skills/evil/SKILL.md': '# evil\n', 'skills/evil/a\u001bb': 'x' }, /control character/],
  ])('refuses a repository whose tree holds %s, writing nothing', async (_what, tree, problem) => {
    const hostile = Upstream.create();
    hostile.pushCraftedTree(tree);
    const { core, home } = await tempCore();
    await core.init();
    expect(await errorOf(() => core.addArtifact(hostile.source('skills/evil')))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(problem) });
    expect(await readTree(join(home, 'collections/default'))).toEqual({ 'collection.toml': expect.any(String), 'collection.lock': expect.any(String) });
    // The files copied out of the cache went into a temporary folder, gone again.
    expect((await readdir(join(home, 'sources'))).filter((name) => !name.endsWith('.git'))).toEqual([]);
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

/** A skill's SKILL.md with lines one to five, the `n`th replaced by `line`. */
function skillText(changes: Record<number, string> = {}, version?: string): string {
  const lines = [1, 2, 3, 4, 5].map((n) => changes[n] ?? `line ${n}`);
  return `${version ? `---\nversion: ${version}\n---\n` : ''}# Canvas\n${lines.join('\n')}\n`;
}

async function withSourcedSkill(ref?: string): Promise<{ up: Upstream; core: Awaited<ReturnType<typeof tempCore>>['core']; home: string; first: string }> {
  const up = Upstream.create();
  const first = up.commit({ 'skills/canvas/SKILL.md': skillText(), 'skills/canvas/run.sh': 'echo one\n' }, 'first');
  up.tag('v1');
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(up.source('skills/canvas', ref));
  return { up, core, home, first };
}

describe('update --check (upstream drift)', () => {
  it('names an artifact whose ref moved, with the upstream version and the files that changed', async () => {
    const { up, core, first } = await withSourcedSkill('main');
    expect((await core.checkUpdates()).artifacts).toEqual([expect.objectContaining({ name: 'canvas', status: 'up_to_date', upstream_sha: first, changed_files: [] })]);
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }, '1.1.0'), 'skills/canvas/new.md': 'new\n', 'skills/canvas/run.sh': null });
    const check = await core.checkUpdates();
    expect(check.updates_available).toBe(1);
    expect(check.artifacts[0]).toMatchObject({
      status: 'update_available',
      resolved_sha: first,
      upstream_sha: next,
      upstream_version: '1.1.0',
      changed_files: [
        { path: 'SKILL.md', change: 'modified' },
        { path: 'new.md', change: 'added' },
        { path: 'run.sh', change: 'removed' },
      ],
    });
  });

  it('shows what upstream changed, file by file, from the source cache only', async () => {
    const { up, core, first } = await withSourcedSkill('main');
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 3: 'line 3 upstream' }) });
    expect(await errorOf(() => core.upstreamChanges({ name: 'canvas', to: next }))).toMatchObject({ code: 'not_found', message: expect.stringContaining('update --check') });
    await core.checkUpdates();
    expect(await core.upstreamChanges({ name: 'canvas', to: next })).toMatchObject({ from: first, to: next, files: [{ path: 'SKILL.md', change: 'modified', before: skillText(), after: skillText({ 3: 'line 3 upstream' }) }] });
  });

  it('sees a moved tag, and nothing when only files outside PATH changed', async () => {
    const { up, core } = await withSourcedSkill('v1');
    up.commit({ 'README.md': 'elsewhere\n' });
    up.tag('v1');
    expect((await core.checkUpdates()).artifacts[0]).toMatchObject({ status: 'up_to_date', changed_files: [] });
    const moved = up.commit({ 'skills/canvas/SKILL.md': skillText({ 1: 'moved' }) });
    up.tag('v1');
    expect((await core.checkUpdates()).artifacts[0]).toMatchObject({ status: 'update_available', upstream_sha: moved, upstream_version: 'v1' });
  });

  it('reports an upstream that lost the path, or cannot be reached, without hiding the others', async () => {
    const { up, core } = await withSourcedSkill('main');
    const other = Upstream.create();
    other.commit({ 'agents/review.md': '# Review\n' });
    await core.addArtifact(other.source('agents/review.md'));
    up.commit({ 'skills/canvas/SKILL.md': null, 'skills/canvas/run.sh': null, 'skills/moved/SKILL.md': skillText() });
    const check = await core.checkUpdates();
    expect(check.artifacts).toEqual([
      expect.objectContaining({ name: 'canvas', status: 'error', error: expect.objectContaining({ code: 'not_found', message: expect.stringContaining('skills/canvas') }) }),
      expect.objectContaining({ name: 'review', status: 'up_to_date' }),
    ]);
  });

  it('refuses to check an artifact that has no upstream', async () => {
    const { core } = await withSourcedSkill();
    const local = join(await tempDir(), 'tidy');
    await writeTree(local, { 'SKILL.md': '# tidy\n' });
    await core.addArtifact(local);
    expect(await errorOf(() => core.checkUpdates({ names: ['tidy'] }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not added from a git source') });
  });
});

describe('update', () => {
  it('takes upstream\'s new tree when the collection has no edits of its own, records the new commit, and keeps the upstream content as an update version', async () => {
    const { up, core, home, first } = await withSourcedSkill();
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }), 'skills/canvas/run.sh': null });
    expect((await core.update({ dryRun: true })).artifacts[0]).toMatchObject({ action: 'updated', to_sha: next });
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({ 'SKILL.md': skillText(), 'run.sh': 'echo one\n' });

    const result = await core.update();
    expect(result).toMatchObject({ status: 'ok', safety_snapshot_id: expect.any(String) });
    expect(result.artifacts[0]).toMatchObject({ action: 'updated', from_sha: first, to_sha: next, files: expect.arrayContaining([{ path: 'run.sh', outcome: 'deleted' }, { path: 'SKILL.md', outcome: 'took_remote' }]) });
    expect(await readTree(join(home, 'collections/default/skills/canvas'))).toEqual({ 'SKILL.md': skillText({ 2: 'line 2 upstream' }) });
    const { manifest, lock } = await collectionFiles(home);
    expect((manifest.artifacts as Record<string, unknown>[])[0]).toMatchObject({ resolved_sha: next, version_spec: 'latest' });
    expect((lock as { lock: { entries: Record<string, unknown> } }).lock.entries['canvas::skill']).toMatchObject({ resolved_sha: next, content_hash: result.artifacts[0]!.new_sha });
    const history = await core.history('canvas');
    expect(history.versions.map((v) => v.merge_strategy)).toEqual(['update', 'add']);
    expect(history.versions[0]!.parents).toEqual([history.versions[1]!.id]);
    expect((await core.update()).status).toBe('nothing_to_do');
  });

  it('three-way merges upstream\'s changes with the collection\'s own edits', async () => {
    const { up, core, home } = await withSourcedSkill();
    const skillPath = join(home, 'collections/default/skills/canvas/SKILL.md');
    await writeFile(skillPath, skillText({ 4: 'line 4 mine' }));
    up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }) });
    const result = await core.update();
    expect(result.artifacts[0]).toMatchObject({ action: 'merged', files: [{ path: 'SKILL.md', outcome: 'merged' }] });
    expect(await readFile(skillPath, 'utf8')).toBe(skillText({ 2: 'line 2 upstream', 4: 'line 4 mine' }));
    expect((await core.history('canvas')).versions.map((v) => v.merge_strategy).sort()).toEqual(['add', 'merge', 'overwritten', 'update']);
    expect((await core.audit())[0]).toMatchObject({ operation_type: 'merge', files_merged: ['skills/canvas/SKILL.md'] });
  });

  it('leaves a conflict pending in the collection, changing nothing, and completing it records the new commit', async () => {
    const { up, core, home, first } = await withSourcedSkill();
    const skillPath = join(home, 'collections/default/skills/canvas/SKILL.md');
    await writeFile(skillPath, skillText({ 2: 'line 2 mine' }));
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }) });
    const result = await core.update();
    expect(result).toMatchObject({ status: 'partial', safety_snapshot_id: null });
    expect(result.artifacts[0]).toMatchObject({ action: 'conflict', conflicts: [expect.objectContaining({ path: 'SKILL.md', kind: 'content', markers: expect.stringContaining('>>>>>>> upstream') })] });
    expect(await readFile(skillPath, 'utf8')).toBe(skillText({ 2: 'line 2 mine' }));
    expect((await collectionFiles(home)).manifest.artifacts).toEqual([expect.objectContaining({ resolved_sha: first })]);

    expect(await core.pendingMerges({})).toEqual([expect.objectContaining({ direction: 'update', name: 'canvas', conflicts: [expect.objectContaining({ path: 'SKILL.md' })] })]);
    expect(await core.mergeDocument({ artifact: 'canvas' })).toMatchObject({ direction: 'update', project: '' });
    const done = await core.resolve({ artifact: 'canvas', file: 'SKILL.md', choice: { text: skillText({ 2: 'line 2 both' }) } });
    expect(done.artifacts[0]).toMatchObject({ action: 'merged' });
    expect(await readFile(skillPath, 'utf8')).toBe(skillText({ 2: 'line 2 both' }));
    expect((await collectionFiles(home)).manifest.artifacts).toEqual([expect.objectContaining({ resolved_sha: next })]);
    expect(await core.pendingMerges({})).toEqual([]);
    expect((await core.checkUpdates()).updates_available).toBe(0);
  });

  it('merges over a force-pushed history: the recorded commit is kept in the cache, and without the cache the recorded content is the base', async () => {
    const { up, core, home, first } = await withSourcedSkill('main');
    const skillPath = join(home, 'collections/default/skills/canvas/SKILL.md');
    await writeFile(skillPath, skillText({ 4: 'line 4 mine' }));
    // Upstream rewrites its history: `first` is no longer reachable from any of its refs.
    up.resetTo(first);
    up.git('commit', '--quiet', '--amend', '-m', 'rewritten first');
    const rewritten = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }) });
    expect(up.git('branch', '--contains', first, '--all')).toBe('');

    await rm(join(home, 'sources'), { recursive: true, force: true });
    const result = await core.update();
    expect(result.artifacts[0]).toMatchObject({ action: 'merged', to_sha: rewritten });
    expect(await readFile(skillPath, 'utf8')).toBe(skillText({ 2: 'line 2 upstream', 4: 'line 4 mine' }));
  });

  it('makes deployed projects outdated, and sync brings the update into them', async () => {
    const { up, core } = await withSourcedSkill();
    const project = await tempDir();
    await core.deploy({ names: ['canvas'], project });
    up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2 upstream' }) });
    await core.update();
    const [report] = await core.checkDrift([project]);
    expect(report!.drift).toEqual([expect.objectContaining({ name: 'canvas', drift_type: 'outdated' })]);
    expect((await core.sync({ project })).status).toBe('ok');
    expect(await readFile(join(project, '.claude/skills/canvas/SKILL.md'), 'utf8')).toBe(skillText({ 2: 'line 2 upstream' }));
  });

  it('reports an unreachable upstream as an error of that artifact and updates the others', async () => {
    const { up, core } = await withSourcedSkill();
    const other = Upstream.create();
    other.commit({ 'agents/review.md': '# Review\n' });
    await core.addArtifact(other.source('agents/review.md'));
    other.commit({ 'agents/review.md': '# Review 2\n' });
    await rm(up.bare, { recursive: true, force: true });
    const result = await core.update();
    expect(result.status).toBe('partial');
    expect(result.artifacts).toEqual([expect.objectContaining({ name: 'canvas', action: 'error', error: expect.objectContaining({ code: 'upstream_unavailable' }) }), expect.objectContaining({ name: 'review', action: 'updated' })]);
  });
});
