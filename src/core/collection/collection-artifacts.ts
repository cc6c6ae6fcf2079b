import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactRelativePath, artifactTypeInfo, type ArtifactType } from '../../shared/artifact-types.js';
import type { ArtifactInfo } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { assertValidName } from '../home/home-paths.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { copyArtifact } from '../fs/copy-artifact.js';
import { inTransaction } from '../fs/file-transaction.js';
import { journalKey } from '../fs/journal-key.js';
import { collectionFence } from './collection-lock.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import { findArtifacts, type ManifestArtifact } from './manifest-file.js';
import { withLockEntry, withoutLockEntry } from './collection-lockfile.js';
import { collectionCopyPath, saveCollection, withCollectionWriteLock, type OpenCollection } from './collections.js';
import { defaultArtifactName, detectArtifactType } from './detect-type.js';
import { readFrontMatter } from './front-matter.js';
import type { TomlTable } from '../toml/toml-file.js';
import { formatSource } from '../../shared/source-spec.js';
import { upstreamInfo, upstreamOf } from '../sources/upstream-record.js';

export interface AddArtifactOptions {
  readonly type?: ArtifactType;
  readonly name?: string;
  /** Where the files came from when not a local path the user gave: a git source (sources/add-source.ts). */
  readonly provenance?: Provenance;
}

/** An artifact's origin beyond a local path: the manifest's and the lock's keys that record it. */
export interface Provenance {
  readonly origin: string;
  readonly upstream: string;
  /** Further keys of the manifest entry (`version_spec`, `resolved_sha`, …). */
  readonly manifestFields: TomlTable;
  /** The lock entry's `source`, and further keys of it. */
  readonly lockSource: string;
  readonly lockFields: TomlTable;
}


/**
 * Adds a local file or folder to a collection: validated (type, name, shape, no symlink leaving it),
 * copied into a staging folder inside the collection, renamed into place, then recorded in manifest
 * and lock. Nothing is written when any check fails.
 */
export async function addArtifact(paths: HomePaths, collectionName: string, sourcePath: string, options: AddArtifactOptions, now: string): Promise<ArtifactInfo> {
  const source = await realpath(sourcePath).catch((error: unknown) => {
    throw isErrnoCode(error, 'ENOENT')
      ? new SkillmeatError('not_found', `${sourcePath} does not exist.`, { path: sourcePath })
      : ioError('read', sourcePath, error);
  });
  const isFolder = (await lstat(source)).isDirectory();
  const type = options.type ?? (await detectArtifactType(source, isFolder));
  const info = artifactTypeInfo(type);
  if ((info.kind === 'folder') !== isFolder) {
    throw new SkillmeatError('invalid_input', `A ${type} is a ${info.kind}, but ${sourcePath} is a ${isFolder ? 'folder' : 'file'}.`, { path: sourcePath, type });
  }
  const name = options.name ?? defaultArtifactName(source, type);
  assertValidName(name, 'artifact');
  if (info.requiredFile) {
    const required = join(source, info.requiredFile);
    if (!(await lstat(required).then((s) => s.isFile(), () => false))) {
      throw new SkillmeatError('invalid_input', `A ${type} folder must contain ${info.requiredFile}; ${sourcePath} does not.`, { path: sourcePath });
    }
  }

  return withCollectionWriteLock(paths, collectionName, 'add', async (collection) => {
    if (findArtifacts(collection.manifest, name, type).length > 0) {
      throw new SkillmeatError('already_exists', `The ${type} "${name}" is already in collection "${collection.name}". Remove it first or add under another --name.`, { name, type });
    }
    const relPath = artifactRelativePath(type, name);
    const target = collectionCopyPath(collection, { path: relPath });
    if (await lstat(target).then(() => true, () => false)) {
      throw new SkillmeatError('already_exists', `${target} exists on disk but is not in the manifest. Move it away, then add again.`, { path: target });
    }
    // The files, the manifest and the lock go in place together: a crash leaves all or none.
    return inTransaction(collection.root, await journalKey(paths.journalKey), async (tx) => {
      const staging = tx.stagingPath();
      const { contentHash } = await copyArtifact(source, staging, info.kind);
      tx.replace(target, staging);
      const version = info.kind === 'file' ? await readFrontMatter(staging, 'version') : info.requiredFile ? await readFrontMatter(join(staging, info.requiredFile), 'version') : undefined;
      const { provenance } = options;
      const shown = typeof provenance?.manifestFields.resolved_version === 'string' ? provenance.manifestFields.resolved_version : version;
      const entry: ManifestArtifact = {
        name,
        type,
        path: relPath,
        origin: provenance?.origin ?? 'local',
        added: now,
        upstream: provenance?.upstream ?? source,
        ...(shown !== undefined ? { version: shown } : {}),
        tags: [],
        // A source's keys follow the entry's own (name, type, path, origin), as the Python tool writes them.
        // (`added` is left to the manifest's writer, which gives it the form the file's times have.)
        raw: { ...(provenance ? { name, type, path: relPath, origin: provenance.origin } : {}), ...(version !== undefined ? { metadata: { version } } : {}), ...provenance?.manifestFields },
      };
      const manifest = { ...collection.manifest, updated: now, artifacts: [...collection.manifest.artifacts, entry] };
      const lockfile = withLockEntry(collection.lockfile, type, name, { contentHash, fetched: now, source: provenance?.lockSource ?? `local:${source}` }, provenance?.lockFields);
      await saveCollection(collection, manifest, lockfile, tx);
      return describe(collection.name, entry, contentHash);
    }, { fence: collectionFence(paths, collection.name) });
  });
}

/**
 * Removes an artifact from a collection: its files, manifest entry and lock entry in one
 * crash-safe step. Callers take a safety snapshot before, from which a selective rollback restores it.
 */
export async function removeArtifact(paths: HomePaths, collectionName: string, name: string, type: ArtifactType | undefined, now: string): Promise<{ name: string; type: ArtifactType }> {
  return withCollectionWriteLock(paths, collectionName, 'remove', async (collection) => {
    const entry = resolveOne(collection, name, type);
    const manifest = {
      ...collection.manifest,
      updated: now,
      artifacts: collection.manifest.artifacts.filter((a) => a !== entry),
    };
    await inTransaction(collection.root, await journalKey(paths.journalKey), async (tx) => {
      tx.delete(collectionCopyPath(collection, entry));
      await saveCollection(collection, manifest, withoutLockEntry(collection.lockfile, entry.type, entry.name), tx);
    }, { fence: collectionFence(paths, collection.name) });
    return { name: entry.name, type: entry.type };
  });
}

/** Every artifact of a collection with the hash of its content as it is now. */
export async function listArtifacts(collection: OpenCollection, cache?: HashCache): Promise<ArtifactInfo[]> {
  const result: ArtifactInfo[] = [];
  for (const entry of collection.manifest.artifacts) {
    const contentHash = await hashArtifact(collectionCopyPath(collection, entry), artifactTypeInfo(entry.type).kind, cache ? { cache } : {});
    result.push(describe(collection.name, entry, contentHash ?? ''));
  }
  return result;
}

/** The one manifest entry `name` (and `type`) designates; a clear error for none or several. */
export function resolveOne(collection: OpenCollection, name: string, type: ArtifactType | undefined): ManifestArtifact {
  const matches = findArtifacts(collection.manifest, name, type);
  if (matches.length === 0) {
    throw new SkillmeatError('not_found', `No ${type ?? 'artifact'} named "${name}" in collection "${collection.name}". See \`skillmeat list\`.`, { name, type });
  }
  if (matches.length > 1) {
    throw new SkillmeatError('invalid_input', `"${name}" names ${matches.length} artifacts (${matches.map((m) => m.type).join(', ')}). Say which with --type.`, { name });
  }
  return matches[0]!;
}

/** The `source` string recorded at deploy time: `<origin>:<upstream>` (`local:<path>` for local adds), a git source's own spelling (`github:OWNER/REPO/PATH@REF`). */
export function artifactSource(entry: ManifestArtifact): string {
  const upstream = upstreamOf(entry);
  if (upstream) return formatSource(upstream.spec);
  return `${entry.origin}:${entry.upstream ?? entry.path}`;
}

function describe(collection: string, entry: ManifestArtifact, contentHash: string): ArtifactInfo {
  const upstream = upstreamOf(entry);
  return {
    name: entry.name,
    type: entry.type,
    collection,
    path: entry.path,
    origin: entry.origin,
    source: artifactSource(entry),
    version: entry.version ?? null,
    added: entry.added,
    content_hash: contentHash,
    ...(upstream ? { upstream: upstreamInfo(upstream) } : {}),
  };
}
