import { parse, stringify, TomlDate, TomlError } from 'smol-toml';
import { SkillmeatError } from '../errors.js';
import { readTextIfPresent } from '../fs/read-text.js';
import { directWriter, type FileWriter } from '../fs/file-writer.js';

/** A parsed TOML document: plain objects, arrays, strings, numbers, booleans and TomlDate values. */
export type TomlTable = Record<string, unknown>;

/**
 * Reads and parses a TOML file. Returns undefined when the file does not exist.
 * A file that does not parse is a `corrupt_file` error naming the file and the line.
 */
export async function readTomlFile(path: string): Promise<TomlTable | undefined> {
  const text = readTextIfPresent(path);
  return text === undefined ? undefined : parseToml(text, path);
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

/**
 * Writes `table` atomically (through `writer`, e.g. a transaction). A file that exists is patched,
 * not rewritten: keys and values that did not change keep their bytes (spacing, quoting, array
 * layout, comments, order), so a file another tool wrote — the Python SkillMeat shares these files —
 * changes only where we changed it (versioning spec 10). A new file is written whole, after `header`.
 */
export async function writeTomlFile(path: string, table: TomlTable, header?: string, writer: FileWriter = directWriter): Promise<void> {
  const existing = readTextIfPresent(path);
  const next = existing === undefined ? ours(table, header) : await nextText(path, existing, table, header);
  await writer.writeFile(path, next.text);
  // Only a text in our own form is remembered: a patched one must be patched again next time.
  if (next.withHeader !== undefined) rememberWritten(path, next.text, next.withHeader);
  else lastWritten.delete(path);
}

/** A text to write; `withHeader` is set when the text is in our own form (written whole). */
interface NextText {
  readonly text: string;
  readonly withHeader?: string | undefined;
}

function ours(table: TomlTable, header: string | undefined): NextText {
  return { text: wholeText(table, header), withHeader: header ?? '' };
}

/**
 * The text replacing `existing`. A file in the form we write ourselves comes out of a whole rewrite
 * with every unchanged byte as it was (the form is deterministic), at a fraction of a patch's cost;
 * any other form is patched. Whether a file is in our form is known without parsing when it holds
 * exactly what this process last wrote there (a 10,000-entry snapshots.toml costs ~0.3 s to check).
 */
async function nextText(path: string, existing: string, table: TomlTable, header: string | undefined): Promise<NextText> {
  const remembered = lastWritten.get(path);
  if (remembered?.text === existing) return ours(table, remembered.header === '' ? undefined : remembered.header);
  let parsed: TomlTable;
  try {
    parsed = parse(existing) as TomlTable;
  } catch {
    // A file that does not parse is never patched: it is written whole.
    return ours(table, header);
  }
  if (existing === wholeText(parsed)) return ours(table, undefined);
  if (header !== undefined && existing === wholeText(parsed, header)) return ours(table, header);
  return { text: await patchToml(existing, table) };
}

/** The text this process last wrote whole to each file (and the header it had), a few files at most. */
const lastWritten = new Map<string, { readonly text: string; readonly header: string }>();
const REMEMBERED_FILES = 16;

function rememberWritten(path: string, text: string, header: string): void {
  lastWritten.delete(path);
  lastWritten.set(path, { text, header });
  if (lastWritten.size > REMEMBERED_FILES) lastWritten.delete(lastWritten.keys().next().value!);
}

/** The whole file for `table`, after `header` when given. */
function wholeText(table: TomlTable, header?: string): string {
  return `${header ? `${header}\n` : ''}${stringify(table).trimEnd()}\n`;
}


/**
 * `existing` changed into `table`, only where they differ. Lists of tables new at the top level are
 * appended as `[[key]]` sections (toml-patch cannot add them). Should patching fail, the file is
 * written whole: its form is lost, never its content.
 */
async function patchToml(existing: string, table: TomlTable): Promise<string> {
  // Loaded when a file is first patched: commands that only read never pay for it.
  const { patch } = await import('@decimalturn/toml-patch');
  const trimmed = withoutEmptyListsGrowingTables(existing, table);
  try {
    const { text, parsed: before } = withoutRemovedListEntries(trimmed, parse(trimmed) as TomlTable, table);
    const newLists = Object.keys(table).filter((key) => !(key in before) && isListOfTables(table[key]));
    const rest = Object.fromEntries(Object.entries(table).filter(([key]) => !newLists.includes(key)));
    const patched = patch(text, rest);
    const sections = newLists.length === 0 ? '' : stringify(Object.fromEntries(newLists.map((key) => [key, table[key]])));
    const result = sections === '' ? (patched.endsWith('\n') ? patched : `${patched}\n`) : `${patched.trimEnd()}\n\n${sections}`.replace(/^\n+/, '');
    // What is written must say exactly what was asked, whatever the patch did with the form.
    if (canonical(parse(result)) !== canonical(table)) throw new Error('the patched file does not hold the table');
    return result.endsWith('\n') ? result : `${result}\n`;
  } catch {
    return wholeText(table);
  }
}

/** A value as order-independent text, for comparing two parsed documents (dates by their TOML text). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value instanceof TomlDate ? value.toISOString() : value.toISOString());
  if (isTomlTable(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function isListOfTables(value: unknown): value is TomlTable[] {
  return Array.isArray(value) && value.length > 0 && value.every(isTomlTable);
}

/**
 * A top-level `key = []` whose list now gets tables is dropped first, so the tables are written as
 * `[[key]]` sections (the form every writer of these files uses) rather than inline in that line.
 */
function withoutEmptyListsGrowingTables(existing: string, table: TomlTable): string {
  let text = existing;
  for (const [key, value] of Object.entries(table)) {
    if (!isListOfTables(value)) continue;
    if (!/^[A-Za-z0-9_-]+$/.test(key)) continue;
    // With the blank line after it, so no gap is left where it stood.
    text = text.replace(new RegExp(`^${key}[ \\t]*=[ \\t]*\\[[ \\t]*\\][ \\t]*\\r?\\n(\\r?\\n)?`, 'm'), '');
  }
  return text;
}

/**
 * Entries removed from a top-level list of tables are cut out of the text before patching, each from
 * its `[[key]]` header to the next table that is not its own: asked to remove one, the patch library
 * rewrites the entries after it and loses their sub-tables (`[artifacts.metadata]`), so the file
 * would be written whole. Only a pure removal is cut (every other entry still there, in order); the
 * patch does the rest, and its result is checked as always.
 */
function withoutRemovedListEntries(text: string, parsed: TomlTable, table: TomlTable): { text: string; parsed: TomlTable } {
  let result = text;
  for (const [key, before] of Object.entries(parsed)) {
    const after = table[key];
    if (!isListOfTables(before) || !Array.isArray(after) || after.length >= before.length || !/^[A-Za-z0-9_-]+$/.test(key)) continue;
    const removed = removedIndexes(before.map(canonical), after.map(canonical));
    if (removed !== undefined) result = cutEntries(result, key, before.length, removed);
  }
  // Parsed again only when something was cut.
  return result === text ? { text, parsed } : { text: result, parsed: parse(result) as TomlTable };
}

/** The indexes of `before` whose removal leaves exactly `after`, in order; undefined when that is not how `after` came about. */
function removedIndexes(before: readonly string[], after: readonly string[]): number[] | undefined {
  const removed: number[] = [];
  let kept = 0;
  for (const [index, entry] of before.entries()) {
    if (kept < after.length && entry === after[kept]) kept++;
    else removed.push(index);
  }
  return kept === after.length ? removed : undefined;
}

/** The text without the `[[key]]` entries at `indexes` (and the blank lines after each); unchanged unless it holds exactly `count` such headers. */
function cutEntries(text: string, key: string, count: number, indexes: readonly number[]): string {
  const lines = text.split(/(?<=\n)/);
  const header = (line: string) => /^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(#.*)?\r?\n?$/.exec(line)?.[1];
  const starts = lines.flatMap((line, index) => (/^[ \t]*\[\[/.test(line) && header(line) === key ? [index] : []));
  if (starts.length !== count) return text;
  const cut = new Set<number>();
  for (const entry of indexes) {
    let line = starts[entry]!;
    do cut.add(line++);
    while (line < lines.length && !(header(lines[line]!) !== undefined && !header(lines[line]!)!.startsWith(`${key}.`)));
  }
  return lines.filter((_, index) => !cut.has(index)).join('');
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
