import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { withWriteLock } from './write-lock.js';
import { errorOf, tempDir } from '../../../test/support/fixtures.js';

function lockOf(pid: number, host = hostname()): string {
  return JSON.stringify({ pid, host, since: '2026-01-01T00:00:00Z', operation: 'deploy' });
}

describe('withWriteLock', () => {
  it('holds the lock while working and releases it after', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    const seen = await withWriteLock(lock, 'test', async () => readdir(dir));
    expect(seen).toEqual(['x.lock']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the work fails', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    await expect(withWriteLock(lock, 'test', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives a second writer a clear busy error while a live process holds it', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await writeFile(lock, lockOf(holder.pid!));
      let ran = false;
      const error = await errorOf(() => withWriteLock(lock, 'test', async () => { ran = true; }));
      expect(error.code).toBe('busy');
      expect(error.message).toContain(`process ${holder.pid}`);
      expect(ran).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('two writers in one process: the second is busy while the first works', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    const second = await withWriteLock(lock, 'first', async () => errorOf(() => withWriteLock(lock, 'second', async () => undefined)));
    expect(second.code).toBe('busy');
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    await writeFile(lock, lockOf(Number(dead.stdout.trim())));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a torn (empty) lock file', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    await writeFile(lock, '');
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
  });

  it('treats a lock from another host as busy, since it cannot be checked', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    await writeFile(lock, lockOf(1, 'some-other-host'));
    expect((await errorOf(() => withWriteLock(lock, 'test', async () => undefined))).code).toBe('busy');
  });
});
