import { beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { hashArtifact } from '../hash/content-hash.js';
import { copyArtifact } from './copy-artifact.js';
import { workDir, writeTreeSync } from '../../../test/support/temp-files.js';

let work: string;
beforeEach(() => {
  work = workDir('skillmeat-copy-');
});

const folder = (name: string, files: Record<string, string>): string => writeTreeSync(join(work, name), files);

const SKILL = { 'SKILL.md': '# Skill\n', 'a/z.md': 'z', 'a-b.md': 'x', 'scripts/run.sh': 'echo hi\n' };

describe('copyArtifact', () => {
  it('copies a folder artifact so that the copy hashes the same, returning the paths in hash order', async () => {
    const source = folder('skill', SKILL);
    const dest = join(work, 'staging', 'skill');
    expect((await copyArtifact(source, dest, 'folder')).files.map((f) => f.relPath)).toEqual(['SKILL.md', 'a/z.md', 'a-b.md', 'scripts/run.sh']);
    expect(await hashArtifact(dest, 'folder')).toBe(await hashArtifact(source, 'folder'));
    expect(readFileSync(join(dest, 'scripts', 'run.sh'), 'utf8')).toBe('echo hi\n');
  });

  it('keeps scripts executable and read-only files read-only', async () => {
    const source = folder('skill', SKILL);
    chmodSync(join(source, 'scripts', 'run.sh'), 0o755);
    chmodSync(join(source, 'a-b.md'), 0o444);
    const dest = join(work, 'copy');
    await copyArtifact(source, dest, 'folder');
    expect(statSync(join(dest, 'scripts', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dest, 'a-b.md')).mode & 0o777).toBe(0o444);
  });

  it('drops setuid and setgid bits', async () => {
    const source = folder('skill', { 'run.sh': 'echo hi\n' });
    chmodSync(join(source, 'run.sh'), 0o6755);
    const dest = join(work, 'copy');
    await copyArtifact(source, dest, 'folder');
    expect(statSync(join(dest, 'run.sh')).mode & 0o7777).toBe(0o755);
  });

  it('leaves out ignored files', async () => {
    const source = folder('skill', { 'SKILL.md': 'x', '.DS_Store': '', 'node_modules/pkg/index.js': '', 'lib/__pycache__/m.pyc': '' });
    const dest = join(work, 'copy');
    await copyArtifact(source, dest, 'folder');
    expect(readdirSync(dest, { recursive: true }).sort()).toEqual(['SKILL.md']);
  });

  it('materializes an in-artifact link as a regular file with the same hash', async () => {
    const source = folder('skill', { 'SKILL.md': '# Skill\n', 'real/a.md': 'a' });
    symlinkSync('SKILL.md', join(source, 'README.md'));
    symlinkSync('real', join(source, 'alias'));
    const dest = join(work, 'copy');
    await copyArtifact(source, dest, 'folder');
    expect(lstatSync(join(dest, 'README.md')).isFile()).toBe(true);
    expect(lstatSync(join(dest, 'alias')).isDirectory()).toBe(true);
    expect(readFileSync(join(dest, 'alias', 'a.md'), 'utf8')).toBe('a');
    expect(await hashArtifact(dest, 'folder')).toBe(await hashArtifact(source, 'folder'));
  });

  it('refuses a link that leaves the artifact and creates nothing', async () => {
    const source = folder('skill', { 'SKILL.md': 'x' });
    writeFileSync(join(work, 'secret.txt'), 'secret');
    symlinkSync(join(work, 'secret.txt'), join(source, 'secret.txt'));
    const dest = join(work, 'copy');
    await expect(copyArtifact(source, dest, 'folder')).rejects.toMatchObject({ code: 'symlink_escape' });
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses a destination that exists and leaves it untouched', async () => {
    const source = folder('skill', SKILL);
    const dest = folder('existing', { 'mine.md': 'mine' });
    await expect(copyArtifact(source, dest, 'folder')).rejects.toMatchObject({ code: 'already_exists' });
    expect(readdirSync(dest)).toEqual(['mine.md']);
  });

  it('says so when the source does not exist', async () => {
    await expect(copyArtifact(join(work, 'missing'), join(work, 'copy'), 'folder')).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(join(work, 'copy'))).toBe(false);
  });

  it('copies an empty folder artifact as an empty folder', async () => {
    const source = folder('empty', {});
    const dest = join(work, 'copy');
    expect((await copyArtifact(source, dest, 'folder')).files).toEqual([]);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('copies a file artifact, creating its parent folders and keeping its mode', async () => {
    const source = join(work, 'review.md');
    writeFileSync(source, '# Review\n');
    chmodSync(source, 0o640);
    const dest = join(work, 'staging', 'commands', 'review.md');
    expect((await copyArtifact(source, dest, 'file')).files.map((f) => f.relPath)).toEqual(['']);
    expect(readFileSync(dest, 'utf8')).toBe('# Review\n');
    expect(statSync(dest).mode & 0o777).toBe(0o640);
    expect(await hashArtifact(dest, 'file')).toBe(await hashArtifact(source, 'file'));
  });

  it('refuses to replace an existing file artifact', async () => {
    const source = join(work, 'review.md');
    writeFileSync(source, 'new');
    const dest = join(work, 'other.md');
    writeFileSync(dest, 'mine');
    await expect(copyArtifact(source, dest, 'file')).rejects.toMatchObject({ code: 'already_exists' });
    expect(readFileSync(dest, 'utf8')).toBe('mine');
  });
});

describe('copyArtifact in one pass', () => {
  it('returns the content hash of the copy, as hashArtifact computes it', async () => {
    const source = folder('skill', SKILL);
    const dest = join(work, 'copy');
    expect((await copyArtifact(source, dest, 'folder')).contentHash).toBe('d285329974a617138baca3338f3af0db1628a26453659f656c5589370c6f2d1c');
    expect(await hashArtifact(dest, 'folder')).toBe('d285329974a617138baca3338f3af0db1628a26453659f656c5589370c6f2d1c');
  });

  it('keeps every file it copies in a blob sink, small ones whole and large ones in chunks', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x61);
    const source = writeTreeSync(join(work, 'skill'), { 'SKILL.md': '# Skill\n', 'data.bin': big });
    const kept = new Map<string, Buffer>();
    const sink = {
      storeBytes: (bytes: Uint8Array) => {
        const sha = createHash('sha256').update(bytes).digest('hex');
        kept.set(sha, Buffer.from(bytes));
        return sha;
      },
      begin: () => {
        const chunks: Buffer[] = [];
        return { write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)), finish: (sha: string) => kept.set(sha, Buffer.concat(chunks)), abandon: () => undefined };
      },
    };
    const copy = await copyArtifact(source, join(work, 'copy'), 'folder', { blobs: sink });
    expect(copy.files.map((f) => [f.relPath, f.size])).toEqual([['SKILL.md', 8], ['data.bin', big.length]]);
    for (const file of copy.files) expect(kept.get(file.blob!)).toEqual(readFileSync(join(source, file.relPath)));
  });
});
