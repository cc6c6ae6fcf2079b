// git's command-line option parser (parse-options.c of git 2.39), for commands that must take
// their arguments exactly as a git command does: short options bundled (`-pq`) and given their
// value in the same argument or the next (`-Lname`, `-L name`), long options with `=value` or the
// next argument, unique prefixes of long options (`--std` for `--stdout`), `--no-` negations
// (themselves abbreviable: `--no-st`), `--` and `--end-of-options`, options anywhere among the
// arguments, and git's messages and exit codes for help and mistakes. Pure: arguments in, parsed
// arguments or what to print out; only the features git's merge-file uses (no subcommands, no
// aliases, no numeric `-NUM` options, no dashless options).

/** One option of a command, as git declares it in its `struct option` table. */
export interface OptionSpec {
  /** The one-character name (`p` for `-p`). */
  readonly short?: string;
  /** The long name (`stdout` for `--stdout`). */
  readonly long?: string;
  /** The value's name in the usage text (`n` prints `--marker-size <n>`); absent: the option takes no value. */
  readonly argument?: string;
  /** The value must be a whole number (git's OPT_INTEGER): parsed as C's strtol reads it, into an int. */
  readonly numeric?: boolean;
  /** The option has no `--no-` form (PARSE_OPT_NONEG). */
  readonly noNegation?: boolean;
  readonly help: string;
  /**
   * Records the option. `unset` is true for the `--no-` form, which carries no value; `value` is the
   * option's value, if it takes one (a number for a numeric option). Returns an error message to
   * refuse it (git then stops with that message and exit code 129).
   */
  readonly apply: (use: OptionUse) => string | undefined;
}

export type OptionUse =
  | { readonly unset: true }
  | { readonly unset: false; readonly value?: string | number };

/** What parsing came to: the arguments that are not options, or text to print and an exit code. */
export type ParseOutcome =
  | { readonly kind: 'parsed'; readonly args: readonly string[] }
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string };

/** git exits with 129 on a usage error and after printing help. */
export const EXIT_USAGE = 129;

const UNSET = 1;
const SHORT = 2;

/** Parses `argv` (the arguments after the command's name) as git's parse_options() does with no flags. */
export function parseOptions(argv: readonly string[], options: readonly OptionSpec[], usageLines: readonly string[]): ParseOutcome {
  return new OptionParser(argv, options, usageLines).parse();
}

/** The usage text git prints for `-h`: the usage lines, then one line per option, aligned. */
export function usageText(usageLines: readonly string[], options: readonly OptionSpec[]): string {
  const width = 24; // git's USAGE_OPTS_WIDTH
  const gap = 2; // git's USAGE_GAP
  const lines = usageLines.map((line, i) => `${i === 0 ? 'usage: ' : '   or: '}${line}\n`);
  lines.push('\n');
  for (const option of options) {
    let head = '    ';
    if (option.short !== undefined) head += `-${option.short}`;
    if (option.short !== undefined && option.long !== undefined) head += ', ';
    if (option.long !== undefined) head += `--${option.long}`;
    if (option.argument !== undefined) head += ` <${option.argument}>`;
    const pad = head.length <= width ? width - head.length : width;
    lines.push(`${head}${head.length <= width ? '' : '\n'}${' '.repeat(pad + gap)}${option.help}\n`);
  }
  lines.push('\n');
  return lines.join('');
}

/** Thrown inside the parser to stop with output and an exit code, as git's exit() and die() do. */
class ParseExit {
  constructor(
    readonly code: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {}
}

class OptionParser {
  /** The next argument to read. */
  private next = 0;
  /** The rest of the argument being read: the bundled short options still to parse, or a long option's `=value`. */
  private pending: string | null = null;
  private readonly positional: string[] = [];

  constructor(
    private readonly argv: readonly string[],
    private readonly options: readonly OptionSpec[],
    private readonly usageLines: readonly string[],
  ) {}

  parse(): ParseOutcome {
    try {
      this.parseAll();
      return { kind: 'parsed', args: this.positional };
    } catch (error) {
      if (!(error instanceof ParseExit)) throw error;
      return { kind: 'exit', code: error.code, stdout: error.stdout, stderr: error.stderr };
    }
  }

  private parseAll(): void {
    const alone = this.argv.length === 1;
    while (this.next < this.argv.length) {
      const arg = this.argv[this.next++]!;
      this.pending = null;
      if (!arg.startsWith('-') || arg === '-') {
        this.positional.push(arg);
        continue;
      }
      if (alone && arg === '-h') throw this.help();
      if (alone && (arg === '--git-completion-helper' || arg === '--git-completion-helper-all')) {
        throw new ParseExit(0, completionWords(this.options), '');
      }
      if (arg[1] !== '-') {
        this.parseShortCluster(arg);
        continue;
      }
      if (arg === '--' || arg === '--end-of-options') {
        this.positional.push(...this.argv.slice(this.next));
        return;
      }
      if (arg === '--help' || arg === '--help-all') throw this.help();
      this.parseLong(arg.slice(2));
    }
  }

  /** `-abc`: each letter an option, until one takes the rest of the argument (or the next) as its value. */
  private parseShortCluster(arg: string): void {
    this.pending = arg.slice(1);
    if (!this.parseShort()) {
      this.checkTypos(arg.slice(1));
      if (this.pending.startsWith('h')) throw this.help();
      throw this.unknownShort(arg, this.pending);
    }
    if (this.pending !== null) this.checkTypos(arg.slice(1));
    while (this.pending !== null) {
      if (!this.parseShort()) {
        if (this.pending.startsWith('h')) throw this.help();
        // git reports the rest of the bundle as if it were an argument of its own.
        throw this.unknownShort(`-${this.pending}`, this.pending);
      }
    }
  }

  /** Parses the short option `pending` starts with; false when there is no such option. */
  private parseShort(): boolean {
    const pending = this.pending!;
    const letter = pending[0];
    const option = this.options.find((o) => o.short === letter);
    if (option === undefined) return false;
    this.pending = pending.length > 1 ? pending.slice(1) : null;
    this.getValue(option, SHORT);
    return true;
  }

  /**
   * `--name[=value]`, `--no-name`, or an unambiguous prefix of either: git's parse_long_opt, step
   * for step, so that the same prefixes are taken, refused as ambiguous, or unknown.
   */
  private parseLong(arg: string): void {
    const eq = arg.indexOf('=');
    const argEnd = eq === -1 ? arg.length : eq;
    let abbreviated: OptionSpec | undefined;
    let abbreviatedFlags = 0;
    let ambiguous: OptionSpec | undefined;
    let ambiguousFlags = 0;
    const noteAbbreviation = (option: OptionSpec, flags: number, nameFlags: number): void => {
      if (abbreviated !== undefined) {
        ambiguous = abbreviated;
        ambiguousFlags = abbreviatedFlags;
      }
      if (!(flags & UNSET) && argEnd < arg.length) this.pending = arg.slice(argEnd + 1);
      abbreviated = option;
      abbreviatedFlags = flags ^ nameFlags;
    };

    for (const option of this.options) {
      if (option.long === undefined) continue;
      let longName = option.long;
      let flags = 0;
      // An option whose own name starts with "no-" is matched, negated, by the name without it.
      let nameFlags = 0;
      for (;;) {
        let rest = arg.startsWith(longName) ? arg.slice(longName.length) : null;
        if (rest === null) {
          if (longName.startsWith(arg.slice(0, argEnd))) {
            noteAbbreviation(option, flags, nameFlags);
            break;
          }
          if (option.noNegation) break;
          // "--n", "--no", "--no-": a prefix of the negation of every option.
          if ('no-'.startsWith(arg)) {
            noteAbbreviation(option, flags | UNSET, nameFlags);
            break;
          }
          if (!arg.startsWith('no-')) {
            if (longName.startsWith('no-')) {
              longName = longName.slice(3);
              nameFlags |= UNSET;
              continue;
            }
            break;
          }
          flags |= UNSET;
          const negated = arg.slice(3);
          rest = negated.startsWith(longName) ? negated.slice(longName.length) : null;
          if (rest === null) {
            if (longName.startsWith(negated)) noteAbbreviation(option, flags, nameFlags);
            break;
          }
        }
        if (rest !== '') {
          if (!rest.startsWith('=')) break;
          this.pending = rest.slice(1);
        }
        this.getValue(option, flags ^ nameFlags);
        return;
      }
    }

    if (ambiguous !== undefined && abbreviated !== undefined) {
      const no = (flags: number): string => (flags & UNSET ? 'no-' : '');
      const message = `error: ambiguous option: ${arg} (could be --${no(ambiguousFlags)}${ambiguous.long} or --${no(abbreviatedFlags)}${abbreviated.long})\n`;
      // git prints the usage on stdout here, as for -h.
      throw new ParseExit(EXIT_USAGE, this.usage(), message);
    }
    if (abbreviated !== undefined) {
      this.getValue(abbreviated, abbreviatedFlags);
      return;
    }
    throw new ParseExit(EXIT_USAGE, '', `error: unknown option \`${arg}'\n${this.usage()}`);
  }

  /** Gives the option its value (git's get_value): checks the form, takes the value, applies it. */
  private getValue(option: OptionSpec, flags: number): void {
    const name = optionName(option, flags);
    const unset = (flags & UNSET) !== 0;
    if (unset && this.pending !== null) throw this.error(`${name} takes no value`);
    if (unset && option.noNegation) throw this.error(`${name} isn't available`);
    if (!(flags & SHORT) && this.pending !== null && option.argument === undefined) throw this.error(`${name} takes no value`);

    let use: OptionUse;
    if (unset) use = { unset: true };
    else if (option.argument === undefined) use = { unset: false };
    else {
      const value = this.takeValue(name);
      if (!option.numeric) use = { unset: false, value };
      else {
        const number = strtolInt(value);
        if (number === undefined) throw this.error(`${name} expects a numerical value`);
        use = { unset: false, value: number };
      }
    }
    const refusal = option.apply(use);
    if (refusal !== undefined) throw this.error(refusal);
  }

  /** An option's value: the rest of this argument, or else the next argument, whatever it looks like. */
  private takeValue(name: string): string {
    if (this.pending !== null) {
      const value = this.pending;
      this.pending = null;
      return value;
    }
    if (this.next < this.argv.length) return this.argv[this.next++]!;
    throw this.error(`${name} requires a value`);
  }

  /** `-stdout` for `--stdout`: git refuses a single-dash word that looks like a long option. */
  private checkTypos(word: string): void {
    if (word.length < 3) return;
    if (word.startsWith('no-') || this.options.some((o) => o.long?.startsWith(word))) {
      throw this.error(`did you mean \`--${word}\` (with two dashes)?`);
    }
  }

  private unknownShort(arg: string, pending: string): ParseExit {
    let message: string;
    if (arg[1] === '-') message = `unknown option \`${arg.slice(2)}'`;
    else if (pending.charCodeAt(0) < 0x80) message = `unknown switch \`${pending[0]}'`;
    else message = `unknown non-ascii option in string: \`${arg}'`;
    return new ParseExit(EXIT_USAGE, '', `error: ${message}\n${this.usage()}`);
  }

  private error(message: string): ParseExit {
    return new ParseExit(EXIT_USAGE, '', `error: ${message}\n`);
  }

  private help(): ParseExit {
    return new ParseExit(EXIT_USAGE, this.usage(), '');
  }

  private usage(): string {
    return usageText(this.usageLines, this.options);
  }
}

/** How git names an option in its messages. */
function optionName(option: OptionSpec, flags: number): string {
  if (flags & SHORT) return `switch \`${option.short}'`;
  if (flags & UNSET) return `option \`no-${option.long}'`;
  return `option \`${option.long}'`;
}

/**
 * The int git reads from a numeric option's value: C's strtol (leading white space, a sign,
 * decimal digits, nothing after them; clamped to 64 bits) cast to a 32-bit int, as git does.
 * Undefined when git refuses the value.
 */
export function strtolInt(text: string): number | undefined {
  const match = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(text);
  if (match === null) return undefined;
  const long = clamp(BigInt(`${match[1]}${match[2]}`), -(2n ** 63n), 2n ** 63n - 1n);
  return Number(BigInt.asIntN(32, long));
}

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}

/** git's answer to `--git-completion-helper`: every long option, then their negations. */
function completionWords(options: readonly OptionSpec[]): string {
  const words = options.filter((o) => o.long !== undefined).map((o) => `--${o.long}${o.argument !== undefined ? '=' : ''}`);
  const negations: string[] = [];
  for (const option of options) {
    if (option.long === undefined || option.noNegation) continue;
    // git separates the first negation from the others with "--" (show_negated_gitcomp).
    if (negations.length === 1) negations.push('--');
    negations.push(`--no-${option.long}`);
  }
  return `${[...words, ...negations].join(' ')}\n`;
}
