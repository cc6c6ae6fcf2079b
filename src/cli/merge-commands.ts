import { chmod, readFile, realpath, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ArtifactKind } from '../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs/atomic-write.js';
import { BINARY_SNIFF_LENGTH, isBinary } from '../core/merge/binary.js';
import { readFileMap, type FileMap } from '../core/merge/file-map.js';
import { mergeBytes } from '../core/merge/merge-bytes.js';
import { mergeTrees, type MergeOutcome, type TreeMergeResult } from '../core/merge/tree-merge.js';
import { EXIT_NEEDS_ACTION, EXIT_OK } from './exit-codes.js';
import { columns, printMessage, processOutput } from './output.js';

/**
 * `git merge-file` exits -1 on a failure it detects (a file it cannot read or write, a binary
 * input), which the shell sees as 255; cli.md allows "negative/2". We keep git's 255 so that scripts
 * written for git work unchanged. Usage errors (commander) and bugs still exit 2, like every command.
 */
const EXIT_MERGE_FILE_FAILURE = 255;
/** git caps the conflict count at 127: above it, exit codes mean "killed by a signal". */
const MAX_CONFLICT_EXIT = 127;

interface MergeFileOptions {
  readonly stdout?: boolean;
  readonly diff3?: boolean;
  readonly L: readonly string[];
}

/** One row of the `diff three-way --json` document. */
interface DecisionRow {
  readonly path: string;
  readonly outcome: MergeOutcome;
  readonly conflict_kind?: string;
  readonly hunks?: number;
}

/** Adds `merge-file` and `diff three-way` (cli.md); `setExitCode` records each run's exit code. */
export function registerMergeCommands(program: Command, setExitCode: (code: number) => void): { readonly diff: Command } {
  program
    .command('merge-file')
    .description('merge one file three ways, with the arguments, output and exit code of `git merge-file`')
    .argument('<current>', 'your version; the merge is written here unless -p is given')
    .argument('<base>', 'the common ancestor')
    .argument('<other>', 'the version to merge in')
    .option('-p, --stdout', 'print the result on stdout instead of writing CURRENT')
    .option('--diff3', 'show the base lines inside each conflict')
    .option('-L <label>', 'conflict label for current, base, other in turn (up to three times; default: the file names)', collectLabel, [])
    .action(async (current: string, base: string, other: string, options: MergeFileOptions, command: Command) => {
      if (options.L.length > 3) command.error('error: too many labels (-L) on the command line: give at most three (current, base, other).');
      try {
        setExitCode(await mergeFile([current, base, other], options));
      } catch (error) {
        if (!(error instanceof SkillmeatError)) throw error;
        printMessage(error.message);
        setExitCode(EXIT_MERGE_FILE_FAILURE);
      }
    });

  const diff = program.command('diff').description('compare versions of an artifact');
  diff
    .command('three-way')
    .description('file-level three-way table of three folders (or three files); exit 1 when any file conflicts')
    .argument('<base>', 'the common ancestor')
    .argument('<local>', 'the project side')
    .argument('<remote>', 'the collection side')
    .action(async (base: string, local: string, remote: string, _options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      const kind = await kindOfAll([base, local, remote]);
      const [baseMap, localMap, remoteMap] = await Promise.all([base, local, remote].map((path) => readTree(path, kind)));
      const result = mergeTrees({ base: baseMap, local: localMap!, remote: remoteMap! });
      const rows = decisionRows(result);
      processOutput(json).result({ clean: result.clean, conflicts: result.conflicts.length, decisions: rows }, () =>
        rows.length === 0 ? ['No files in any of the three.'] : columns(rows.map((row) => [row.outcome, row.path === '' ? local : row.path, conflictNote(row)]), ''),
      );
      setExitCode(result.clean ? EXIT_OK : EXIT_NEEDS_ACTION);
    });
  return { diff };
}

/** Merges [current, base, other] as git merge-file does; returns the exit code (conflict count, capped). */
async function mergeFile(paths: readonly [string, string, string], options: MergeFileOptions): Promise<number> {
  const [current, base, other] = paths;
  // In git's order: each file is read, then checked, before the next one is read.
  const contents: Uint8Array[] = [];
  for (const path of paths) {
    const bytes = await readInput(path);
    if (isBinary(bytes)) {
      throw new SkillmeatError('invalid_input', `Cannot merge binary files: ${path} has a NUL byte in its first ${BINARY_SNIFF_LENGTH} bytes. Choose one version instead.`, { path });
    }
    contents.push(bytes);
  }
  const labels = [options.L[0] ?? current, options.L[1] ?? base, options.L[2] ?? other] as const;
  const merged = mergeBytes(contents[1]!, contents[0]!, contents[2]!, { labels, style: options.diff3 ? 'diff3' : 'merge' });
  if (options.stdout) await writeStdout(merged.bytes);
  else await writeInPlace(current, merged.bytes);
  return Math.min(merged.conflicts, MAX_CONFLICT_EXIT);
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `Could not read ${path}: there is no such file. Check the path and try again.`, { path });
    throw ioError('read', path, error);
  }
}

/**
 * Replaces CURRENT atomically. Like git, which rewrites the file it opened, a link is written
 * through to its target and the file keeps its permissions (a merged script stays executable).
 */
async function writeInPlace(path: string, bytes: Uint8Array): Promise<void> {
  let target: string;
  let mode: number;
  try {
    target = await realpath(path);
    mode = (await stat(target)).mode & 0o7777;
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

function writeStdout(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}

function collectLabel(label: string, previous: readonly string[]): readonly string[] {
  return [...previous, label];
}

/** The kind shared by three paths that must all exist: three folders, or three files. */
async function kindOfAll(paths: readonly string[]): Promise<ArtifactKind> {
  const kinds = await Promise.all(paths.map(kindOf));
  if (kinds.some((kind) => kind !== kinds[0])) {
    throw new SkillmeatError('invalid_input', `Give three folders or three files to compare, not a mix: ${paths.map((p, i) => `${p} is a ${kinds[i]}`).join(', ')}.`, { paths });
  }
  return kinds[0]!;
}

async function kindOf(path: string): Promise<ArtifactKind> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) return 'folder';
    if (stats.isFile()) return 'file';
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `${path} does not exist. Give three existing folders (or files): BASE LOCAL REMOTE.`, { path });
    throw ioError('read', path, error);
  }
  throw new SkillmeatError('invalid_input', `${path} is neither a file nor a folder. Give three folders (or files): BASE LOCAL REMOTE.`, { path });
}

async function readTree(path: string, kind: ArtifactKind): Promise<FileMap> {
  // Skip links that leave the folder, as hashing does: diff then shows exactly what drift measured.
  const map = await readFileMap(path, kind, 'skip');
  if (map === undefined) throw new SkillmeatError('not_found', `${path} disappeared while it was being read. Try again.`, { path });
  return map;
}

function decisionRows(result: TreeMergeResult): DecisionRow[] {
  const conflicts = new Map(result.conflicts.map((conflict) => [conflict.path, conflict]));
  return result.decisions.map(({ path, outcome }) => {
    const conflict = conflicts.get(path);
    if (conflict === undefined) return { path, outcome };
    return { path, outcome, conflict_kind: conflict.kind, ...(conflict.kind === 'content' ? { hunks: conflict.count } : {}) };
  });
}

function conflictNote(row: DecisionRow): string {
  if (row.conflict_kind === undefined) return '';
  return row.hunks !== undefined ? `(${row.conflict_kind}, ${row.hunks} hunk${row.hunks === 1 ? '' : 's'})` : `(${row.conflict_kind})`;
}
