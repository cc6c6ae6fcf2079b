import { TomlDate } from 'smol-toml';
import type { SkillmeatError } from '../errors.js';
import { isTomlTable, malformed, type TomlTable } from './toml-file.js';

/**
 * Typed reads from one table of a parsed TOML file. Every value a reader takes from a file goes
 * through here, so a value of the wrong type (a table where a string belongs, a date where a number
 * does) is a `corrupt_file` error naming the file, the entry and the key — never a TypeError later.
 * `optional…` accessors return undefined for an absent key; a present key must have the right type.
 */
export interface TomlFields {
  /** The table as read. */
  readonly table: TomlTable;
  /** A string the entry must have. */
  text(key: string): string;
  optionalText(key: string): string | undefined;
  /** `true` or `false`, which the entry must have. */
  flag(key: string): boolean;
  optionalFlag(key: string): boolean | undefined;
  /** A whole number (TOML integer, or a float with no fraction). */
  optionalInteger(key: string): number | undefined;
  /** An array of strings. */
  optionalTexts(key: string): readonly string[] | undefined;
  optionalTable(key: string): TomlTable | undefined;
  /** An array of tables (`[[key]]`). */
  optionalTables(key: string): readonly TomlTable[] | undefined;
  /** A TOML date-time (with or without offset; not a bare date or time) or a string (Python writes ISO strings). */
  optionalDateTimeOrText(key: string): TomlDate | string | undefined;
  /** A `corrupt_file` error about `key` of this entry, for problems beyond the type (an unknown value, a bad path). */
  problem(key: string, problem: string): SkillmeatError;
}

/** Typed reads from `table`, the entry `where` of the file at `path` (`[[snapshots]] #2`, `[lock]`, `top-level`). */
export function tomlFields(path: string, where: string, table: TomlTable): TomlFields {
  const problem = (key: string, text: string) => malformed(path, where, `key ${JSON.stringify(key)} ${text}`, key);
  const read = <T>(key: string, expected: string, accept: (value: unknown) => value is T): T | undefined => {
    const value = table[key];
    if (value === undefined) return undefined;
    if (!accept(value)) throw problem(key, `is ${describeTomlValue(value)}; expected ${expected}`);
    return value;
  };
  const required = <T>(key: string, expected: string, accept: (value: unknown) => value is T): T => {
    const value = read(key, expected, accept);
    if (value === undefined) throw problem(key, `is missing (expected ${expected})`);
    return value;
  };
  return {
    table,
    text: (key) => required(key, 'a string', isString),
    optionalText: (key) => read(key, 'a string', isString),
    flag: (key) => required(key, 'true or false', isBoolean),
    optionalFlag: (key) => read(key, 'true or false', isBoolean),
    optionalInteger: (key) => read(key, 'a whole number', isWholeNumber),
    optionalTexts: (key) => read(key, 'an array of strings', isStringArray),
    optionalTable: (key) => read(key, 'a table', isTomlTable),
    optionalTables: (key) => read(key, `an array of tables ([[${key}]])`, isTableArray),
    optionalDateTimeOrText: (key) => read(key, 'a date-time or a string', isDateTimeOrString),
    problem,
  };
}

/** What a TOML value is, in words, for error messages (never the value itself: it may be huge or hostile). */
function describeTomlValue(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number that is not whole';
  if (typeof value === 'bigint') return 'a whole number';
  if (value instanceof TomlDate) return value.isDate() ? 'a date' : value.isTime() ? 'a time' : 'a date-time';
  if (value instanceof Date) return 'a date-time';
  if (Array.isArray(value)) return 'an array';
  if (isTomlTable(value)) return 'a table';
  return 'a value of an unknown kind';
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

function isTableArray(value: unknown): value is TomlTable[] {
  return Array.isArray(value) && value.every(isTomlTable);
}

function isDateTimeOrString(value: unknown): value is TomlDate | string {
  return typeof value === 'string' || (value instanceof TomlDate && value.isDateTime());
}
