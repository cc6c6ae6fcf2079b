import { SkillmeatError } from '../core/errors.js';
import { EXIT_FAILURE } from './exit-codes.js';

/** Where a command's result goes: one JSON document on stdout, or human lines. */
export interface Output {
  readonly json: boolean;
  /** Prints a result: `value` as JSON, or the lines `human` renders. */
  result<T>(value: T, human: (value: T) => readonly string[]): void;
}

/** An output writing to the process streams. */
export function processOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else for (const line of human(value)) process.stdout.write(`${line}\n`);
    },
  };
}

/**
 * Reports a failure: the message on stderr always (it names the thing and says what to do), and with
 * `--json` also `{ "error": { code, message, details } }` on stdout so scripts can branch on the code.
 * Unexpected errors (bugs) keep their stack on stderr.
 */
export function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof SkillmeatError) {
    process.stderr.write(`skillmeat: ${error.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: error.toEnvelope() }, null, 2)}\n`);
  } else {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`skillmeat: unexpected error: ${message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'internal', message: String(error) } }, null, 2)}\n`);
  }
  return EXIT_FAILURE;
}

/** Pads `cells` into aligned columns. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
