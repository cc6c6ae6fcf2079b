// A lock-hammer child: takes the write lock at `lockPath` `times` times with the real (built)
// withWriteLock, retrying at once on "busy". Inside, it creates a marker file exclusively — which
// fails if another holder is inside too — and checks the marker is still its own before removing it.
// Every `abandonEvery`-th time it leaves as a killed holder would: its lock file replaced by one of a
// dead process, which the others must then take over (racing each other to do it).
// Prints one JSON line: { acquired, abandoned, busy, overlaps, errors }.
// Usage: node lock-hammer-child.js <lockPath> <markerPath> <times> [abandonEvery]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';

// SKILLMEAT_WRITE_LOCK_MODULE runs another build instead (to compare with an older one).
const WRITE_LOCK = process.env['SKILLMEAT_WRITE_LOCK_MODULE'] ?? '../../dist/core/locks/write-lock.js';
const { withWriteLock } = await import(WRITE_LOCK);
const [lockPath, marker, times, abandonEvery = '0'] = process.argv.slice(2);
const me = `${process.pid}`;
const figures = { acquired: 0, abandoned: 0, busy: 0, overlaps: 0, errors: [] };
const deadPid = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

/** Replaces our lock with a whole one of a dead process: what a holder killed inside leaves. */
async function abandon() {
  const stale = JSON.stringify({ pid: deadPid, host: hostname(), token: randomBytes(16).toString('hex'), operation: 'abandoned', since: new Date().toISOString() });
  const temp = `${lockPath}.${process.pid}.abandon`;
  await writeFile(temp, stale);
  await rename(temp, lockPath);
  figures.abandoned++;
}

async function inside() {
  let handle;
  try {
    handle = await open(marker, 'wx');
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    figures.overlaps++; // someone else is inside
    return;
  }
  await handle.writeFile(me);
  await handle.close();
  // Give any intruder a chance to arrive while we are inside: a few round trips to the file system.
  for (let i = 0; i < 3; i++) {
    if ((await readFile(marker, 'utf8').catch(() => '')) !== me) {
      figures.overlaps++;
      return;
    }
  }
  await rm(marker);
  if (Number(abandonEvery) > 0 && (figures.acquired + 1) % Number(abandonEvery) === 0) await abandon();
}

// A lock that stays busy this many tries in a row is stuck (an older build could leave one naming a
// live process that no longer holds it): reported, so the run ends instead of spinning for ever.
const STUCK = 200_000;
let busyInARow = 0;
while (figures.acquired < Number(times) && figures.errors.length < 20) {
  try {
    await withWriteLock(lockPath, 'hammer', inside);
    figures.acquired++;
    busyInARow = 0;
  } catch (error) {
    if (error.code !== 'busy' || (error.details?.reason ?? 'held') === 'unreadable') figures.errors.push(String(error.message ?? error));
    else if (++busyInARow === STUCK) figures.errors.push(`stuck: busy ${STUCK} times in a row (${error.message})`);
    else figures.busy++;
  }
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
