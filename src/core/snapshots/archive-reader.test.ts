import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, link, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractArchive, listArchive } from './archive-reader.js';
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
async function rawArchive(name: string, members: readonly (HeaderFields & { path: string; content?: string })[]): Promise<string> {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const header = Buffer.alloc(BLOCK);
    encodeHeader(header, 0, member.path, '', member);
    blocks.push(header);
    if (member.content !== undefined) {
      const body = Buffer.alloc(Math.ceil(member.content.length / BLOCK) * BLOCK);
      body.write(member.content);
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
