import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, readlink, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeArchive } from './archive-writer.js';
import { extractArchive, listArchive } from './archive-reader.js';
import { SkillmeatError } from '../errors.js';

let work: string;
let collection: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'skillmeat-archive-writer-'));
  collection = join(work, 'collections', 'default');
  await mkdir(collection, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const LONG_FOLDER = `skills/${'deeply-nested-folder-name/'.repeat(6)}`;
const LONG_FILE = `${'a-very-long-file-name-'.repeat(6)}.md`; // > 100 bytes on its own: needs pax

/** A collection with nested files, an empty folder, an executable, long paths and a unicode name. */
async function buildCollection(): Promise<void> {
  const files: Record<string, string> = {
    'collection.toml': '[collection]\nname = "default"\n',
    'skills/canvas/SKILL.md': '# Canvas\n'.repeat(50),
    'skills/canvas/scripts/run.sh': '#!/bin/sh\necho run\n',
    [`${LONG_FOLDER}SKILL.md`]: 'long path\n',
    [`skills/long/${LONG_FILE}`]: 'long name\n',
    'skills/ünïcødé-名前/SKILL.md': 'unicode\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(join(collection, rel, '..'), { recursive: true });
    await writeFile(join(collection, rel), content);
  }
  await chmod(join(collection, 'skills/canvas/scripts/run.sh'), 0o755);
  await mkdir(join(collection, 'skills/empty'));
}

/** Every path below `root` with its kind, mode, mtime (seconds) and content. */
async function describeTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (folder: string): Promise<void> => {
    for (const name of (await readdir(folder)).sort()) {
      const path = join(folder, name);
      const info = await lstat(path);
      const rel = relative(root, path);
      const meta = `${(info.mode & 0o777).toString(8)} ${Math.floor(info.mtimeMs / 1000)}`;
      if (info.isSymbolicLink()) out[rel] = `link ${await readlink(path)}`;
      else if (info.isDirectory()) {
        out[rel] = `folder ${meta}`;
        await visit(path);
      } else out[rel] = `file ${meta} ${(await readFile(path)).toString('base64')}`;
    }
  };
  await visit(root);
  return out;
}

function tar(...args: string[]): string {
  const result = spawnSync('tar', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

async function refusal(work: Promise<unknown>): Promise<SkillmeatError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SkillmeatError);
  return error as SkillmeatError;
}

describe('writeArchive', () => {
  it('round-trips names, bytes, modes and mtimes through extractArchive', async () => {
    await buildCollection();
    const archive = join(work, 'snap.tar.gz');
    const written = await writeArchive(collection, archive, 'default');
    const restored = join(work, 'restored');
    const extracted = await extractArchive(archive, restored, 'default');
    expect(await describeTree(restored)).toEqual(await describeTree(collection));
    expect(written.fileCount).toBe(6);
    expect(extracted.fileCount).toBe(6);
    expect(written.bytes).toBe((await stat(archive)).size);
  });

  it('stores every member under the root name, folders first, in sorted order', async () => {
    await buildCollection();
    const archive = join(work, 'snap.tar.gz');
    await writeArchive(collection, archive, 'default');
    const names = (await listArchive(archive, 'default')).map((m) => m.name);
    expect(names.slice(0, 4)).toEqual(['default', 'default/collection.toml', 'default/skills', 'default/skills/canvas']);
    expect(names).toContain(`default/skills/long/${LONG_FILE}`);
    expect(names).toContain('default/skills/empty');
  });

  it('writes archives GNU tar lists and extracts identically', async () => {
    await buildCollection();
    const archive = join(work, 'snap.tar.gz');
    await writeArchive(collection, archive, 'default');
    expect(tar('tzf', archive).split('\n')).toContain(`default/${LONG_FOLDER}SKILL.md`);
    const out = join(work, 'gnu-out');
    await mkdir(out);
    tar('xzf', archive, '-C', out);
    expect(await describeTree(join(out, 'default'))).toEqual(await describeTree(collection));
  });

  it('stores a symlink that points inside the collection as a symlink', async () => {
    await buildCollection();
    await symlink('../canvas/SKILL.md', join(collection, 'skills/empty/alias.md'));
    const archive = join(work, 'snap.tar.gz');
    await writeArchive(collection, archive, 'default');
    const restored = join(work, 'restored');
    await extractArchive(archive, restored, 'default');
    expect(await readlink(join(restored, 'skills/empty/alias.md'))).toBe('../canvas/SKILL.md');
    expect(await readFile(join(restored, 'skills/empty/alias.md'), 'utf8')).toContain('# Canvas');
  });

  it('refuses a symlink that leaves the collection and leaves no file behind', async () => {
    await buildCollection();
    await symlink('../../outside', join(collection, 'skills/escape'));
    const archive = join(work, 'snap.tar.gz');
    const error = await refusal(writeArchive(collection, archive, 'default'));
    expect(error.code).toBe('symlink_escape');
    expect(await readdir(work)).toEqual(['collections']);
  });

  it('refuses a fifo in the collection with invalid_input', async () => {
    spawnSync('mkfifo', [join(collection, 'pipe')]);
    const error = await refusal(writeArchive(collection, join(work, 'snap.tar.gz'), 'default'));
    expect(error.code).toBe('invalid_input');
    expect(await readdir(work)).toEqual(['collections']);
  });

  it('refuses to write the archive inside the folder it archives', async () => {
    const error = await refusal(writeArchive(collection, join(collection, 'snap.tar.gz'), 'default'));
    expect(error.code).toBe('invalid_input');
  });

  it('refuses a missing source folder with not_found', async () => {
    const error = await refusal(writeArchive(join(work, 'nope'), join(work, 'snap.tar.gz'), 'default'));
    expect(error.code).toBe('not_found');
  });
});
