// The options of `git merge-file` 2.39 (builtin/merge-file.c), in its order, with its help texts,
// and what each one sets. Options sharing a setting share it as in git, where each writes one
// variable: the last of --diff3 / --zdiff3 / their --no- forms decides the style, the last of
// --ours / --theirs / --union / their --no- forms the side favored (a --no- form: none).
import type { MergeStyle } from '../../core/merge/line-merge.js';
import type { MergeFavor } from '../../core/merge/merge-output.js';
import { EXIT_USAGE, parseOptions, usageText, type OptionSpec } from './parse-options.js';

/** What one `merge-file` command line asks for. */
export interface MergeFileRequest {
  /** CURRENT, BASE and OTHER, as given. */
  readonly paths: readonly [string, string, string];
  /** The -L labels, in order (at most three); the file names stand in for the missing ones. */
  readonly labels: readonly string[];
  readonly stdout: boolean;
  /** Undefined when no style option was given: then merge.conflictStyle decides, as in git. */
  readonly style: MergeStyle | undefined;
  readonly favor: MergeFavor | undefined;
  /** As git reads it: 0 or less means the default size. */
  readonly markerSize: number;
  /** Print no error messages (git sends its stderr to /dev/null once the options are read). */
  readonly quiet: boolean;
}

export type MergeFileArgs =
  | { readonly kind: 'request'; readonly request: MergeFileRequest }
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string };

const USAGE = ['skillmeat merge-file [<options>] [-L <name1> [-L <orig> [-L <name2>]]] <file1> <orig-file> <file2>'];
const MAX_LABELS = 3;

/** The settings the options write, starting from git's defaults. */
interface Settings {
  stdout: boolean;
  style: MergeStyle | undefined;
  favor: MergeFavor | undefined;
  markerSize: number;
  quiet: number;
  labels: string[];
}

/** Reads a `merge-file` command line (the arguments after `merge-file`) as git does. */
export function parseMergeFileArgs(argv: readonly string[]): MergeFileArgs {
  const settings: Settings = { stdout: false, style: undefined, favor: undefined, markerSize: 0, quiet: 0, labels: [] };
  const options = optionTable(settings);
  const parsed = parseOptions(argv, options, USAGE);
  if (parsed.kind === 'exit') return parsed;
  if (parsed.args.length !== 3) return { kind: 'exit', code: EXIT_USAGE, stdout: '', stderr: usageText(USAGE, options) };
  const [current, base, other] = parsed.args as [string, string, string];
  const { stdout, style, favor, markerSize, quiet, labels } = settings;
  return { kind: 'request', request: { paths: [current, base, other], labels, stdout, style, favor, markerSize, quiet: quiet > 0 } };
}

/** The usage text, as `-h` prints it. */
export function mergeFileUsage(): string {
  return usageText(USAGE, optionTable({ stdout: false, style: undefined, favor: undefined, markerSize: 0, quiet: 0, labels: [] }));
}

function optionTable(settings: Settings): OptionSpec[] {
  const style = (chosen: MergeStyle): OptionSpec['apply'] => ({ unset }) => {
    settings.style = unset ? 'merge' : chosen;
    return undefined;
  };
  const favor = (chosen: MergeFavor): OptionSpec['apply'] => ({ unset }) => {
    settings.favor = unset ? undefined : chosen;
    return undefined;
  };
  return [
    {
      short: 'p',
      long: 'stdout',
      help: 'send results to standard output',
      apply: ({ unset }) => {
        settings.stdout = !unset;
        return undefined;
      },
    },
    { long: 'diff3', help: 'use a diff3 based merge', apply: style('diff3') },
    { long: 'zdiff3', help: 'use a zealous diff3 based merge', apply: style('zdiff3') },
    { long: 'ours', help: 'for conflicts, use our version', apply: favor('ours') },
    { long: 'theirs', help: 'for conflicts, use their version', apply: favor('theirs') },
    { long: 'union', help: 'for conflicts, use a union version', apply: favor('union') },
    {
      long: 'marker-size',
      argument: 'n',
      numeric: true,
      help: 'for conflicts, use this marker size',
      apply: (use) => {
        settings.markerSize = use.unset ? 0 : Number(use.value);
        return undefined;
      },
    },
    {
      // git's help text; what -q silences is error messages: git prints no warning about conflicts.
      short: 'q',
      long: 'quiet',
      help: 'do not warn about conflicts',
      apply: ({ unset }) => {
        settings.quiet = unset ? 0 : settings.quiet + 1;
        return undefined;
      },
    },
    {
      short: 'L',
      argument: 'name',
      help: 'set labels for file1/orig-file/file2',
      apply: (use) => {
        if (settings.labels.length >= MAX_LABELS) return 'too many labels on the command line';
        if (!use.unset) settings.labels.push(String(use.value));
        return undefined;
      },
    },
  ];
}
