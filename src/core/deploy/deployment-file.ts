import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { artifactRelativePath, layoutPath, isArtifactType, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { nameProblem } from '../../shared/names.js';
import { SkillmeatError, ioError } from '../errors.js';
import { isTomlTable, malformed, readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { toRfc3339 } from '../time.js';
import type { ParsedFileCache } from '../fs/parsed-file-cache.js';
import { directWriter, type FileWriter } from '../fs/file-writer.js';
import type { HomeFileFormat } from '../home/file-format.js';
import { pythonBaseline, withDesktopState, withPythonHistory, writeDesktopState } from './python-records.js';
import { assertNotLink } from '../fs/contained-path.js';
import { SKILLMEAT_VERSION } from '../version.js';
import {
  DIALECTS,
  HEADER_FIELDS,
  RECORD_FIELDS,
  detectDialect,
  timestampValue,
  type DeploymentDialect,
  type DialectSpec,
  type HeaderField,
  type RecordField,
} from './deployment-dialects.js';

export type { DeploymentDialect } from './deployment-dialects.js';

export const DEPLOYMENT_FILE = '.skillmeat-deployed.toml';


/** One deployed artifact, whatever dialect it was read from. */
export interface DeploymentRecord {
  readonly name: string;
  readonly type: ArtifactType;
  /** The collection it was deployed from (the header's when the entry names none). */
  readonly collection?: string;
  readonly source?: string;
  readonly version?: string;
  /** Baseline: SHA-256 (lowercase hex) of exactly what was written into the project. */
  readonly sha: string;
  /**
   * The collection content last integrated into the project, when it differs from `sha`: after a
   * sync merged collection changes with local edits, the project holds the merge (`sha`) while the
   * collection still holds `upstreamSha`. Drift compares the collection with it, and the next merge
   * uses its content as the base; absent, both are `sha`.
   */
  readonly upstreamSha?: string;
  /** RFC 3339 UTC with `Z`. */
  readonly deployedAt: string;
  /** Relative to `.claude/`, POSIX; derived from the type registry when absent. */
  readonly path?: string;
  /** The entry as read: keys we do not model survive a write, and unchanged values keep their exact form. */
  readonly raw?: TomlTable;
}

/** `<project>/.claude/.skillmeat-deployed.toml`, independent of the dialect it is spelled in. */
export interface DeploymentFile {
  readonly path: string;
  readonly dialect: DeploymentDialect;
  /** The header's collection (Python's current dialect has no header). */
  readonly collection?: string;
  readonly deployedAt?: string;
  readonly skillmeatVersion?: string;
  readonly records: readonly DeploymentRecord[];
  /** The whole file as read, so top-level and header keys we do not model survive a write. */
  readonly raw: TomlTable;
}

type Header = Pick<DeploymentFile, HeaderField>;
type LooseRecord = { readonly [F in RecordField]?: string };
type Problem = { readonly code: ErrorCode; readonly text: string };

/** A file with no records, in our dialect: what a project without a deployment file has. */
export function emptyDeploymentFile(path: string): DeploymentFile {
  return { path, dialect: 'skillmeat', skillmeatVersion: SKILLMEAT_VERSION, records: [], raw: {} };
}

/**
 * Reads a project's deployment file (an empty one when absent). Anything malformed is refused, naming
 * the file. A long-lived reader passes a `ParsedFileCache` to skip re-parsing an unchanged file.
 */
export async function readDeploymentFile(projectClaudeDir: string, cache?: ParsedFileCache): Promise<DeploymentFile> {
  const path = join(projectClaudeDir, DEPLOYMENT_FILE);
  return cache ? cache.get(path, () => loadDeploymentFile(path)) : loadDeploymentFile(path);
}

/** Writes the file atomically, in the dialect it was read in. An invalid record, or a file on disk that does not load, writes nothing. */
export async function writeDeploymentFile(file: DeploymentFile, writer?: FileWriter): Promise<void> {
  const table = encodeFile(file);
  // The spec's promise that a corrupt file is never overwritten must not depend on the caller having read it first.
  await loadDeploymentFile(file.path);
  await mkdir(dirname(file.path), { recursive: true }).catch((error: unknown) => {
    throw ioError('create', dirname(file.path), error);
  });
  await writeTomlFile(file.path, table, undefined, writer);
  if (file.dialect === 'python-current') await writeDesktopState(dirname(file.path), file.records, writer ?? directWriter);
}

/**
 * A file that does not exist yet (nothing in it) takes the home's form (home/file-format.ts): in a
 * home the Python SkillMeat uses, its current dialect, so that tool reads what we deploy. A file
 * that exists keeps the dialect it was read in.
 */
export async function inHomeFormat(file: DeploymentFile, format: () => Promise<HomeFileFormat>): Promise<DeploymentFile> {
  const fresh = file.records.length === 0 && Object.keys(file.raw).length === 0;
  return fresh && (await format()) === 'python' ? { ...file, dialect: 'python-current' } : file;
}

/** Adds `record`, replacing the one for the same artifact (name and type: one deployed copy per place). */
export function withRecord(file: DeploymentFile, record: DeploymentRecord): DeploymentFile {
  const index = file.records.findIndex((r) => r.name === record.name && r.type === record.type);
  // A record replacing another keeps the keys it was read with that we do not model (the Python
  // tool's `local_modifications`, `version_lineage`, …): they are the other tool's, not ours to drop.
  const records = index < 0 ? [...file.records, record] : file.records.map((r, i) => (i === index ? { ...record, ...(record.raw === undefined && r.raw !== undefined ? { raw: r.raw } : {}) } : r));
  if (DIALECTS[file.dialect].header === undefined) return { ...file, records };
  const later = file.deployedAt === undefined || record.deployedAt > file.deployedAt;
  const collection = file.collection ?? record.collection;
  return { ...file, records, ...(collection !== undefined ? { collection } : {}), ...(later ? { deployedAt: record.deployedAt } : {}) };
}

/** Removes the record of one artifact, if present. */
export function withoutRecord(file: DeploymentFile, name: string, type: ArtifactType): DeploymentFile {
  return { ...file, records: file.records.filter((r) => r.name !== name || r.type !== type) };
}

/**
 * Where a deployed artifact lives, relative to `.claude/` (POSIX): the record's own `path` (a fork
 * keeps its copy where it was), which reading checked to be a place of the registry's layout, else
 * the registry's path for its name.
 */
export function recordRelativePath(record: Pick<DeploymentRecord, 'type' | 'name' | 'path'>): string {
  return (record.path === undefined ? undefined : layoutPath(record.path, record.type)) ?? artifactRelativePath(record.type, record.name);
}

async function loadDeploymentFile(path: string): Promise<DeploymentFile> {
  assertNotLink(path, dirname(path));
  const raw = await readTomlFile(path);
  if (raw === undefined) return emptyDeploymentFile(path);
  const file = decodeFile(raw, path);
  return file.dialect === 'python-current' ? { ...file, records: withDesktopState(dirname(path), file.records) } : file;
}

function decodeFile(raw: TomlTable, path: string): DeploymentFile {
  const dialect = detectDialect(raw, path);
  const spec = DIALECTS[dialect];
  const header = decodeHeader(headerTable(raw, spec), spec, path);
  const seen = new Set<string>();
  const records = listTables(raw, spec).map((entry, index) => {
    const where = `[[${spec.list}]] #${index + 1}`;
    const record = decodeRecord(entry, spec, header, where, path);
    const key = lockKey(record.type, record.name);
    if (seen.has(key)) throw malformed(path, `${where} (${key})`, 'records an artifact that is already recorded above');
    seen.add(key);
    return record;
  });
  return { path, dialect, ...header, records, raw };
}

function decodeHeader(table: TomlTable | undefined, spec: DialectSpec, path: string): Header {
  if (table === undefined || spec.header === undefined) return {};
  const keys = spec.header.keys;
  const header = looseHeader(table, spec);
  const where = `[${spec.header.table}]`;
  if (table[keys.deployedAt] !== undefined && header.deployedAt === undefined) throw malformed(path, where, `has an invalid ${keys.deployedAt} timestamp`);
  const problem = header.collection === undefined ? undefined : nameProblem(header.collection);
  if (problem) throw new SkillmeatError('invalid_name', `${path}: ${where} names collection ${JSON.stringify(header.collection)}, which is invalid: ${problem}.`, { path, where });
  return header;
}

function decodeRecord(entry: TomlTable, spec: DialectSpec, header: Header, where: string, path: string): DeploymentRecord {
  const loose = looseRecord(entry, spec, header);
  const label = loose.name === undefined ? where : `${where} (${loose.name})`;
  const timestamp = entry[spec.keys.deployedAt];
  if (timestamp !== undefined && toRfc3339(timestamp) === undefined) throw malformed(path, label, `has an invalid ${spec.keys.deployedAt} timestamp`);
  const problem = recordProblem(loose, spec);
  if (problem) throw problemError(problem, path, label);
  return { ...(definedOnly(loose) as unknown as DeploymentRecord), raw: entry };
}

/** The model values an entry holds; no validation, so it also says what an entry "already says" when writing. */
function looseRecord(entry: TomlTable, spec: DialectSpec, header: Header): LooseRecord {
  const keys = spec.keys;
  const sha = text(entry[keys.sha]) ?? (spec.shaAlias === undefined ? undefined : text(entry[spec.shaAlias]));
  const timestamp = entry[keys.deployedAt];
  return {
    name: text(entry[keys.name]),
    type: text(entry[keys.type]),
    collection: text(entry[keys.collection]) ?? header.collection,
    source: text(entry[keys.source]),
    version: text(entry[keys.version]),
    sha: sha?.toLowerCase(),
    upstreamSha: text(entry[keys.upstreamSha])?.toLowerCase(),
    deployedAt: timestamp === undefined ? header.deployedAt : toRfc3339(timestamp),
    path: text(entry[keys.path]),
  };
}

function looseHeader(table: TomlTable, spec: DialectSpec): Header {
  const keys = spec.header?.keys;
  if (keys === undefined) return {};
  return definedOnly({
    collection: text(table[keys.collection]),
    deployedAt: toRfc3339(table[keys.deployedAt]),
    skillmeatVersion: text(table[keys.skillmeatVersion]),
  });
}

/** Why a record cannot be stored, if it cannot; the same rules for what we read and what we are asked to write. */
function recordProblem(record: LooseRecord, spec: DialectSpec): Problem | undefined {
  const keys = spec.keys;
  const { name, type, collection, sha, deployedAt, path } = record;
  if (name === undefined) return { code: 'corrupt_file', text: `has no ${keys.name}` };
  const badName = nameProblem(name);
  if (badName) return { code: 'invalid_name', text: `has an invalid name ${JSON.stringify(name)}: ${badName}` };
  if (type === undefined) return { code: 'corrupt_file', text: `has no ${keys.type}` };
  if (!isArtifactType(type)) return { code: 'corrupt_file', text: `has unknown type ${JSON.stringify(type)}` };
  const badCollection = collection === undefined ? undefined : nameProblem(collection);
  if (badCollection) return { code: 'invalid_name', text: `names collection ${JSON.stringify(collection)}, which is invalid: ${badCollection}` };
  if (collection === undefined && spec.requiresCollectionAndPath) return { code: 'corrupt_file', text: `has no ${keys.collection}` };
  if (sha === undefined) return { code: 'corrupt_file', text: `has no ${keys.sha}` };
  if (!/^[0-9a-f]{64}$/.test(sha)) return { code: 'corrupt_file', text: `has ${keys.sha} ${JSON.stringify(sha)}, which is not 64 hex digits` };
  const { upstreamSha } = record;
  if (upstreamSha !== undefined && !/^[0-9a-f]{64}$/.test(upstreamSha)) return { code: 'corrupt_file', text: `has ${keys.upstreamSha} ${JSON.stringify(upstreamSha)}, which is not 64 hex digits` };
  if (deployedAt === undefined) return { code: 'corrupt_file', text: `has no ${keys.deployedAt} timestamp` };
  if (toRfc3339(deployedAt) !== deployedAt) return { code: 'corrupt_file', text: `has ${keys.deployedAt} ${JSON.stringify(deployedAt)}, which is not RFC 3339 UTC ("…Z")` };
  // A record's path is only ever where the registry puts the artifact: anything else could aim undeploy --force at a whole folder.
  if (path !== undefined && layoutPath(path, type) === undefined) {
    return { code: 'corrupt_file', text: `has ${keys.path} ${JSON.stringify(path)}, which is not where a ${type} lives (${artifactRelativePath(type, '<name>')})` };
  }
  return undefined;
}

function problemError(problem: Problem, path: string, where: string): SkillmeatError {
  return problem.code === 'corrupt_file'
    ? malformed(path, where, problem.text)
    : new SkillmeatError(problem.code, `${path}: ${where} ${problem.text}. Fix or restore this file; SkillMeat will not overwrite it.`, { path, where });
}

function encodeFile(file: DeploymentFile): TomlTable {
  const spec = DIALECTS[file.dialect];
  for (const record of file.records) {
    const problem = recordProblem(record, spec);
    const code = problem?.code === 'corrupt_file' ? 'invalid_input' : problem?.code;
    if (problem && code) {
      throw new SkillmeatError(code, `${file.path}: cannot record ${record.type} "${record.name}": it ${problem.text}. Nothing was written.`, { path: file.path });
    }
  }
  const asRead = listTables(file.raw, spec);
  const rawHeader = headerTable(file.raw, spec);
  const table: TomlTable = { ...file.raw };
  if (spec.header) {
    const keys = spec.header.keys;
    const asWritten = rawHeader?.[keys.deployedAt];
    const deployedAt = file.deployedAt === undefined ? undefined : timestampValue(file.deployedAt, spec, usesTomlDates([rawHeader], keys.deployedAt), typeof asWritten === 'string' ? asWritten : undefined);
    const encoded = { collection: file.collection, deployedAt, skillmeatVersion: file.skillmeatVersion };
    table[spec.header.table] = patch(rawHeader, keys, looseHeader(rawHeader ?? {}, spec), file, encoded, HEADER_FIELDS);
  }
  const recordDates = usesTomlDates(asRead, spec.keys.deployedAt);
  // A timestamp the file already holds shows the form its writer uses (naive, or +00:00).
  const sample = [...asRead.map((entry) => entry[spec.keys.deployedAt]), rawHeader?.[spec.header?.keys.deployedAt ?? '']].find((value): value is string => typeof value === 'string');
  const python = file.dialect === 'python-current';
  table[spec.list] = file.records.map((record) => encodeRecord(record, spec, file, recordDates, sample, python));
  return table;
}

function encodeRecord(stored: DeploymentRecord, spec: DialectSpec, header: Header, asTomlDate: boolean, sample: string | undefined, python: boolean): TomlTable {
  const asRead = stored.raw === undefined ? undefined : looseRecord(stored.raw, spec, header);
  const record = python ? pythonView(stored, asRead) : stored;
  const values: Partial<Record<RecordField, unknown>> = {
    ...record,
    collection: spec.header !== undefined && record.collection === header.collection ? undefined : record.collection,
    deployedAt: timestampValue(record.deployedAt, spec, asTomlDate, sample),
    path: spec.requiresCollectionAndPath ? recordRelativePath(record) : record.path,
  };
  const table = patch(record.raw, spec.keys, asRead ?? {}, record, values, RECORD_FIELDS);
  // Python's own writer keeps both keys equal, and its older releases read only collection_sha.
  if (spec.shaAlias !== undefined && asRead?.sha !== record.sha) table[spec.shaAlias] = record.sha;
  return python ? withPythonHistory(table, record.raw, asRead, stored) : table;
}

/**
 * A record as the Python SkillMeat's current dialect holds it: its hash is the collection content
 * last integrated (python-records.ts), and our keys it has no use for (`upstream_sha`, `source`,
 * `version`) stay inside only where the entry already had them; they are kept beside it.
 */
function pythonView(record: DeploymentRecord, asRead: LooseRecord | undefined): DeploymentRecord {
  const { upstreamSha, source, version, ...rest } = record;
  return {
    ...rest,
    sha: pythonBaseline(record),
    ...(asRead?.upstreamSha !== undefined && upstreamSha !== undefined ? { upstreamSha } : {}),
    ...(asRead?.source !== undefined && source !== undefined ? { source } : {}),
    ...(asRead?.version !== undefined && version !== undefined ? { version } : {}),
  };
}

/**
 * `raw` with every field whose model value differs from what `raw` says replaced by its encoded value
 * (or removed): keys we do not model, and values nobody changed, are written back exactly as read.
 */
function patch<F extends string>(
  raw: TomlTable | undefined,
  keys: Readonly<Record<F, string>>,
  asRead: { readonly [K in F]?: string },
  model: { readonly [K in F]?: string },
  encoded: { readonly [K in F]?: unknown },
  fields: readonly F[],
): TomlTable {
  const table: TomlTable = { ...raw };
  for (const field of fields) {
    if (raw !== undefined && asRead[field] === model[field]) continue;
    const value = encoded[field];
    if (value === undefined) delete table[keys[field]];
    else table[keys[field]] = value;
  }
  return table;
}

function headerTable(raw: TomlTable, spec: DialectSpec): TomlTable | undefined {
  const table = spec.header === undefined ? undefined : raw[spec.header.table];
  return isTomlTable(table) ? table : undefined;
}

function listTables(raw: TomlTable, spec: DialectSpec): TomlTable[] {
  const list = raw[spec.list];
  return Array.isArray(list) ? list.filter(isTomlTable) : [];
}

function usesTomlDates(tables: readonly (TomlTable | undefined)[], key: string): boolean {
  return tables.some((table) => table?.[key] instanceof Date);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// A plain loop: this runs for every record of every deployment file a drift round reads.
function definedOnly<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined) result[key] = v;
  }
  return result as T;
}
