import { join } from 'node:path';
import { artifactRelativePath, isArtifactType, layoutPath, type ArtifactType } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { SkillmeatError } from '../errors.js';
import type { FileWriter } from '../fs/file-writer.js';
import { assertNotLink } from '../fs/contained-path.js';
import { isTomlTable, malformed, parseToml, readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { timestampInForm, toRfc3339 } from '../time.js';

export const MANIFEST_FILE = 'collection.toml';

/** One `[[artifacts]]` entry. `raw` holds the entry as read, so keys we do not model survive a write. */
export interface ManifestArtifact {
  readonly name: string;
  readonly type: ArtifactType;
  /** Relative to the collection folder, POSIX. */
  readonly path: string;
  readonly origin: string;
  readonly added: string;
  readonly upstream?: string;
  /** The artifact's version: resolved_version, else metadata.version, when known. */
  readonly version?: string;
  readonly tags: readonly string[];
  readonly raw: TomlTable;
}

/**
 * An `[[artifacts]]` entry of a type we do not manage (the Python tool's `workflow`, a type added
 * after us): kept exactly as read, at its place in the list, and listed as unsupported — never a
 * reason to refuse the collection (versioning spec 10).
 */
export interface UnsupportedArtifact {
  readonly name: string;
  readonly type: string;
  /** Its position in `[[artifacts]]` as read: written back there. */
  readonly index: number;
  readonly raw: TomlTable;
}

/** `collection.toml` in the public SkillMeat layout: `[collection]` + `[[artifacts]]`. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly created: string;
  readonly updated: string;
  readonly artifacts: readonly ManifestArtifact[];
  /** Entries of types we do not manage, kept untouched. */
  readonly unsupported: readonly UnsupportedArtifact[];
  readonly raw: TomlTable;
}

/** A new, empty manifest for collection `name`. */
export function newManifest(name: string, now: string): Manifest {
  return { name, version: '1.0.0', created: now, updated: now, artifacts: [], unsupported: [], raw: {} };
}

/** Reads a collection's manifest; undefined when the file is absent. */
export async function readManifest(collectionRoot: string): Promise<Manifest | undefined> {
  const path = join(collectionRoot, MANIFEST_FILE);
  assertNotLink(path, collectionRoot);
  const raw = await readTomlFile(path);
  return raw === undefined ? undefined : manifestFromToml(raw, path);
}

/** Parses a manifest's text (one read from a snapshot archive); `path` names it in errors. */
export function parseManifest(text: string, path: string): Manifest {
  return manifestFromToml(parseToml(text, path), path);
}

/** Writes the manifest atomically, keeping every key it was read with. */
export async function writeManifest(collectionRoot: string, manifest: Manifest, writer?: FileWriter): Promise<void> {
  await writeTomlFile(join(collectionRoot, MANIFEST_FILE), manifestToToml(manifest), undefined, writer);
}

/** Finds an artifact by name, and by type when several types share the name. */
export function findArtifacts(manifest: Manifest, name: string, type?: ArtifactType): ManifestArtifact[] {
  return manifest.artifacts.filter((a) => a.name === name && (type === undefined || a.type === type));
}

/** A manifest from its parsed TOML (`path` names the file in errors): for a manifest read from elsewhere than a collection folder, e.g. a snapshot archive. */
export function manifestFromToml(raw: TomlTable, path: string): Manifest {
  const header = raw.collection;
  if (!isTomlTable(header)) throw malformed(path, '[collection]', 'is missing or not a table');
  const name = header.name;
  if (typeof name !== 'string') throw malformed(path, '[collection]', 'has no name');
  const list = raw.artifacts ?? [];
  if (!Array.isArray(list)) throw malformed(path, 'artifacts', 'must be an array of tables ([[artifacts]])');
  const artifacts: ManifestArtifact[] = [];
  const unsupported: UnsupportedArtifact[] = [];
  list.forEach((entry, index) => {
    const other = unsupportedEntry(entry, index);
    if (other !== undefined) unsupported.push(other);
    else artifacts.push(artifactFromToml(entry, `[[artifacts]] #${index + 1}`, path));
  });
  const seen = new Set<string>();
  for (const a of artifacts) {
    const key = `${a.name}::${a.type}`;
    if (seen.has(key)) throw malformed(path, `[[artifacts]] ${key}`, 'appears twice');
    seen.add(key);
  }
  return {
    name,
    version: typeof header.version === 'string' ? header.version : '1.0.0',
    created: toRfc3339(header.created) ?? '1970-01-01T00:00:00Z',
    updated: toRfc3339(header.updated) ?? '1970-01-01T00:00:00Z',
    artifacts,
    unsupported,
    raw,
  };
}

/** The entry as an unsupported artifact when it names a type we do not manage; undefined otherwise (ours, or malformed: artifactFromToml says why). */
function unsupportedEntry(entry: unknown, index: number): UnsupportedArtifact | undefined {
  if (!isTomlTable(entry)) return undefined;
  const { name, type } = entry;
  if (typeof name !== 'string' || typeof type !== 'string' || type === '' || isArtifactType(type)) return undefined;
  return { name, type, index, raw: entry };
}

function artifactFromToml(entry: unknown, where: string, path: string): ManifestArtifact {
  if (!isTomlTable(entry)) throw malformed(path, where, 'is not a table');
  const { name, type } = entry;
  if (typeof name !== 'string') throw malformed(path, where, 'has no name');
  const problem = nameProblem(name);
  if (problem) throw new SkillmeatError('invalid_name', `${path}: ${where} has an invalid name ${JSON.stringify(name)}: ${problem}.`, { path });
  if (typeof type !== 'string' || !isArtifactType(type)) throw malformed(path, `${where} (${name})`, `has unknown type ${JSON.stringify(type)}`);
  const entryPath = typeof entry.path === 'string' ? entry.path : undefined;
  if (entryPath === undefined) throw malformed(path, `${where} (${name})`, 'has no path');
  // Only the registry's path is ever used: a path elsewhere (`../../victim/skills/x`) would aim remove, push and drift outside the collection.
  const layout = layoutPath(entryPath, type);
  if (layout === undefined) throw malformed(path, `${where} (${name})`, `has path ${JSON.stringify(entryPath)}, which is not where a ${type} lives (${artifactRelativePath(type, '<name>')})`);
  const metadata = isTomlTable(entry.metadata) ? entry.metadata : {};
  const version = stringOr(entry.resolved_version) ?? stringOr(metadata.version);
  const upstream = stringOr(entry.upstream);
  return {
    name,
    type,
    path: layout,
    origin: stringOr(entry.origin) ?? 'local',
    added: toRfc3339(entry.added) ?? '1970-01-01T00:00:00Z',
    ...(upstream !== undefined ? { upstream } : {}),
    ...(version !== undefined ? { version } : {}),
    tags: Array.isArray(entry.tags) ? entry.tags.filter((t): t is string => typeof t === 'string') : [],
    raw: entry,
  };
}

function manifestToToml(manifest: Manifest): TomlTable {
  const header = isTomlTable(manifest.raw.collection) ? manifest.raw.collection : {};
  const artifacts: TomlTable[] = manifest.artifacts.map((a) => ({
    ...a.raw,
    name: a.name,
    type: a.type,
    // The path as it was spelled (it names the same place), so the file changes only where it must.
    path: typeof a.raw.path === 'string' ? a.raw.path : a.path,
    origin: a.origin,
    // A new entry's time takes the form the file's own times have (a Python-made file's naive ones).
    added: timestampInForm(a.added, a.raw.added ?? header.created),
    ...(a.upstream !== undefined ? { upstream: a.upstream } : {}),
    ...(a.tags.length > 0 || a.raw.tags !== undefined ? { tags: [...a.tags] } : {}),
  }));
  // Entries we do not manage go back where they were read, untouched.
  for (const other of [...manifest.unsupported].sort((a, b) => a.index - b.index)) artifacts.splice(Math.min(other.index, artifacts.length), 0, other.raw);
  return {
    ...manifest.raw,
    collection: {
      ...header,
      name: manifest.name,
      version: manifest.version,
      created: timestampInForm(manifest.created, header.created),
      updated: timestampInForm(manifest.updated, header.updated),
    },
    artifacts,
  };
}


function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
