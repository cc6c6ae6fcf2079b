/**
 * The snapshot index sidecar, `snapshots/<collection>/<id>.index.json`: what a snapshot's archive
 * holds, artifact by artifact and file by file, so the timeline and `snapshots diff` never unpack
 * a tarball. It lives beside the archive rather than in snapshots.toml, which the Python tool
 * rewrites and whose entries must stay in the form it reads. Format in docs/layout.md.
 *
 * A sidecar is a cache, never the truth: it is signed with the home's journal key and must name its
 * snapshot and the exact size of its archive. Anything else — unreadable, wrongly shaped, signed by
 * another home, describing another archive — reads as absent, and the index is rebuilt from the archive.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ARTIFACT_TYPES, layoutPath } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { JournalKey } from '../fs/journal-key.js';

/** Bumped when the meaning of a field changes; a sidecar of another format is rebuilt. */
export const SNAPSHOT_INDEX_FORMAT = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);
/** A plain relative POSIX path: no empty, `.` or `..` segment, no NUL (other characters a tar member may hold are kept: these paths are shown, never written to). */
const relativePath = z.string().refine(isPlainRelativePath, 'not a plain relative path');

const indexedFileSchema = z.strictObject({ path: relativePath, size: count, sha256 });

const indexedArtifactSchema = z
  .strictObject({
    name: z.string().refine((name) => nameProblem(name) === undefined, 'not a valid artifact name'),
    type: z.enum(ARTIFACT_TYPES),
    /** Relative to the collection folder, as the type registry lays it out. */
    path: relativePath,
    content_hash: sha256,
    file_count: count,
    size_bytes: count,
    files: z.array(indexedFileSchema),
  })
  .refine((a) => layoutPath(a.path, a.type) === a.path, 'path is not where the registry puts an artifact of this type')
  .refine((a) => a.files.every((f) => f.path === a.path || f.path.startsWith(`${a.path}/`)), 'a file lies outside its artifact');

const indexContentSchema = z.strictObject({
  snapshot_id: z.string(),
  collection: z.string(),
  /** The archive's size in bytes when indexed: a sidecar left beside another archive of that id is not trusted. */
  tarball_size: count,
  artifacts: z.array(indexedArtifactSchema),
  /** Files outside every artifact: collection.toml, collection.lock, strays. */
  other_files: z.array(indexedFileSchema),
});

const sidecarSchema = z.strictObject({
  format: z.literal(SNAPSHOT_INDEX_FORMAT),
  /** HMAC-SHA256, under the home's journal key, of `JSON.stringify(index)`. */
  signature: sha256,
  index: z.unknown(),
});

/** One file of a snapshot (or of the collection now): path relative to the collection folder. */
export type IndexedFile = z.infer<typeof indexedFileSchema>;
/** One artifact of the manifest, with its content hash (versioning spec 2) and its files in hash order. */
export type IndexedArtifact = z.infer<typeof indexedArtifactSchema>;
/** What a snapshot's archive holds. */
export type SnapshotIndex = z.infer<typeof indexContentSchema>;

/** What a sidecar must say to describe this snapshot's archive. */
export interface IndexIdentity {
  readonly snapshotId: string;
  readonly tarballSize: number;
}

/** Where a snapshot's index sidecar lives (the id is a validated snapshot id, so this stays in the folder). */
export function indexFilePath(snapshotFolder: string, snapshotId: string): string {
  return join(snapshotFolder, `${snapshotId}.index.json`);
}

/** The index a sidecar holds, or undefined when it is absent or cannot be trusted for `identity` (see the module comment). */
export async function readIndexFile(path: string, identity: IndexIdentity, key: JournalKey | undefined): Promise<SnapshotIndex | undefined> {
  if (key === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  const sidecar = sidecarSchema.safeParse(parsed);
  if (!sidecar.success || !key.verifies(JSON.stringify(sidecar.data.index), sidecar.data.signature)) return undefined;
  const index = indexContentSchema.safeParse(sidecar.data.index);
  if (!index.success) return undefined;
  const { snapshot_id, tarball_size } = index.data;
  return snapshot_id === identity.snapshotId && tarball_size === identity.tarballSize ? index.data : undefined;
}

/** The sidecar's text for `index`, signed with `key`. */
export function indexFileText(index: SnapshotIndex, key: JournalKey): string {
  const body = JSON.stringify(index);
  return `{"format":${SNAPSHOT_INDEX_FORMAT},"signature":"${key.sign(body)}","index":${body}}\n`;
}

/** Writes the sidecar atomically. */
export async function writeIndexFile(path: string, index: SnapshotIndex, key: JournalKey): Promise<void> {
  await writeFileAtomic(path, indexFileText(index, key));
}

/** Deletes a snapshot's sidecar, if any. */
export async function deleteIndexFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

function isPlainRelativePath(path: string): boolean {
  if (path.length === 0 || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
