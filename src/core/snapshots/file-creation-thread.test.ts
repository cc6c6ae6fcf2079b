import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCreationFailure, FileCreationThread } from './file-creation-thread.js';

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'skillmeat-file-creation-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Hands `content` to the thread in pieces of `piece` bytes, as gunzip does. */
function writeFile(thread: FileCreationThread, path: string, content: Buffer, mode = 0o644, mtime = 1_700_000_000, chmod = true): void {
  const piece = 64 * 1024;
  thread.openFile(path, mode, mtime, chmod);
  for (let at = 0; at < content.length; at += piece) thread.write(content.subarray(at, at + piece));
  thread.closeFile();
}

/** A thread that already runs, so every file below goes to it rather than being made inline. */
async function runningThread(): Promise<FileCreationThread> {
  const thread = new FileCreationThread();
  await thread.online;
  return thread;
}

describe('FileCreationThread', () => {
  it('creates files with their bytes, modes and mtimes, across many batches', async () => {
    const thread = await runningThread();
    const big = randomBytes(3_500_000); // spans several batches
    writeFile(thread, join(work, 'big.bin'), big, 0o600, 1_600_000_000);
    for (let i = 0; i < 500; i++) writeFile(thread, join(work, `small-${i}.md`), Buffer.from(`file ${i}\n`), i === 7 ? 0o750 : 0o644);
    await thread.finish();
    expect((await readFile(join(work, 'big.bin'))).equals(big)).toBe(true);
    expect(await readFile(join(work, 'small-499.md'), 'utf8')).toBe('file 499\n');
    expect((await stat(join(work, 'big.bin'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(work, 'small-7.md'))).mode & 0o777).toBe(0o750);
    expect((await stat(join(work, 'big.bin'))).mtimeMs).toBe(1_600_000_000_000);
    expect(await readdir(work)).toHaveLength(501);
  });

  it('creates a read-only file with its mode from the start and still writes its content', async () => {
    const thread = await runningThread();
    writeFile(thread, join(work, 'locked.md'), Buffer.from('frozen\n'), 0o444, 1_700_000_000, false);
    await thread.finish();
    expect(await readFile(join(work, 'locked.md'), 'utf8')).toBe('frozen\n');
    expect((await stat(join(work, 'locked.md'))).mode & 0o777).toBe(0o444);
  });

  it('links a hardlink to a file created earlier in the same batch', async () => {
    const thread = await runningThread();
    writeFile(thread, join(work, 'a.md'), Buffer.from('shared\n'));
    thread.hardlink(join(work, 'a.md'), join(work, 'b.md'));
    await thread.finish();
    expect((await stat(join(work, 'b.md'))).ino).toBe((await stat(join(work, 'a.md'))).ino);
  });

  it('reports the first failure with the file it concerns and creates nothing after it', async () => {
    const thread = await runningThread();
    writeFile(thread, join(work, 'first.md'), Buffer.from('1'));
    writeFile(thread, join(work, 'missing-folder/second.md'), Buffer.from('2'));
    writeFile(thread, join(work, 'third.md'), Buffer.from('3'));
    const failure = await thread.finish().then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(FileCreationFailure);
    expect((failure as FileCreationFailure).path).toBe(join(work, 'missing-folder/second.md'));
    expect((failure as FileCreationFailure).cause.code).toBe('ENOENT');
    expect(await readdir(work)).toEqual(['first.md']);
  });

  it('refuses a file that already exists rather than overwriting it', async () => {
    const thread = await runningThread();
    writeFile(thread, join(work, 'a.md'), Buffer.from('one'));
    writeFile(thread, join(work, 'a.md'), Buffer.from('two'));
    const failure = await thread.finish().then(() => undefined, (e: unknown) => e);
    expect((failure as FileCreationFailure).cause.code).toBe('EEXIST');
    expect(await readFile(join(work, 'a.md'), 'utf8')).toBe('one');
  });

  it('makes files inline until the thread runs, then hands the rest over in order', async () => {
    const thread = new FileCreationThread();
    writeFile(thread, join(work, 'early.md'), Buffer.from('made inline\n'));
    expect(await readFile(join(work, 'early.md'), 'utf8')).toBe('made inline\n');
    await thread.online;
    thread.hardlink(join(work, 'early.md'), join(work, 'link.md'));
    writeFile(thread, join(work, 'late.md'), Buffer.from('made on the thread\n'));
    expect(existsSync(join(work, 'late.md'))).toBe(false);
    await thread.finish();
    expect((await stat(join(work, 'link.md'))).ino).toBe((await stat(join(work, 'early.md'))).ino);
    expect(await readFile(join(work, 'late.md'), 'utf8')).toBe('made on the thread\n');
  });

  it('skips the files still queued when stopped, and writes nothing once stop has resolved', async () => {
    const thread = await runningThread();
    const content = Buffer.alloc(4096, 0x61);
    // ~20 batches handed over at once, far more than the thread makes before the stop comes.
    for (let i = 0; i < 5000; i++) writeFile(thread, join(work, `f-${i}.md`), content);
    await thread.stop();
    const after = (await readdir(work)).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readdir(work)).toHaveLength(after);
    expect(after).toBeLessThan(4000);
  });
});
