import type { ArtifactKind, ArtifactType } from '../../shared/artifact-types.js';
import type { FileMap } from '../merge/file-map.js';

/** An artifact as the version store knows it. */
export interface ArtifactRef {
  readonly collection: string;
  readonly name: string;
  readonly type: ArtifactType;
}

/** Which copy a version describes. */
export type VersionScope = { readonly kind: 'project'; readonly path: string } | { readonly kind: 'collection'; readonly name: string };

/** What merge operations need of the version store (versioning spec 6). */
export interface VersionPort {
  /** Stores `files` as a version of `artifact` (idempotent; parents are added) and returns its id. */
  record(input: { artifact: ArtifactRef; kind: ArtifactKind; files: FileMap; parents: readonly string[]; mergeStrategy: string; scope: VersionScope }): Promise<string>;
  /** The id and content of the stored version of `artifact` with this content hash, if any. */
  lookup(artifact: ArtifactRef, contentHash: string): Promise<{ id: string; files: FileMap } | undefined>;
}
