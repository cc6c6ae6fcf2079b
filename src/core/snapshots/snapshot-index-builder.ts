import { createHash } from '../lazy-crypto.js';
import type { Hash } from 'node:crypto';
import { posix } from 'node:path';
import { ARTIFACT_TYPES, artifactTypeInfo, layoutPath, type ArtifactKind, type ArtifactType } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';
import { MANIFEST_FILE, manifestFromToml } from '../collection/manifest-file.js';
import { isIgnoredName } from '../fs/ignore.js';
import { hashFileMap } from '../hash/content-hash.js';
import { comparePaths } from '../hash/path-order.js';
import { IN_MEMORY_LIMIT } from '../merge/file-map.js';
import { parseToml } from '../toml/toml-file.js';
import { readArchiveFiles, visitArchive } from './archive-reader.js';
import type { IndexedArtifact, IndexedFile, SnapshotIndex } from './snapshot-index-file.js';

/** Where a member of a collection archive belongs. */
type Place =
  | { readonly kind: 'artifact'; readonly layout: string; readonly type: ArtifactType; readonly artifactKind: ArtifactKind; readonly relPath: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'ignored' };

/** An artifact folder or file found in the archive, hashed as its files stream by. */
interface Candidate {
  readonly type: ArtifactType;
  readonly kind: ArtifactKind;
  readonly hash: Hash;
  readonly files: IndexedFile[];
  lastRelPath: string | undefined;
  /** Its files did not arrive in hash order, or it holds links: hashed again from its bytes after the pass. */
  rehash: boolean;
}

export interface IndexedArchive {
  readonly archivePath: string;
  /** The archive root: the collection's name. */
  readonly root: string;
  readonly snapshotId: string;
  readonly collection: string;
  readonly tarballSize: number;
}

/**
 * Indexes a snapshot archive in one streaming pass, extracting nothing: every regular file's size
 * and SHA-256, and each artifact of the archived manifest's content hash (versioning spec 2, with
 * the one ignore set: the value `list` and the lock record for the same content). Archives written
 * by SkillMeat or the Python tool list each folder's names in order, so an artifact's running hash
 * is fed as its files pass; an artifact whose files come out of order or that holds links is hashed
 * again from its bytes in a second pass (rare: hand-made archives).
 */
export async function buildSnapshotIndex(archive: IndexedArchive): Promise<SnapshotIndex> {
  const candidates = new Map<string, Candidate>();
  const others: IndexedFile[] = [];
  const files = new Map<string, IndexedFile>();
  const symlinks = new Map<string, string>();
  const hardlinks = new Map<string, string>();
  const manifestParts: Buffer[] = [];
  let current: { readonly path: string; readonly size: number; readonly hash: Hash; readonly place: Place; readonly candidate: Candidate | undefined } | undefined;

  const candidateOf = (place: Place): Candidate | undefined => {
    if (place.kind !== 'artifact') return undefined;
    let candidate = candidates.get(place.layout);
    if (candidate === undefined) {
      candidate = { type: place.type, kind: place.artifactKind, hash: createHash('sha256'), files: [], lastRelPath: undefined, rehash: false };
      candidates.set(place.layout, candidate);
    }
    return candidate;
  };
  const record = (file: IndexedFile, place: Place, candidate: Candidate | undefined): void => {
    files.set(file.path, file);
    if (candidate) candidate.files.push(file);
    else if (place.kind === 'other') others.push(file);
  };

  await visitArchive(archive.archivePath, archive.root, {
    file: (path, size) => {
      const place = placeOf(path);
      const candidate = candidateOf(place);
      if (candidate && place.kind === 'artifact') {
        if (candidate.lastRelPath !== undefined && comparePaths(candidate.lastRelPath, place.relPath) >= 0) candidate.rehash = true;
        candidate.lastRelPath = place.relPath;
        if (!candidate.rehash && candidate.kind === 'folder') candidate.hash.update(place.relPath);
      }
      const hash = createHash('sha256');
      current = { path, size, hash, place, candidate };
      const feedsArtifact = candidate !== undefined && !candidate.rehash;
      const keepsManifest = path === MANIFEST_FILE;
      if (keepsManifest && size > IN_MEMORY_LIMIT) throw corrupt(archive, `its ${MANIFEST_FILE} is ${size} bytes, more than a manifest can be`);
      return (chunk) => {
        hash.update(chunk);
        if (feedsArtifact) candidate.hash.update(chunk);
        if (keepsManifest) manifestParts.push(Buffer.from(chunk));
      };
    },
    fileEnd: () => {
      if (current === undefined) return;
      record({ path: current.path, size: current.size, sha256: current.hash.digest('hex') }, current.place, current.candidate);
      current = undefined;
    },
    hardlink: (path, target) => {
      const place = placeOf(path);
      const candidate = candidateOf(place);
      const linked = files.get(target);
      if (candidate) candidate.rehash = true;
      hardlinks.set(path, target);
      if (linked) record({ ...linked, path }, place, candidate);
    },
    symlink: (path, target) => {
      const place = placeOf(path);
      const candidate = candidateOf(place);
      // Hashing follows a link only inside its artifact (spec 2): resolved in the second pass.
      if (candidate) candidate.rehash = true;
      symlinks.set(path, posix.join(posix.dirname(path), target));
    },
  });

  if (manifestParts.length === 0 && !files.has(MANIFEST_FILE)) throw corrupt(archive, `it holds no ${MANIFEST_FILE}`);
  const manifestLabel = `${MANIFEST_FILE} in ${archive.archivePath}`;
  const manifest = manifestFromToml(parseToml(Buffer.concat(manifestParts).toString('utf8'), manifestLabel), manifestLabel);

  const artifacts: IndexedArtifact[] = [];
  const claimed = new Set<string>();
  const rehashed = await rehashOutOfOrder(archive, candidates, files, symlinks, hardlinks, new Set(manifest.artifacts.map((a) => a.path)));
  for (const entry of manifest.artifacts) {
    const candidate = candidates.get(entry.path);
    claimed.add(entry.path);
    const kind = artifactTypeInfo(entry.type).kind;
    // A folder artifact with no files hashes as an empty folder; a file artifact the archive lacks has no content to describe.
    if (candidate === undefined && kind === 'file') continue;
    const artifactFiles = [...(rehashed.get(entry.path)?.files ?? candidate?.files ?? [])].sort((a, b) => comparePaths(a.path, b.path));
    artifacts.push({
      name: entry.name,
      type: entry.type,
      path: entry.path,
      content_hash: rehashed.get(entry.path)?.hash ?? (candidate ? candidate.hash.digest('hex') : createHash('sha256').digest('hex')),
      file_count: artifactFiles.length,
      size_bytes: artifactFiles.reduce((sum, f) => sum + f.size, 0),
      files: artifactFiles,
    });
  }
  // Artifact-shaped folders the manifest does not name are strays like any other file.
  for (const [layout, candidate] of candidates) if (!claimed.has(layout)) others.push(...candidate.files);
  others.sort((a, b) => comparePaths(a.path, b.path));
  return { snapshot_id: archive.snapshotId, collection: archive.collection, tarball_size: archive.tarballSize, artifacts, other_files: others };
}

/**
 * Second pass for the artifacts whose running hash could not be fed in archive order: their bytes
 * (and those of the files their links stand for) are read into memory and hashed as `hashFileMap`
 * hashes a folder. A link resolving inside its artifact stands for its target (a file, or every
 * file below a folder); any other is left out, as hashing leaves it out of a collection.
 */
async function rehashOutOfOrder(
  archive: IndexedArchive,
  candidates: ReadonlyMap<string, Candidate>,
  files: ReadonlyMap<string, IndexedFile>,
  symlinks: ReadonlyMap<string, string>,
  hardlinks: ReadonlyMap<string, string>,
  manifestPaths: ReadonlySet<string>,
): Promise<Map<string, { hash: string; files: IndexedFile[] }>> {
  const pending = [...candidates].filter(([layout, c]) => c.rehash && manifestPaths.has(layout));
  const result = new Map<string, { hash: string; files: IndexedFile[] }>();
  if (pending.length === 0) return result;
  // Each artifact's member paths, its links resolved to the archive files they stand for.
  const plans = pending.map(([layout, candidate]) => ({ layout, candidate, members: membersOf(layout, candidate.kind, files, symlinks) }));
  const wanted = new Set(plans.flatMap((plan) => [...plan.members.values()].map((source) => hardlinks.get(source) ?? source)));
  const read = await readArchiveFiles(archive.archivePath, archive.root, (path) => wanted.has(path));
  for (const { layout, candidate, members } of plans) {
    const map = new Map<string, Uint8Array>();
    const indexed: IndexedFile[] = [];
    for (const [relPath, source] of members) {
      const bytes = read.get(source)?.bytes ?? read.get(hardlinks.get(source) ?? source)?.bytes;
      const file = files.get(source);
      if (bytes === undefined || file === undefined) continue;
      map.set(relPath, bytes);
      indexed.push({ ...file, path: candidate.kind === 'file' ? layout : `${layout}/${relPath}` });
    }
    result.set(layout, { hash: await hashFileMap(map, candidate.kind), files: indexed });
  }
  return result;
}

/** An artifact's files as relative path → archive path of the bytes, links inside it resolved one level. */
function membersOf(layout: string, kind: ArtifactKind, files: ReadonlyMap<string, IndexedFile>, symlinks: ReadonlyMap<string, string>): Map<string, string> {
  const members = new Map<string, string>();
  // A file artifact is its one file; one that is a link has nothing inside it to point at, and hashing leaves it out.
  if (kind === 'file') return files.has(layout) ? new Map([['', layout]]) : members;
  const prefix = `${layout}/`;
  for (const [path, file] of files) {
    const place = placeOf(path);
    if (path.startsWith(prefix) && place.kind === 'artifact' && place.layout === layout) members.set(path.slice(prefix.length), file.path);
  }
  for (const [link, target] of symlinks) {
    if (!link.startsWith(prefix) || !target.startsWith(prefix)) continue;
    const linkRel = link.slice(prefix.length);
    if (files.has(target)) members.set(linkRel, target);
    else {
      for (const path of files.keys()) {
        const relPath = `${linkRel}${path.slice(target.length)}`;
        if (path.startsWith(`${target}/`) && !isIgnoredPath(relPath)) members.set(relPath, path);
      }
    }
  }
  return members;
}

/** Where the archive member at `path` (below the root) belongs: an artifact's file, an ignored file, or another file. */
function placeOf(path: string): Place {
  const segments = path.split('/');
  for (const type of ARTIFACT_TYPES) {
    const info = artifactTypeInfo(type);
    if (segments[0] !== info.folder || segments.length < 2) continue;
    if (info.kind === 'file') {
      if (segments.length === 2 && layoutPath(path, type) === path) return { kind: 'artifact', layout: path, type, artifactKind: 'file', relPath: '' };
      break;
    }
    const layout = segments.slice(0, 2).join('/');
    if (segments.length < 3 || layoutPath(layout, type) !== layout) break;
    const relPath = segments.slice(2).join('/');
    // The ignore set applies inside an artifact, never to its root (spec 2).
    return isIgnoredPath(relPath) ? { kind: 'ignored' } : { kind: 'artifact', layout, type, artifactKind: 'folder', relPath };
  }
  return isIgnoredPath(path) ? { kind: 'ignored' } : { kind: 'other' };
}

/** True when a segment of `path` is in the one ignore set: such files are in no hash, so in no index. */
function isIgnoredPath(path: string): boolean {
  const segments = path.split('/');
  return segments.some((segment, index) => isIgnoredName(segment, index < segments.length - 1));
}

function corrupt(archive: IndexedArchive, problem: string): SkillmeatError {
  return new SkillmeatError('corrupt_file', `The snapshot archive ${archive.archivePath} cannot be indexed: ${problem}.`, { path: archive.archivePath });
}
