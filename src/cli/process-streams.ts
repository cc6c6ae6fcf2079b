import { writeSync } from 'node:fs';
import { isErrnoCode } from '../core/errors.js';

/**
 * Writes to the process's stdout (fd 1) or stderr (fd 2) directly, in order, before returning.
 *
 * Why not `process.stdout.write`: touching `process.stdout` when it is a pipe loads Node's stream
 * and socket machinery, a tenth of a short command's whole run (bench/startup-bench.js); and a
 * command's output is short and printed once, so blocking writes are what Node itself does for
 * files and terminals. A pipe the parent made non-blocking answers EAGAIN when full: then this
 * waits a millisecond for the reader and goes on, so no byte is lost or reordered.
 */
export function writeToFd(fd: 1 | 2, text: string | Uint8Array): void {
  let bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      // The reader went away (`skillmeat list | head -1`): what it did not want is not an error.
      if (isErrnoCode(error, 'EPIPE')) return;
      if (!isErrnoCode(error, 'EAGAIN')) throw error;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Pieces smaller than this are gathered before being written: one write call each would cost more than copying them. */
const GATHER_SIZE = 64 * 1024;

/** Writes `pieces` to fd 1 or 2 as writeToFd does, in order, gathering small ones into fewer writes. */
export function writePiecesToFd(fd: 1 | 2, pieces: readonly Uint8Array[]): void {
  const gathered = Buffer.allocUnsafe(GATHER_SIZE);
  let used = 0;
  for (const piece of pieces) {
    if (used + piece.length > GATHER_SIZE && used > 0) {
      writeToFd(fd, gathered.subarray(0, used));
      used = 0;
    }
    if (piece.length >= GATHER_SIZE) {
      writeToFd(fd, piece);
    } else {
      gathered.set(piece, used);
      used += piece.length;
    }
  }
  if (used > 0) writeToFd(fd, gathered.subarray(0, used));
}

/** One line (or more) on stdout. */
export function writeStdout(text: string | Uint8Array): void {
  writeToFd(1, text);
}

/** One line (or more) on stderr. */
export function writeStderr(text: string): void {
  writeToFd(2, text);
}
