import { TomlDate } from 'smol-toml';
import { timestampInForm } from '../time.js';
import { isTomlTable, malformed, type TomlTable } from '../toml/toml-file.js';

/**
 * The three spellings of `.skillmeat-deployed.toml` (versioning spec, section 3): ours, and the two
 * the public Python SkillMeat wrote. A file is written back in the dialect it was read in.
 */
export type DeploymentDialect = 'skillmeat' | 'python-current' | 'python-legacy';

export const RECORD_FIELDS = ['name', 'type', 'collection', 'source', 'version', 'sha', 'upstreamSha', 'deployedAt', 'path'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const HEADER_FIELDS = ['collection', 'deployedAt', 'skillmeatVersion'] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

/** Where a dialect stores each model field. Fields it has no key of its own for use ours. */
export interface DialectSpec {
  /** The header table and its keys; absent when the dialect has no header. */
  readonly header?: { readonly table: string; readonly keys: Readonly<Record<HeaderField, string>> };
  /** The array of tables holding one entry per deployed artifact. */
  readonly list: string;
  readonly keys: Readonly<Record<RecordField, string>>;
  /** An older key that also holds the hash: read when the main key is absent, kept equal on write. */
  readonly shaAlias?: string;
  /** Python's reader needs `from_collection` and `artifact_path` on every entry. */
  readonly requiresCollectionAndPath: boolean;
  /** Python (3.9, 3.10) `datetime.fromisoformat` refuses a trailing `Z`: write naive UTC there, or the file's own form. */
  readonly pythonTimestamps: boolean;
}

const OUR_KEYS: Readonly<Record<RecordField, string>> = {
  name: 'name',
  type: 'type',
  collection: 'collection',
  source: 'source',
  version: 'version',
  sha: 'sha',
  upstreamSha: 'upstream_sha',
  deployedAt: 'deployed_at',
  path: 'path',
};

export const DIALECTS: Readonly<Record<DeploymentDialect, DialectSpec>> = {
  skillmeat: {
    header: { table: 'deployment', keys: { collection: 'collection', deployedAt: 'deployed_at', skillmeatVersion: 'skillmeat_version' } },
    list: 'deployed',
    keys: OUR_KEYS,
    requiresCollectionAndPath: false,
    pythonTimestamps: false,
  },
  'python-current': {
    list: 'deployed',
    keys: { ...OUR_KEYS, name: 'artifact_name', type: 'artifact_type', collection: 'from_collection', sha: 'content_hash', path: 'artifact_path' },
    shaAlias: 'collection_sha',
    requiresCollectionAndPath: true,
    pythonTimestamps: true,
  },
  'python-legacy': {
    header: { table: 'deployment', keys: { collection: 'collection', deployedAt: 'deployed-at', skillmeatVersion: 'skillmeat-version' } },
    list: 'artifacts',
    keys: { ...OUR_KEYS, deployedAt: 'deployed-at' },
    requiresCollectionAndPath: false,
    pythonTimestamps: true,
  },
};

/**
 * Recognises the dialect of a parsed deployment file: `[[artifacts]]` or a hyphenated header is
 * legacy, `[[deployed]]` without a header is Python's current one, anything else is ours (an empty
 * file included). A shape that fits none is a `corrupt_file` error.
 */
export function detectDialect(raw: TomlTable, path: string): DeploymentDialect {
  const header = raw.deployment;
  if (header !== undefined && !isTomlTable(header)) throw malformed(path, '[deployment]', 'is not a table');
  const legacy = raw.artifacts !== undefined || (header !== undefined && ('deployed-at' in header || 'skillmeat-version' in header));
  if (legacy && raw.deployed !== undefined) {
    throw malformed(path, 'the file', 'mixes [[deployed]] with the legacy [deployment]/[[artifacts]] layout, so its format cannot be recognised');
  }
  const dialect: DeploymentDialect = legacy ? 'python-legacy' : header === undefined && raw.deployed !== undefined ? 'python-current' : 'skillmeat';
  const list = DIALECTS[dialect].list;
  const entries = raw[list];
  if (entries !== undefined && !(Array.isArray(entries) && entries.every(isTomlTable))) {
    throw malformed(path, `"${list}"`, `must be an array of tables ([[${list}]])`);
  }
  return dialect;
}

/**
 * A new timestamp in the form this dialect and file use: a TOML datetime if the file already does;
 * in a Python dialect, the form of the file's own timestamps (`sample`: naive, or `+00:00`), naive
 * UTC when it has none (as that tool writes them: it prints them with a `Z` appended, so an offset
 * would print as `+00:00Z`); ours otherwise.
 */
export function timestampValue(rfc3339Text: string, spec: DialectSpec, asTomlDate: boolean, sample?: string): string | TomlDate {
  if (asTomlDate) return new TomlDate(rfc3339Text);
  if (!spec.pythonTimestamps) return rfc3339Text;
  if (sample !== undefined) {
    const inForm = timestampInForm(rfc3339Text, sample);
    if (typeof inForm === 'string') return inForm;
  }
  return rfc3339Text.replace(/Z$/, '');
}
