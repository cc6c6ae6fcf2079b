import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { THREAD_FROM_BYTES, extractArchive, listArchive } from './archive-reader.js';
import { BLOCK, encodeHeader } from './tar-header.js';
import type { HeaderFields } from './tar-header.js';
import { SkillmeatError } from '../errors.js';

let work: string;
/** Where the archive's contents are built; the archives themselves go in `work`. */
let staging: string;
/** The parent of every destination; its listing must not change when an archive is refused. */
let restores: string;
/** Outside everything: a hostile member aims here. */
let outside: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'skillmeat-archive-reader-'));
  staging = join(work, 'staging');
  restores = join(work, 'restores');
  outside = join(work, 'outside');
  await mkdir(join(staging, 'default'), { recursive: true });
  await mkdir(restores);
  await mkdir(outside);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function tar(...args: string[]): void {
  const result = spawnSync('tar', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
}

/** `tar czf` of the staging folder's `default/`, plus any extra GNU tar arguments. */
function gnuArchive(name: string, ...extra: string[]): string {
  const archive = join(work, name);
  tar('czf', archive, '-C', staging, ...extra);
  return archive;
}

/** A hand-made archive: one header per member (contents for files), end marker, gzip. */
async function rawArchive(name: string, members: readonly (HeaderFields & { path: string; content?: string | Buffer })[]): Promise<string> {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const header = Buffer.alloc(BLOCK);
    encodeHeader(header, 0, member.path, '', member);
    blocks.push(header);
    if (member.content !== undefined) {
      const body = Buffer.alloc(Math.ceil(member.content.length / BLOCK) * BLOCK);
      Buffer.from(member.content).copy(body);
      blocks.push(body);
    }
  }
  blocks.push(Buffer.alloc(2 * BLOCK));
  const archive = join(work, name);
  await writeFile(archive, gzipSync(Buffer.concat(blocks)));
  return archive;
}

const file = (path: string, content: string): HeaderFields & { path: string; content: string } => ({ path, typeflag: '0', mode: 0o644, size: content.length, mtime: 1_700_000_000, content });
const folder = (path: string): HeaderFields & { path: string } => ({ path, typeflag: '5', mode: 0o755, size: 0, mtime: 1_700_000_000 });
/** Incompressible bytes: an archive holding them is big enough to have its files created on a thread. */
const padding = (): Buffer => randomBytes(THREAD_FROM_BYTES + 100_000);
const paddingFile = (path: string): HeaderFields & { path: string; content: Buffer } => {
  const content = padding();
  return { path, typeflag: '0', mode: 0o644, size: content.length, mtime: 1_700_000_000, content };
};
const manyFiles = (count: number): (HeaderFields & { path: string; content: string })[] => Array.from({ length: count }, (_, i) => file(`default/many/f-${i}.md`, `file ${i}\n`));

/** Extracts, expects a refusal with `code`, and checks nothing at all remains beside the destination. */
async function expectRefused(archive: string, code: string): Promise<void> {
  const before = await readdir(restores);
  const error = await extractArchive(archive, join(restores, 'restored'), 'default').then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SkillmeatError);
  expect((error as SkillmeatError).code).toBe(code);
  expect(await readdir(restores)).toEqual(before);
  expect(await readdir(outside)).toEqual([]);
  const listed = await listArchive(archive, 'default').then(() => undefined, (e: unknown) => e);
  expect((listed as SkillmeatError).code).toBe(code);
}

describe('extractArchive', () => {
  it('extracts an archive made by GNU tar, keeping bytes and modes', async () => {
    await mkdir(join(staging, 'default/skills/canvas'), { recursive: true });
    await writeFile(join(staging, 'default/skills/canvas/SKILL.md'), '# Canvas\n');
    await writeFile(join(staging, 'default/run.sh'), '#!/bin/sh\n');
    await chmod(join(staging, 'default/run.sh'), 0o750);
    const archive = gnuArchive('gnu.tar.gz', 'default');
    const restored = join(restores, 'restored');
    expect(await extractArchive(archive, restored, 'default')).toEqual({ fileCount: 2 });
    expect(await readFile(join(restored, 'skills/canvas/SKILL.md'), 'utf8')).toBe('# Canvas\n');
    expect((await stat(join(restored, 'run.sh'))).mode & 0o777).toBe(0o750);
  });

  it('lists members with their sizes', async () => {
    const archive = await rawArchive('ok.tar.gz', [folder('default/'), file('default/a.md', 'hello')]);
    expect((await listArchive(archive)).map((m) => [m.name, m.type, m.size])).toEqual([
      ['default', 'folder', 0],
      ['default/a.md', 'file', 5],
    ]);
  });

  it('refuses an existing destination with already_exists', async () => {
    const archive = await rawArchive('ok.tar.gz', [folder('default/'), file('default/a.md', 'hello')]);
    await mkdir(join(restores, 'restored'));
    const error = await extractArchive(archive, join(restores, 'restored'), 'default').then(() => undefined, (e: unknown) => e);
    expect((error as SkillmeatError).code).toBe('already_exists');
    expect(await readdir(join(restores, 'restored'))).toEqual([]);
  });

  it('refuses a member with an absolute path', async () => {
    await writeFile(join(outside, 'evil'), 'x');
    const archive = join(work, 'abs.tar.gz');
    tar('czf', archive, '-P', join(outside, 'evil'));
    await rm(join(outside, 'evil'));
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a member with a ".." segment', async () => {
    await writeFile(join(staging, 'default/evil'), 'x');
    await expectRefused(gnuArchive('dotdot.tar.gz', '--transform', 's,^default/evil,default/../evil,', 'default/evil'), 'path_outside');
  });

  it('refuses a member outside the expected root', async () => {
    await mkdir(join(staging, 'other'));
    await writeFile(join(staging, 'other/a'), 'x');
    await expectRefused(gnuArchive('other.tar.gz', 'other'), 'path_outside');
  });

  it('refuses a symlink to outside followed by a member through it', async () => {
    await symlink(outside, join(staging, 'default/link'));
    const second = join(work, 'second');
    await mkdir(join(second, 'default/link'), { recursive: true });
    await writeFile(join(second, 'default/link/x'), 'pwned');
    const archive = gnuArchive('link.tar.gz', 'default/link', '-C', second, 'default/link/x');
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a member written through an inside-pointing symlink from the same archive', async () => {
    await mkdir(join(staging, 'default/real'));
    await symlink('real', join(staging, 'default/link'));
    const second = join(work, 'second');
    await mkdir(join(second, 'default/link'), { recursive: true });
    await writeFile(join(second, 'default/link/x'), 'x');
    await expectRefused(gnuArchive('through.tar.gz', 'default/real', 'default/link', '-C', second, 'default/link/x'), 'path_outside');
  });

  it('refuses a symlink whose target climbs back out after descending', async () => {
    const archive = await rawArchive('climb.tar.gz', [folder('default/'), { path: 'default/l', typeflag: '2', mode: 0o777, size: 0, mtime: 0, linkname: 'sub/../../x' }]);
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a hardlink to a file outside the root', async () => {
    await writeFile(join(staging, 'default/a'), 'x');
    await link(join(staging, 'default/a'), join(staging, 'default/b'));
    const archive = gnuArchive('hard.tar.gz', '-P', '--transform', `flags=h;s,^default/a$,${join(outside, 'target')},`, 'default/a', 'default/b');
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a fifo', async () => {
    spawnSync('mkfifo', [join(staging, 'default/pipe')]);
    await expectRefused(gnuArchive('fifo.tar.gz', 'default'), 'path_outside');
  });

  it('refuses an archive truncated at the end', async () => {
    await writeFile(join(staging, 'default/a.md'), 'content\n'.repeat(5000));
    const archive = gnuArchive('cut.tar.gz', 'default');
    await truncate(archive, (await stat(archive)).size - 20);
    await expectRefused(archive, 'corrupt_file');
  });

  it('refuses an archive with a flipped byte in the middle', async () => {
    for (let i = 0; i < 50; i++) await writeFile(join(staging, `default/f${i}.md`), `file ${i}\n`.repeat(200));
    const archive = gnuArchive('flip.tar.gz', 'default');
    const bytes = await readFile(archive);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    await writeFile(archive, bytes);
    await expectRefused(archive, 'corrupt_file');
  });

  it('refuses a tar header with a bad checksum', async () => {
    const tarBytes = Buffer.alloc(3 * BLOCK);
    encodeHeader(tarBytes, 0, 'default/a', '', { typeflag: '0', mode: 0o644, size: 0, mtime: 0 });
    tarBytes[0] = 'x'.charCodeAt(0); // name changed after the checksum was computed
    const archive = join(work, 'checksum.tar.gz');
    await writeFile(archive, gzipSync(tarBytes));
    await expectRefused(archive, 'corrupt_file');
  });

  it('refuses a file that is not gzip', async () => {
    const archive = join(work, 'plain.txt');
    await writeFile(archive, 'not an archive');
    await expectRefused(archive, 'corrupt_file');
  });

  it('refuses a member that appears twice', async () => {
    const archive = await rawArchive('twice.tar.gz', [folder('default/'), file('default/a', 'one'), file('default/a', 'two')]);
    await expectRefused(archive, 'corrupt_file');
  });

  it('never writes through a symlink in the destination made by an earlier member', async () => {
    const archive = await rawArchive('relink.tar.gz', [
      folder('default/'),
      { path: 'default/l', typeflag: '2', mode: 0o777, size: 0, mtime: 0, linkname: '.' },
      file('default/l/a', 'x'),
    ]);
    await expectRefused(archive, 'path_outside');
    expect(existsSync(join(restores, 'a'))).toBe(false);
  });
});

/** Every entry below `root`: type, permission bits, mtime in seconds, and content, link target or inode group. */
async function describeTree(root: string): Promise<string[]> {
  const lines: string[] = [];
  const inodes = new Map<number, string>();
  async function walk(folder: string, prefix: string): Promise<void> {
    for (const name of (await readdir(folder)).sort()) {
      const path = join(folder, name);
      const rel = `${prefix}${name}`;
      const info = await lstat(path);
      const head = `${rel} mode=${(info.mode & 0o777).toString(8)} mtime=${Math.floor(info.mtimeMs / 1000)}`;
      if (info.isSymbolicLink()) {
        lines.push(`${head} -> ${await readlink(path)}`);
      } else if (info.isDirectory()) {
        lines.push(`${head} folder`);
        await walk(path, `${rel}/`);
      } else {
        const first = inodes.get(info.ino) ?? rel;
        inodes.set(info.ino, first);
        lines.push(`${head} bytes=${(await readFile(path)).toString('base64').slice(0, 40)}/${info.size} same-as=${first}`);
      }
    }
  }
  await walk(root, '');
  return lines;
}

describe('extractArchive of an archive big enough for the file-creation thread', () => {
  it('extracts exactly what GNU tar extracts: bytes, modes, mtimes, hardlinks and symlinks', async () => {
    const root = join(staging, 'default');
    await writeFile(join(root, 'padding.bin'), padding());
    for (let i = 0; i < 300; i++) {
      await mkdir(join(root, `skills/s-${i % 7}`), { recursive: true });
      await writeFile(join(root, `skills/s-${i % 7}/f-${i}.md`), `skill file ${i}\n`.repeat(i % 50));
    }
    await writeFile(join(root, 'run.sh'), '#!/bin/sh\n');
    await chmod(join(root, 'run.sh'), 0o750);
    await writeFile(join(root, 'locked.md'), 'read only\n');
    await chmod(join(root, 'locked.md'), 0o444);
    await utimes(join(root, 'locked.md'), 1_500_000_000, 1_500_000_000);
    await writeFile(join(root, 'shared.md'), 'group writable\n'); // a mode the usual umask (022) strips at creation
    await chmod(join(root, 'shared.md'), 0o666);
    await link(join(root, 'skills/s-0/f-0.md'), join(root, 'copy.md'));
    await symlink('skills/s-1', join(root, 'latest'));
    await chmod(join(root, 'skills/s-3'), 0o700);
    await utimes(join(root, 'skills/s-3'), 1_400_000_000, 1_400_000_000);
    const archive = gnuArchive('big.tar.gz', 'default');
    expect((await stat(archive)).size).toBeGreaterThanOrEqual(THREAD_FROM_BYTES);
    const byTar = join(work, 'by-tar');
    await mkdir(byTar);
    tar('xzf', archive, '-C', byTar);

    const restored = join(restores, 'restored');
    expect(await extractArchive(archive, restored, 'default')).toEqual({ fileCount: 305 });
    expect(await describeTree(restored)).toEqual(await describeTree(join(byTar, 'default')));
  });

  it('refuses a member through a symlink that comes after many files', async () => {
    const archive = await rawArchive('late-link.tar.gz', [
      folder('default/'),
      paddingFile('default/padding.bin'),
      ...manyFiles(200),
      { path: 'default/l', typeflag: '2', mode: 0o777, size: 0, mtime: 0, linkname: '.' },
      file('default/l/a', 'x'),
    ]);
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a member that appears twice after many files', async () => {
    const archive = await rawArchive('late-twice.tar.gz', [folder('default/'), paddingFile('default/padding.bin'), ...manyFiles(200), file('default/many/f-3.md', 'again')]);
    await expectRefused(archive, 'corrupt_file');
  });

  it('refuses an absolute member after many files', async () => {
    const archive = await rawArchive('late-abs.tar.gz', [folder('default/'), paddingFile('default/padding.bin'), ...manyFiles(200), file(join(outside, 'evil'), 'x')]);
    await expectRefused(archive, 'path_outside');
  });

  it('refuses a header with a bad checksum after many files', async () => {
    const good = await rawArchive('late-checksum.tar.gz', [folder('default/'), paddingFile('default/padding.bin'), ...manyFiles(200), file('default/last.md', 'x')]);
    const { gunzipSync } = await import('node:zlib');
    const tarBytes = gunzipSync(await readFile(good));
    const last = tarBytes.length - 4 * BLOCK; // the last member's header: before its data block and the end marker
    tarBytes[last] = 'x'.charCodeAt(0);
    await writeFile(good, gzipSync(tarBytes));
    await expectRefused(good, 'corrupt_file');
  });

  it('refuses an archive truncated after many files', async () => {
    await writeFile(join(staging, 'default/padding.bin'), padding());
    for (let i = 0; i < 200; i++) await writeFile(join(staging, `default/f-${i}.md`), `file ${i}\n`.repeat(100));
    const archive = gnuArchive('late-cut.tar.gz', 'default');
    await truncate(archive, (await stat(archive)).size - 20);
    await expectRefused(archive, 'corrupt_file');
  });
});

const canMount = process.getuid?.() === 0;

// Mounting a tmpfs needs root; without it the full disk cannot be staged.
describe.skipIf(!canMount)('extractArchive onto a full disk', () => {
  it('fails with io_error naming the full disk and leaves nothing on it', async () => {
    const disk = join(work, 'disk');
    await mkdir(disk);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]);
    if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs at ${disk}: ${mounted.stderr.toString()}`);
    try {
      const archive = await rawArchive('too-big.tar.gz', [folder('default/'), ...manyFiles(100), paddingFile('default/padding.bin'), ...manyFiles(300).map((m) => ({ ...m, path: m.path.replace('many', 'more') }))]);
      const error = await extractArchive(archive, join(disk, 'restored'), 'default').then(() => undefined, (e: unknown) => e);
      expect((error as SkillmeatError).code).toBe('io_error');
      expect((error as SkillmeatError).message).toContain('disk is full');
      expect((error as SkillmeatError).message).toContain('padding.bin');
      expect(await readdir(disk)).toEqual([]);
    } finally {
      spawnSync('umount', ['-l', disk]);
    }
  });
});
