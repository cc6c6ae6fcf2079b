import { SkillmeatError } from '../core/errors.js';
import { EXIT_FAILURE } from './exit-codes.js';
import { jsonText, terminalText } from './terminal-text.js';
import { writeStderr, writeStdout } from './process-streams.js';

/** Where a command's result goes: one JSON document on stdout, or human lines. */
export interface Output {
  readonly json: boolean;
  /** Prints a result: `value` as JSON, or the lines `human` renders. */
  result<T>(value: T, human: (value: T) => readonly string[]): void;
}

/**
 * An output writing to the process streams. Human lines go through `terminalText`, so nothing read
 * from a file or a name reaches the terminal raw; JSON stays the exact value (see `jsonText`).
 */
export function processOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      if (json) writeStdout(`${jsonText(value)}\n`);
      else writeStdout(human(value).map((line) => `${terminalText(line)}\n`).join(''));
    },
  };
}

/** Prints a message (a notice, an error) on stderr as `skillmeat: …`, escaped for the terminal. */
export function printMessage(message: string): void {
  writeStderr(`skillmeat: ${terminalText(message)}\n`);
}

/**
 * Reports a failure: the message on stderr always (it names the thing and says what to do), and with
 * `--json` also `{ "error": { code, message, details } }` on stdout so scripts can branch on the code.
 */
export function reportFailure(error: unknown, json: boolean): number {
  printError(error);
  if (json) {
    const envelope = error instanceof SkillmeatError ? error.toEnvelope() : { code: 'internal', message: String(error) };
    writeStdout(`${jsonText({ error: envelope })}\n`);
  }
  return EXIT_FAILURE;
}

/** Prints an error on stderr: a SkillmeatError's message, or an unexpected error (a bug) with its stack. */
export function printError(error: unknown): void {
  if (error instanceof SkillmeatError) return printMessage(error.message);
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // A stack has one frame a line: each line is escaped, the line breaks are kept.
  const [head = '', ...frames] = message.split('\n');
  printMessage(`unexpected error: ${head}`);
  for (const frame of frames) writeStderr(`${terminalText(frame)}\n`);
}

/** Pads `cells` into aligned columns; cells are escaped first (`terminalText`), so they align as printed. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const printed = rows.map((row) => row.map(terminalText));
  const widths: number[] = [];
  for (const row of printed) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return printed.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
