import { readFileSync } from 'node:fs';
import { parse, stringify, TomlError } from 'smol-toml';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { directWriter, type FileWriter } from '../fs/file-writer.js';

/** A parsed TOML document: plain objects, arrays, strings, numbers, booleans and TomlDate values. */
export type TomlTable = Record<string, unknown>;

/**
 * Reads and parses a TOML file. Returns undefined when the file does not exist.
 * A file that does not parse is a `corrupt_file` error naming the file and the line.
 */
export async function readTomlFile(path: string): Promise<TomlTable | undefined> {
  let text: string;
  try {
    // Synchronous on purpose: these files are a few kilobytes, and a drift round reads one per
    // project; through the thread pool each read cost ~2 ms of waiting against ~20 µs here.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('read', path, error);
  }
  return parseToml(text, path);
}

/** Parses TOML text that came from `path` (used only to name it in errors). */
export function parseToml(text: string, path: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0] ?? 'invalid TOML';
      throw new SkillmeatError(
        'corrupt_file',
        `${path}:${error.line}: ${reason}. Fix or restore this file; SkillMeat will not overwrite it.`,
        { path, line: error.line, column: error.column },
      );
    }
    throw error;
  }
}

/** Serializes `table` and writes it atomically (through `writer`, e.g. a transaction). */
export async function writeTomlFile(path: string, table: TomlTable, header?: string, writer: FileWriter = directWriter): Promise<void> {
  const body = stringify(table);
  await writer.writeFile(path, header ? `${header}\n${body}\n` : `${body}\n`);
}

/**
 * Reads a structural problem in an already-parsed file as a `corrupt_file` error
 * (for example `[[deployed]]` entry without a name). `where` says which entry, `key` which of its keys.
 */
export function malformed(path: string, where: string, problem: string, key?: string): SkillmeatError {
  return new SkillmeatError('corrupt_file', `${path}: ${where} ${problem}. Fix or restore this file; SkillMeat will not overwrite it.`, { path, where, ...(key !== undefined ? { key } : {}) });
}

/** True for a TOML table (a plain object: not an array, not a date). */
export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
