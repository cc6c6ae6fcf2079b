// Loaded with `node --import` into a crash-harness child: counts every file-system write the
// process makes (promise, callback, sync and FileHandle APIs alike) and, when SKILLMEAT_KILL_AT=N is set,
// kills the process with SIGKILL just before the Nth one, the way a power cut or `kill -9` would.
// The count is printed on exit, so the harness learns how many kill points an operation has.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const killAt = Number(process.env.SKILLMEAT_KILL_AT ?? '0');
let writes = 0;

function beforeWrite() {
  writes++;
  if (writes === killAt) process.kill(process.pid, 'SIGKILL');
}

const HANDLE_WRITES = ['write', 'writev', 'writeFile', 'appendFile', 'truncate', 'chmod', 'chown', 'utimes', 'sync', 'datasync'];
const ALWAYS = ['writeFile', 'appendFile', 'rename', 'rm', 'rmdir', 'unlink', 'mkdir', 'copyFile', 'cp', 'symlink', 'link', 'chmod', 'utimes', 'truncate', 'write', 'writev', 'fsync', 'fdatasync'];
const opensForWrite = (flags) => typeof flags === 'string' ? /[wax+]/.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0;

function wrap(target, name, isWrite) {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function (...args) {
    if (isWrite(args)) beforeWrite();
    return original.apply(this, args);
  };
}

if (isMainThread) await instrument();

/** FileHandle is not exported: take its prototype from a handle (opened read-only, before counting starts). */
async function fileHandlePrototype() {
  const handle = await fs.promises.open(process.execPath, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle);
}

async function instrument() {
  // Writes through a handle: the lock's holder file, atomic writes' content and fsync, and so on.
  const handles = await fileHandlePrototype();
  for (const name of HANDLE_WRITES) wrap(handles, name, () => true);
  for (const name of ALWAYS) {
    wrap(fs.promises, name, () => true);
    wrap(fs, name, () => true);
    wrap(fs, `${name}Sync`, () => true);
  }
  wrap(fs.promises, 'open', (args) => opensForWrite(args[1]));
  wrap(fs, 'open', (args) => opensForWrite(args[1]));
  wrap(fs, 'openSync', (args) => opensForWrite(args[1]));
  syncBuiltinESMExports();
  process.on('exit', () => {
    process.stdout.write(`\nWRITES ${writes}\n`);
  });
}
