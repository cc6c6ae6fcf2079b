import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { hasLockLeftovers, isWaitableBusy, takeOverStaleLock, withWriteLock } from './write-lock.js';
import { SkillmeatError } from '../errors.js';
import { afterThisTest, errorOf, tempDir } from '../../../test/support/fixtures.js';

const onLinux = process.platform === 'linux';

interface Holder {
  pid: number;
  host?: string;
  token?: string;
  start_ticks?: number;
  boot_id?: string;
  pid_ns?: string;
}

/** A lock file's content as SkillMeat writes it; `token` defaults to a fresh one. */
function lockOf(holder: Holder): string {
  return JSON.stringify({ host: hostname(), token: randomBytes(16).toString('hex'), operation: 'deploy', since: '2026-01-01T00:00:00Z', ...holder });
}

/** A pid that no process has any more. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

/** A live process that stays until the test ends. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  afterThisTest(() => child.kill('SIGKILL'));
  return child.pid!;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

function bootId(): string {
  return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

async function lockIn(): Promise<{ dir: string; lock: string }> {
  const dir = await tempDir();
  return { dir, lock: join(dir, 'x.lock') };
}

describe('withWriteLock', () => {
  it('holds the lock while working and releases it after, leaving nothing beside it', async () => {
    const { dir, lock } = await lockIn();
    const seen = await withWriteLock(lock, 'test', async () => readdir(dir));
    expect(seen).toEqual(['x.lock']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes the holder whole: pid, host, process start time, a token, the operation and since', async () => {
    const { lock } = await lockIn();
    const holder = await withWriteLock(lock, 'deploy', async () => JSON.parse(await readFile(lock, 'utf8')) as Record<string, unknown>);
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), operation: 'deploy' });
    expect(holder['token']).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(String(holder['since']))).not.toBeNaN();
    if (onLinux) expect(holder).toMatchObject({ start_ticks: startTicks(process.pid), boot_id: bootId(), pid_ns: readlinkSync('/proc/self/ns/pid') });
  });

  it('releases the lock when the work fails', async () => {
    const { dir, lock } = await lockIn();
    await expect(withWriteLock(lock, 'test', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives a second writer a busy error naming the live holder, and leaves its lock alone', async () => {
    const { lock } = await lockIn();
    const pid = liveProcess();
    const content = lockOf({ pid, ...(onLinux ? { start_ticks: startTicks(pid), boot_id: bootId() } : {}) });
    await writeFile(lock, content);
    let ran = false;
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => { ran = true; }));
    expect(error.code).toBe('busy');
    expect(error.message).toContain(`process ${pid} on ${hostname()} (deploy, since 2026-01-01T00:00:00Z)`);
    expect(isWaitableBusy(error)).toBe(true);
    expect(ran).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe(content);
  });

  it('two writers in one process: the second is busy while the first works', async () => {
    const { lock } = await lockIn();
    const second = await withWriteLock(lock, 'first', async () => errorOf(() => withWriteLock(lock, 'second', async () => undefined)));
    expect(second.code).toBe('busy');
  });

  it('takes over a lock whose process is gone, and leaves nothing beside it', async () => {
    const { dir, lock } = await lockIn();
    await writeFile(lock, lockOf({ pid: deadPid() }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock written before locks had tokens, when its process is gone', async () => {
    const { dir, lock } = await lockIn();
    await writeFile(lock, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z', operation: 'deploy' }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to a process started later', async () => {
    const { lock } = await lockIn();
    const pid = liveProcess();
    await writeFile(lock, lockOf({ pid, start_ticks: startTicks(pid) - 1, boot_id: bootId() }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
  });

  it.runIf(onLinux)('takes over a lock written before the machine last started', async () => {
    const { lock } = await lockIn();
    const pid = liveProcess();
    await writeFile(lock, lockOf({ pid, start_ticks: startTicks(pid), boot_id: '00000000-0000-0000-0000-000000000000' }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
  });

  it('takes over a lock naming this very process that it does not hold (an earlier process with the same pid)', async () => {
    const { lock } = await lockIn();
    await writeFile(lock, lockOf({ pid: process.pid }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
  });

  it.each([
    ['empty', ''],
    ['torn', '{"pid": 12'],
    ['not a lock', '{"hello": "world"}'],
  ])('never takes over an %s lock file: busy, saying how to clear it, and the file is left as it is', async (_kind, content) => {
    const { lock } = await lockIn();
    await writeFile(lock, content);
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => undefined));
    expect(error.code).toBe('busy');
    expect(error.message).toContain(`If no SkillMeat is working here, delete ${lock} and try again.`);
    expect(isWaitableBusy(error)).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe(content);
  });

  it('never takes over a lock from another host: busy, naming whose lock it is and how to clear it', async () => {
    const { lock } = await lockIn();
    const content = lockOf({ pid: deadPid(), host: 'build-server' });
    await writeFile(lock, content);
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => undefined));
    expect(error.code).toBe('busy');
    expect(error.message).toContain('on build-server (deploy, since 2026-01-01T00:00:00Z)');
    expect(error.message).toContain('cannot check from here');
    expect(error.message).toContain(`delete ${lock} and try again`);
    expect(isWaitableBusy(error)).toBe(false); // so the callers that wait on busy give up at once
    expect(await readFile(lock, 'utf8')).toBe(content);
  });

  it.runIf(onLinux)('never takes over a lock from a process in another pid namespace (a sandbox), whose pid means nothing here', async () => {
    const { lock } = await lockIn();
    const content = lockOf({ pid: deadPid(), pid_ns: 'pid:[1]' });
    await writeFile(lock, content);
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => undefined));
    expect(error.message).toContain('another sandbox (pid namespace)');
    expect(error.message).toContain(`delete ${lock} and try again`);
    expect(isWaitableBusy(error)).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe(content);
  });

  it('escapes control characters a lock file carries before they reach a terminal', async () => {
    const { lock } = await lockIn();
    await writeFile(lock, lockOf({ pid: 1, host: 'evil\u001b[2Jhost' }));
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => undefined));
    expect(error.message).toContain('evil\\u001b[2Jhost');
    expect(error.message).not.toContain('\u001b');
  });

  it('releases only its own lock: one that someone else put in its place stays', async () => {
    const { lock } = await lockIn();
    const theirs = lockOf({ pid: liveProcess() });
    await withWriteLock(lock, 'test', async () => writeFile(lock, theirs));
    expect(await readFile(lock, 'utf8')).toBe(theirs);
  });
});

describe('taking over a stale lock', () => {
  it('a contender that read the stale lock before another took it over removes nothing', async () => {
    const { lock } = await lockIn();
    const staleToken = randomBytes(16).toString('hex');
    await writeFile(lock, lockOf({ pid: deadPid(), token: staleToken }));
    await withWriteLock(lock, 'first', async () => {
      const ours = await readFile(lock, 'utf8');
      await takeOverStaleLock(lock, staleToken); // the slow contender's step, late
      expect(await readFile(lock, 'utf8')).toBe(ours);
    });
  });

  it('waits for a live contender that is already taking it over: busy, and the stale lock is left to it', async () => {
    const { dir, lock } = await lockIn();
    const staleToken = randomBytes(16).toString('hex');
    const stale = lockOf({ pid: deadPid(), token: staleToken });
    await writeFile(lock, stale);
    await writeFile(join(dir, `.x.lock.${staleToken}.takeover`), lockOf({ pid: liveProcess() }));
    const error = await errorOf(() => withWriteLock(lock, 'test', async () => undefined));
    expect(error.code).toBe('busy');
    expect(isWaitableBusy(error)).toBe(true);
    expect(await readFile(lock, 'utf8')).toBe(stale);
  });

  it('takes over a claim left by a contender killed mid-takeover, then the stale lock, and leaves nothing beside it', async () => {
    const { dir, lock } = await lockIn();
    const staleToken = randomBytes(16).toString('hex');
    await writeFile(lock, lockOf({ pid: deadPid(), token: staleToken }));
    await writeFile(join(dir, `.x.lock.${staleToken}.takeover`), lockOf({ pid: deadPid() }));
    expect(await withWriteLock(lock, 'test', async () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('what a killed process leaves beside a lock', () => {
  it('a holder written but never linked (a kill before the link) is cleared by the next holder; a live one is kept', async () => {
    const { dir, lock } = await lockIn();
    const dead = deadPid();
    const live = liveProcess();
    const deadTemp = join(dir, `.x.lock.${dead}.01234567.new`);
    const tornTemp = join(dir, `.other.lock.${dead}.fedcba98.new`);
    const liveTemp = join(dir, `.x.lock.${live}.01234567.new`);
    await writeFile(deadTemp, lockOf({ pid: dead }));
    await writeFile(tornTemp, '');
    await writeFile(liveTemp, lockOf({ pid: live }));
    expect(hasLockLeftovers(lock)).toBe(true);
    await withWriteLock(lock, 'test', async () => undefined);
    expect(await readdir(dir)).toEqual([`.x.lock.${live}.01234567.new`]);
  });

  it('hasLockLeftovers is false for a folder holding nothing of the lock', async () => {
    const { dir, lock } = await lockIn();
    await writeFile(join(dir, 'unrelated.txt'), 'x');
    await writeFile(join(dir, `.y.lock.${deadPid()}.01234567.new`), '');
    expect(hasLockLeftovers(lock)).toBe(false);
  });
});

describe('isWaitableBusy', () => {
  it('is true only where waiting can help', () => {
    const busy = (reason: string) => new SkillmeatError('busy', 'Busy', { reason });
    expect([busy('held'), busy('contended'), busy('other_host'), busy('unreadable'), new SkillmeatError('io_error', 'x')].map(isWaitableBusy)).toEqual([true, true, false, false, false]);
  });
});
