// `skillmeat merge-file`: a drop-in for `git merge-file` (2.39) — its options as git's parser reads
// them, its output bytes, its exit codes (the number of conflicts, at most 127; 255 when it cannot
// merge; 129 on a usage error). Loaded on its own, before the rest of the command line, so that
// scripts calling it many times pay for nothing else: keep its imports to what merging a file needs.
import { constants as fsConstants, readFileSync, statSync } from 'node:fs';
import { access, chmod, realpath, stat } from 'node:fs/promises';
import { SkillmeatError, ioError, isErrnoCode } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import { BINARY_SNIFF_LENGTH, isBinary } from '../../core/merge/binary.js';
import { primeLineHashing } from '../../core/merge/byte-line-ids.js';
import type { MergeStyle } from '../../core/merge/line-merge.js';
import { joinPieces, mergeBytes } from '../../core/merge/merge-bytes.js';
import { writePiecesToFd, writeToFd } from '../process-streams.js';
import { terminalText } from '../terminal-text.js';
import { configuredConflictStyle } from './git-conflict-style.js';
import { mergeFileUsage, parseMergeFileArgs, type MergeFileRequest } from './merge-file-options.js';

/** git caps the conflict count at 127: above it, exit codes mean "killed by a signal". */
const MAX_CONFLICT_EXIT = 127;
/** git merge-file returns -1 on a failure it detects (a file it cannot read or write, a binary input): 255 to the shell. */
const EXIT_MERGE_FAILURE = 255;
/** git's exit code when it dies (here: on a merge.conflictStyle it does not know). */
const EXIT_FATAL = 128;

/** Runs `merge-file` with the arguments that follow it; returns the exit code git would. */
export async function runMergeFile(argv: readonly string[]): Promise<number> {
  // `git merge-file --help` shows git's manual page; the usage is ours.
  if (argv[0] === '--help') {
    await writeOut(1, mergeFileUsage());
    return 0;
  }
  const parsed = parseMergeFileArgs(argv);
  if (parsed.kind === 'exit') {
    await writeOut(1, parsed.stdout);
    await writeOut(2, escapeLines(parsed.stderr));
    return parsed.code;
  }
  const request = parsed.request;
  let style = request.style;
  if (style === undefined) {
    const configured = await configuredConflictStyle(process.cwd(), process.env);
    if (configured.kind === 'fatal') {
      await writeOut(2, escapeLines(configured.message));
      return EXIT_FATAL;
    }
    style = configured.style;
  }
  try {
    return await mergeFile(request, style ?? 'merge');
  } catch (error) {
    if (!(error instanceof SkillmeatError)) throw error;
    // -q: git has sent its stderr to /dev/null by now, so its error messages go unseen.
    if (!request.quiet) await writeOut(2, `error: ${terminalText(error.message)}\n`);
    return EXIT_MERGE_FAILURE;
  }
}

/** Merges the three files of `request` in `style`; returns the exit code (conflict count, capped). */
async function mergeFile(request: MergeFileRequest, style: MergeStyle): Promise<number> {
  const [current, base, other] = request.paths;
  // A large merge has V8 compile its hottest loop while the files are read.
  if (totalSize(request.paths) >= LARGE_MERGE_BYTES) primeLineHashing();
  // In git's order: each file is read, then checked, before the next one is read.
  const contents: Uint8Array[] = [];
  for (const path of request.paths) contents.push(checkMergeable(path, await readInput(path)));
  const labels = [request.labels[0] ?? current, request.labels[1] ?? base, request.labels[2] ?? other] as const;
  const merged = mergeBytes(contents[1]!, contents[0]!, contents[2]!, {
    labels,
    style,
    // git: a marker size of 0 or less (--no-marker-size) means the default.
    ...(request.markerSize > 0 ? { markerSize: request.markerSize } : {}),
    ...(request.favor ? { favor: request.favor } : {}),
  });
  if (request.stdout) writeStdout(merged.pieces);
  else await writeInPlace(current, joinPieces(merged.pieces));
  return Math.min(merged.conflicts, MAX_CONFLICT_EXIT);
}

/** Inputs this large (together) make a merge worth priming for (primeLineHashing): ~1 MiB, some 25,000 lines. */
const LARGE_MERGE_BYTES = 1 << 20;

/** The inputs' sizes together, as far as they can be told (reading them reports any error, in git's order). */
function totalSize(paths: readonly string[]): number {
  let total = 0;
  for (const path of paths) {
    try {
      total += statSync(path).size;
    } catch {
      // Missing or unreadable: readInput says so, in its turn.
    }
  }
  return total;
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    // In one call: a whole-process command waits for its inputs anyway, and the thread pool's
    // round trips (one per 512 KiB) cost a 50,000-line merge a fifth of its time.
    return readFileSync(path);
  } catch (error) {
    // git's words first ("Could not stat"), then what to do.
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `Could not stat ${path}: No such file or directory. Check the path and try again.`, { path });
    throw ioError('read', path, error);
  }
}

function checkMergeable(path: string, bytes: Uint8Array): Uint8Array {
  if (isBinary(bytes)) {
    throw new SkillmeatError('invalid_input', `Cannot merge binary files: ${path} has a NUL byte in its first ${BINARY_SNIFF_LENGTH} bytes. Choose one version instead.`, { path });
  }
  return bytes;
}

/**
 * Replaces CURRENT atomically. Like git, which rewrites the file it opened, a link is written
 * through to its target, the file keeps its permissions (a merged script stays executable), and a
 * file git could not open for writing is refused.
 */
async function writeInPlace(path: string, bytes: Uint8Array): Promise<void> {
  let target: string;
  let mode: number;
  try {
    target = await realpath(path);
    mode = (await stat(target)).mode & 0o7777;
    await access(target, fsConstants.W_OK);
  } catch (error) {
    throw ioError('write', path, error);
  }
  await writeFileAtomic(target, bytes);
  try {
    if (((await stat(target)).mode & 0o7777) !== mode) await chmod(target, mode);
  } catch (error) {
    throw ioError('restore the permissions of', path, error);
  }
}

function writeStdout(pieces: readonly Uint8Array[]): void {
  try {
    writePiecesToFd(1, pieces);
  } catch (error) {
    throw ioError('write', 'standard output', error);
  }
}

/** Written straight to the file descriptor (process-streams.ts: no stream machinery to load). */
async function writeOut(fd: 1 | 2, data: string | Uint8Array): Promise<void> {
  if (data.length === 0) return;
  writeToFd(fd, data);
}

/** Messages may quote arguments: each line is made safe for a terminal, the line breaks kept. */
function escapeLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}
