import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ArtifactKind } from '../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../core/errors.js';
import { readFileMap, type FileMap } from '../core/merge/file-map.js';
import type { MergeOutcome, TreeMergeResult } from '../core/merge/tree-merge.js';
import { EXIT_NEEDS_ACTION, EXIT_OK } from './exit-codes.js';
import { columns, processOutput } from './output.js';

/** One row of the `diff three-way --json` document. */
interface DecisionRow {
  readonly path: string;
  readonly outcome: MergeOutcome;
  readonly conflict_kind?: string;
  readonly hunks?: number;
}

/** Adds `merge-file` and `diff three-way` (cli.md); `setExitCode` records each run's exit code. */
export function registerMergeCommands(program: Command, setExitCode: (code: number) => void): { readonly diff: Command } {
  // Usually `skillmeat merge-file …` goes straight to runMergeFile (main.ts); this is the way in after
  // global options (`skillmeat --home X merge-file …`). The arguments go to git's parser untouched.
  program
    .command('merge-file')
    .description('merge one file three ways, with the options, output and exit codes of `git merge-file` (run `skillmeat merge-file -h`)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[arguments...]')
    .action(async (_args: unknown, _options: unknown, command: Command) => {
      const { runMergeFile } = await import('./merge-file/run-merge-file.js');
      setExitCode(await runMergeFile(argumentsAfter(command)));
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
      const { mergeTrees } = await import('../core/merge/tree-merge.js');
      const result = mergeTrees({ base: baseMap, local: localMap!, remote: remoteMap! });
      const rows = decisionRows(result);
      processOutput(json).result({ clean: result.clean, conflicts: result.conflicts.length, decisions: rows }, () =>
        rows.length === 0 ? ['No files in any of the three.'] : columns(rows.map((row) => [row.outcome, row.path === '' ? local : row.path, conflictNote(row)]), ''),
      );
      setExitCode(result.clean ? EXIT_OK : EXIT_NEEDS_ACTION);
    });
  return { diff };
}

/**
 * The arguments that follow `command`'s name on the command line, exactly as typed. commander has
 * taken the program's own options out of them, and a `--`, which git's parser must see: so they are
 * read again from the raw arguments, past the program's options (and their values) up to the
 * command's name, which is the first argument that is not one of them.
 */
function argumentsAfter(command: Command): string[] {
  const program = command.parent!;
  // commander keeps the arguments it was given as rawArgs, which its typings leave out.
  const raw = (program as Command & { readonly rawArgs: readonly string[] }).rawArgs;
  for (let i = 0; i < raw.length; i++) {
    const arg = raw[i]!;
    if (arg === command.name()) return raw.slice(i + 1);
    const option = arg.startsWith('--') ? program.options.find((o) => o.long === arg) : program.options.find((o) => o.short === arg);
    // An option given as `--home=X` or `-cX` holds its value; `--home X` takes the next argument.
    if (option?.required === true) i++;
  }
  return [];
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
