import { beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillmeatError } from '../errors.js';
import { listArtifactFiles, walkArtifact, type EscapingLinkPolicy } from './artifact-files.js';
import { workDir, writeTreeSync } from '../../../test/support/temp-files.js';

let work: string;
beforeEach(() => {
  work = workDir('skillmeat-files-');
});

async function relPaths(root: string, onEscapingLink: EscapingLinkPolicy = 'refuse'): Promise<string[] | undefined> {
  return (await listArtifactFiles(root, 'folder', { onEscapingLink }))?.map((file) => file.relPath);
}

async function refusal(root: string): Promise<SkillmeatError> {
  const error: unknown = await listArtifactFiles(root, 'folder', { onEscapingLink: 'refuse' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SkillmeatError);
  return error as SkillmeatError;
}

describe('listArtifactFiles on a folder', () => {
  it('lists regular files by POSIX relative path in hash order', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': '# Skill\n', 'a/z.md': 'z', 'a-b.md': 'x', 'scripts/run.sh': 'echo hi\n' });
    expect(await relPaths(root)).toEqual(['SKILL.md', 'a/z.md', 'a-b.md', 'scripts/run.sh']);
  });

  it('gives each file its absolute path and the stat fields of a fingerprint', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'docs/guide.md': 'hello' });
    const [file] = (await listArtifactFiles(root, 'folder', { onEscapingLink: 'refuse' })) ?? [];
    const stats = statSync(join(root, 'docs', 'guide.md'));
    expect(file).toEqual({
      relPath: 'docs/guide.md',
      absPath: join(root, 'docs', 'guide.md'),
      mode: stats.mode,
      dev: stats.dev,
      ino: stats.ino,
      size: 5,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
    });
  });

  it('returns undefined when the folder does not exist', async () => {
    expect(await relPaths(join(work, 'missing'))).toBeUndefined();
  });

  it('adds nothing for empty folders', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    mkdirSync(join(root, 'empty', 'deeper'), { recursive: true });
    expect(await relPaths(root)).toEqual(['SKILL.md']);
  });

  it('returns an empty list for an empty folder', async () => {
    mkdirSync(join(work, 'skill'));
    expect(await relPaths(join(work, 'skill'))).toEqual([]);
  });

  it('applies the ignore set at every depth', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, {
      'SKILL.md': 'x',
      '.git/HEAD': 'ref',
      '.DS_Store': '',
      'lib/.DS_Store': '',
      'lib/node_modules/pkg/index.js': '',
      'lib/__pycache__/m.cpython.pyc': '',
      'lib/m.pyc': '',
      'lib/m.py': 'print(1)',
      'lib/.venv/bin/python': '',
      'lib/venv/bin/python': '',
      'lib/.m.py.swp': '',
      'lib/m.py~': '',
      'lib/.#m.py': '',
      'Thumbs.db': '',
    });
    expect(await relPaths(root)).toEqual(['SKILL.md', 'lib/m.py']);
  });

  it('refuses a file where a folder artifact is expected', async () => {
    writeFileSync(join(work, 'skill'), 'not a folder');
    const error: unknown = await listArtifactFiles(join(work, 'skill'), 'folder', { onEscapingLink: 'skip' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
  });

  it('skips sockets and pipes: only regular files are content', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await relPaths(root)).toEqual(['SKILL.md']);
  });
});

describe('listArtifactFiles on a file artifact', () => {
  it('lists the root itself with relPath ""', async () => {
    const path = join(work, 'review.md');
    writeFileSync(path, '# Review\n');
    const files = await listArtifactFiles(path, 'file', { onEscapingLink: 'refuse' });
    expect(files?.map((f) => [f.relPath, f.absPath, f.size])).toEqual([['', path, 9]]);
  });

  it('returns undefined when the file does not exist', async () => {
    expect(await listArtifactFiles(join(work, 'missing.md'), 'file', { onEscapingLink: 'refuse' })).toBeUndefined();
  });

  it('refuses a folder where a file artifact is expected', async () => {
    mkdirSync(join(work, 'review.md'));
    const error: unknown = await listArtifactFiles(join(work, 'review.md'), 'file', { onEscapingLink: 'refuse' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
  });
});

describe('symlinks', () => {
  it('lists a link to a file inside as that file, read from its target', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x', 'shared/notes.md': 'notes' });
    symlinkSync('shared/notes.md', join(root, 'notes.md'));
    const files = await listArtifactFiles(root, 'folder', { onEscapingLink: 'refuse' });
    expect(files?.map((f) => [f.relPath, f.absPath])).toEqual([
      ['SKILL.md', join(root, 'SKILL.md')],
      ['notes.md', join(root, 'shared', 'notes.md')],
      ['shared/notes.md', join(root, 'shared', 'notes.md')],
    ]);
  });

  it('walks a link to a folder inside as a folder at the link path', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x', 'real/a.md': 'a', 'real/sub/b.md': 'b' });
    symlinkSync('real', join(root, 'alias'));
    expect(await relPaths(root)).toEqual(['SKILL.md', 'alias/a.md', 'alias/sub/b.md', 'real/a.md', 'real/sub/b.md']);
  });

  it('refuses a link that leaves the artifact, naming the link and its target', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    writeTreeSync(join(work, 'outside'), { 'secret.txt': 'secret' });
    symlinkSync('../outside/secret.txt', join(root, 'secret.txt'));
    const error = await refusal(root);
    expect(error.code).toBe('symlink_escape');
    expect(error.message).toContain(join(root, 'secret.txt'));
    expect(error.message).toContain('../outside/secret.txt');
  });

  it('skips a link that leaves the artifact when told to', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    writeTreeSync(join(work, 'outside'), { 'secret.txt': 'secret' });
    symlinkSync(join(work, 'outside'), join(root, 'outside-folder'));
    expect(await relPaths(root, 'skip')).toEqual(['SKILL.md']);
  });

  it('refuses a dangling link', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    symlinkSync('gone.md', join(root, 'link.md'));
    const error = await refusal(root);
    expect(error.code).toBe('symlink_escape');
    expect(error.details).toMatchObject({ reason: 'dangling', target: 'gone.md' });
  });

  it('skips a dangling link when told to', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    symlinkSync('gone.md', join(root, 'link.md'));
    expect(await relPaths(root, 'skip')).toEqual(['SKILL.md']);
  });

  it('refuses a link to a folder that contains it, instead of walking forever', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x', 'sub/a.md': 'a' });
    symlinkSync('..', join(root, 'sub', 'up'));
    const error = await refusal(root);
    expect(error.code).toBe('symlink_escape');
    expect(error.details).toMatchObject({ reason: 'loop', relPath: 'sub/up' });
  });

  it('skips a link back to the root when told to, and lists the rest', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x', 'sub/a.md': 'a' });
    symlinkSync('..', join(root, 'sub', 'up'));
    expect(await relPaths(root, 'skip')).toEqual(['SKILL.md', 'sub/a.md']);
  });

  it('stops a loop made of two links between sibling folders', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'x/a.md': 'a', 'y/b.md': 'b' });
    symlinkSync('../y', join(root, 'x', 'to-y'));
    symlinkSync('../x', join(root, 'y', 'to-x'));
    expect(await relPaths(root, 'skip')).toEqual(['x/a.md', 'x/to-y/b.md', 'y/b.md', 'y/to-x/a.md']);
  });

  it('leaves out a link whose name the ignore set covers, wherever it points', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    mkdirSync(join(work, 'python'));
    symlinkSync(join(work, 'python'), join(root, '.venv'));
    expect(await relPaths(root, 'refuse')).toEqual(['SKILL.md']);
  });

  it('follows a root that is itself a link', async () => {
    writeTreeSync(join(work, 'real-skill'), { 'SKILL.md': 'x' });
    symlinkSync(join(work, 'real-skill'), join(work, 'skill'));
    expect(await relPaths(join(work, 'skill'))).toEqual(['SKILL.md']);
  });

  it('judges links inside a linked root against the real root', async () => {
    writeTreeSync(join(work, 'real-skill'), { 'SKILL.md': 'x' });
    symlinkSync('SKILL.md', join(work, 'real-skill', 'README.md'));
    symlinkSync(join(work, 'real-skill'), join(work, 'skill'));
    expect(await relPaths(join(work, 'skill'))).toEqual(['README.md', 'SKILL.md']);
  });
});

describe('walkArtifact', () => {
  it('stamps every folder walked, root first, when asked', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x', 'a/b/c.md': 'c' });
    const listing = await walkArtifact(root, 'folder', { onEscapingLink: 'refuse', stampFolders: true });
    expect(listing?.folders?.map((f) => f.absPath)).toEqual([root, join(root, 'a'), join(root, 'a', 'b')]);
    expect(listing?.folders?.[0]?.ino).toBe(statSync(root).ino);
    expect(listing?.throughLinks).toBe(false);
  });

  it('gives no folder stamps when a link was met, since they cannot vouch for its target', async () => {
    const root = join(work, 'skill');
    writeTreeSync(root, { 'SKILL.md': 'x' });
    symlinkSync('SKILL.md', join(root, 'README.md'));
    const listing = await walkArtifact(root, 'folder', { onEscapingLink: 'refuse', stampFolders: true });
    expect(listing?.throughLinks).toBe(true);
    expect(listing?.folders).toBeUndefined();
  });
});
