import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lockKey } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';
import { readTextIfPresent } from '../fs/read-text.js';
import { assertNotLink } from '../fs/contained-path.js';
import type { FileWriter } from '../fs/file-writer.js';
import type { TomlTable } from '../toml/toml-file.js';
import type { DeploymentRecord } from './deployment-file.js';

/**
 * What we know of a record in the Python SkillMeat's current dialect beyond its keys (versioning
 * spec 10). That tool rewrites `.skillmeat-deployed.toml` whole from the keys it models, so
 * anything we kept only inside its records (`upstream_sha`, `source`, `version`) would be lost the
 * next time it writes. We keep it beside, in `.claude/.skillmeat-desktop.json`, each entry tied to
 * the `content_hash` its record had when we wrote it: while the record still says that, the entry
 * is ours and applies; once that tool redeploys (a new hash), the entry is stale and ignored.
 */
export const DESKTOP_STATE_FILE = '.skillmeat-desktop.json';

interface DesktopState {
  /** The record's `content_hash` when this was written. */
  readonly content_hash: string;
  readonly sha: string;
  readonly upstream_sha?: string;
  readonly source?: string;
  readonly version?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The hash a Python record holds: the collection content last integrated. After a merge that kept
 * local edits the project holds more than that (our `sha`), which that tool then sees as a local
 * modification — true — rather than an outdated copy. It is also the right merge base for it.
 */
export function pythonBaseline(record: Pick<DeploymentRecord, 'sha' | 'upstreamSha'>): string {
  return record.upstreamSha ?? record.sha;
}

/** The records with our state applied where it still belongs to them; a corrupt state file is refused. */
export function withDesktopState(claudeDir: string, records: readonly DeploymentRecord[]): DeploymentRecord[] {
  const states = readDesktopState(claudeDir);
  if (states.size === 0) return [...records];
  return records.map((record) => {
    const state = states.get(lockKey(record.type, record.name));
    if (state === undefined || state.content_hash !== record.sha) return record;
    const { upstreamSha: _inside, ...rest } = record;
    const source = record.source ?? state.source;
    const version = record.version ?? state.version;
    return {
      ...rest,
      sha: state.sha,
      ...(state.upstream_sha !== undefined ? { upstreamSha: state.upstream_sha } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(version !== undefined ? { version } : {}),
    };
  });
}

/** Writes our state for the records (or removes the file when none has any), through `writer`. */
export async function writeDesktopState(claudeDir: string, records: readonly DeploymentRecord[], writer: FileWriter): Promise<void> {
  const path = join(claudeDir, DESKTOP_STATE_FILE);
  const entries: Record<string, DesktopState> = {};
  for (const record of records) {
    const contentHash = pythonBaseline(record);
    if (record.sha === contentHash && record.source === undefined && record.version === undefined) continue;
    entries[lockKey(record.type, record.name)] = {
      content_hash: contentHash,
      sha: record.sha,
      ...(record.upstreamSha !== undefined ? { upstream_sha: record.upstreamSha } : {}),
      ...(record.source !== undefined ? { source: record.source } : {}),
      ...(record.version !== undefined ? { version: record.version } : {}),
    };
  }
  assertNotLink(path, claudeDir);
  if (Object.keys(entries).length > 0) await writer.writeFile(path, `${JSON.stringify({ format: 1, records: entries }, null, 2)}\n`);
  else if (existsSync(path)) await writer.deleteFile(path);
}

/**
 * The keys that tool uses to track a record's history, kept coherent when we re-baseline the record
 * (deploy `--overwrite`, sync, push, resolve: a new hash or a new `deployed_at`):
 * `local_modifications` says whether the project holds more than the hash it records (and
 * `modification_detected_at` goes with a false one); when the hash changes, `merge_base_snapshot`
 * (a content hash, despite its name) takes it and `version_lineage` gets it appended (absent, that
 * tool reads it as `[content_hash]`). A new record gets the keys that tool's own deploy writes. A
 * record we did not re-baseline keeps its keys as they are, whatever that tool noted in them.
 */
export function withPythonHistory(table: TomlTable, raw: TomlTable | undefined, asRead: { readonly sha?: string; readonly deployedAt?: string } | undefined, record: DeploymentRecord): TomlTable {
  const hash = pythonBaseline(record);
  const hashChanged = raw === undefined || asRead?.sha !== hash;
  if (!hashChanged && asRead?.deployedAt === record.deployedAt) return table;
  const localModifications = record.sha !== hash;
  const next: TomlTable = { ...table, local_modifications: localModifications };
  if (!localModifications) delete next.modification_detected_at;
  if (hashChanged) {
    next.merge_base_snapshot = hash;
    if (raw !== undefined) {
      const lineage = Array.isArray(raw.version_lineage) ? raw.version_lineage : asRead?.sha === undefined ? [] : [asRead.sha];
      if (lineage.at(-1) !== hash) next.version_lineage = [...lineage, hash];
    }
  }
  return raw === undefined ? inPythonOrder(next) : next;
}

/** The order that tool writes a record's keys in (`Deployment.to_dict`); others after. */
const PYTHON_ORDER = ['artifact_name', 'artifact_type', 'from_collection', 'deployed_at', 'artifact_path', 'content_hash', 'local_modifications', 'version_lineage', 'merge_base_snapshot', 'collection_sha'];

function inPythonOrder(table: TomlTable): TomlTable {
  const ordered: TomlTable = {};
  for (const key of PYTHON_ORDER) if (key in table) ordered[key] = table[key];
  for (const key of Object.keys(table)) if (!(key in ordered)) ordered[key] = table[key];
  return ordered;
}

function readDesktopState(claudeDir: string): Map<string, DesktopState> {
  const path = join(claudeDir, DESKTOP_STATE_FILE);
  assertNotLink(path, claudeDir);
  const text = readTextIfPresent(path);
  if (text === undefined) return new Map();
  const corrupt = (why: string) => new SkillmeatError('corrupt_file', `${path} ${why}. Fix or delete it (it only holds what SkillMeat Desktop adds to the Python SkillMeat's records); SkillMeat will not overwrite it.`, { path });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt('is not valid JSON');
  }
  const records = (parsed as { records?: unknown } | null)?.records;
  if (typeof records !== 'object' || records === null || Array.isArray(records)) throw corrupt('has no "records" object');
  const states = new Map<string, DesktopState>();
  for (const [key, value] of Object.entries(records)) {
    const state = value as Partial<Record<keyof DesktopState, unknown>>;
    const hashes = [state.content_hash, state.sha, ...(state.upstream_sha === undefined ? [] : [state.upstream_sha])];
    const texts = [state.source, state.version].filter((v) => v !== undefined);
    if (typeof value !== 'object' || value === null || !hashes.every((h) => typeof h === 'string' && HEX64.test(h)) || !texts.every((t) => typeof t === 'string')) {
      throw corrupt(`has an invalid entry ${JSON.stringify(key)}`);
    }
    states.set(key, value as DesktopState);
  }
  return states;
}
