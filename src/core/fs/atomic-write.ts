import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from '../lazy-crypto.js';
import { ioError } from '../errors.js';

/** Name of a temporary file beside `path`, unique to this call. Dot-prefixed so scans skip it. */
export function tempPathBeside(path: string, tag = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${tag}`);
}

/**
 * Writes `data` to `path` so that a reader (or a crash) sees either the old content or the new,
 * never a mix: temp file in the same folder, fsync, rename over the target, fsync the folder.
 * On any failure the temp file is removed and the target is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathBeside(path);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioError('write', path, error);
  }
  await syncFolder(dirname(path));
}

/** Flushes a folder's entries (a rename) to disk. Best effort: some platforms cannot open folders. */
export async function syncFolder(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory handle; the rename itself is still atomic there.
  } finally {
    await handle?.close();
  }
}
