// Loaded with `node --import` into a stress child: watches every write lock the process takes
// (a `*.lock` file linked into place) and releases (its unlink by the holder), and records, in a
// folder all children share (SKILLMEAT_LOCK_PROBE), a marker per held lock created exclusively: a
// marker already there means another process holds the same lock at the same time — an overlap.
// Unlinking a `*.lock` this process does not hold is a takeover. Figures go to <probe>/<pid>.json on exit.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const probe = process.env['SKILLMEAT_LOCK_PROBE'];
const figures = { acquisitions: 0, overlaps: 0, takeovers: 0, overlapped: [] };
const held = new Set();
const isLock = (path) => typeof path === 'string' && path.endsWith('.lock');
const markerOf = (lockPath) => join(probe, `${createHash('sha1').update(lockPath).digest('hex')}.held`);

function acquired(lockPath) {
  figures.acquisitions++;
  held.add(lockPath);
  try {
    fs.writeFileSync(markerOf(lockPath), `${process.pid} ${lockPath}`, { flag: 'wx' });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    figures.overlaps++;
    if (figures.overlapped.length < 10) figures.overlapped.push(lockPath);
  }
}

function releasing(lockPath) {
  if (!held.delete(lockPath)) {
    figures.takeovers++;
    return;
  }
  // Only our own marker: after an overlap the marker is the other holder's.
  const marker = markerOf(lockPath);
  if (fs.readFileSync(marker, 'utf8').startsWith(`${process.pid} `)) fs.unlinkSync(marker);
}

if (probe) {
  const { link, unlink, copyFile } = fs.promises;
  fs.promises.link = async (from, to) => {
    await link(from, to);
    if (isLock(to)) acquired(to);
  };
  fs.promises.copyFile = async (from, to, mode) => {
    await copyFile(from, to, mode);
    if (isLock(to)) acquired(to);
  };
  fs.promises.unlink = async (path) => {
    if (isLock(path)) releasing(path);
    await unlink(path);
  };
  syncBuiltinESMExports();
  process.on('exit', () => fs.writeFileSync(join(probe, `${process.pid}.json`), JSON.stringify(figures)));
}
