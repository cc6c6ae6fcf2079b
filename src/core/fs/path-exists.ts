import { lstat } from 'node:fs/promises';
import { ioError, isErrnoCode } from '../errors.js';

/**
 * True when something (a file, a folder, or a link, even a dangling one) is at `path`; false only
 * when nothing is. Any other failure (permissions, I/O) is an error, never a silent "absent".
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return false;
    throw ioError('check', path, error);
  }
}
