/**
 * Durability in one batch (issue 9, item 7; git's `core.fsyncMethod=batch`): files that only matter
 * once a commit point names them — staged copies, content-addressed blobs — are written without an
 * fsync each, and made durable together just before that commit point. A first deploy of a
 * 20,000-file skill spent most of its time in 40,000 fsyncs; one file-system sync does the same
 * work once. A blob torn by a power cut before its batch was flushed is caught by its hash.
 */
import { ioError } from '../errors.js';

/**
 * Makes every write so far to the file systems holding `paths` durable, off the event loop. On
 * Linux one `sync -f` (syncfs(2) of each file system) covers them all; on macOS and the BSDs
 * `sync` flushes every file system. Windows has neither: there NTFS's journal keeps renames atomic,
 * and a file a power cut tears is caught by the hash checks (docs/crash-safety.md).
 */
export async function flushFileSystems(paths: readonly string[]): Promise<void> {
  const roots = [...new Set(paths)];
  if (roots.length === 0 || process.platform === 'win32') return;
  const args = process.platform === 'linux' ? ['-f', ...roots] : [];
  // Loaded here, not at start-up: a command that writes nothing never needs child processes.
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    execFile('sync', args, (error) => (error ? reject(ioError('make durable the files written under', roots.join(', '), error)) : resolve()));
  });
}
