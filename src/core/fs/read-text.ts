import { readFileSync } from 'node:fs';
import { ioError, isErrnoCode } from '../errors.js';

/**
 * A small file's text (UTF-8); undefined when it does not exist. Synchronous on purpose: these are
 * record files of a few kilobytes, and a drift round reads one per project; through the thread pool
 * each read cost ~2 ms of waiting against ~20 µs here.
 */
export function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('read', path, error);
  }
}
