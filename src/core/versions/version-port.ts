import type { ArtifactKind, ArtifactType } from '../../shared/artifact-types.js';
import type { FileMap } from '../merge/file-map.js';
import type { VersionStore } from './version-store.js';
import { SkillmeatError } from '../errors.js';
import type { VersionOperation } from './version-record.js';
import type { KeptContent } from './record-input.js';

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
  /** Stores `files` (or content a copy already kept in the store) as a version of `artifact` (idempotent; parents are added) and returns its id. */
  record(input: {
    artifact: ArtifactRef;
    kind: ArtifactKind;
    files: FileMap | KeptContent;
    parents: readonly string[];
    mergeStrategy: VersionOperation;
    scope: VersionScope;
    /** The user who decided this content (a resolved merge); `system` when omitted. */
    createdBy?: string;
    /** The artifact's own version (an upstream tag), when known. */
    versionTag?: string | undefined;
    metadata?: Readonly<Record<string, unknown>>;
  }): Promise<string>;
  /** The id and content of the stored version of `artifact` with this content hash, if any. */
  lookup(artifact: ArtifactRef, contentHash: string): Promise<{ id: string; files: FileMap; mergeStrategy: VersionOperation; metadata: Readonly<Record<string, unknown>> } | undefined>;
  /** The id alone of that version (reads one small file, not the content). */
  idOf(artifact: ArtifactRef, contentHash: string): Promise<string | undefined>;
  /** A version by id, with the artifact it belongs to and its content. */
  get(id: string): Promise<{ id: string; name: string; type: ArtifactType; files: FileMap } | undefined>;
}

/** The merge operations' view of a version store. */
export function versionPortOf(store: VersionStore): VersionPort {
  return {
    async record(input) {
      const version = await store.record({
        artifact: input.artifact,
        source: input.files,
        parents: input.parents,
        createdBy: input.createdBy ?? 'system',
        mergeStrategy: input.mergeStrategy,
        scope: input.scope,
        ...(input.metadata ? { metadata: input.metadata } : {}),
        ...(input.versionTag !== undefined ? { versionTag: input.versionTag } : {}),
      });
      return version.id;
    },
    async get(id) {
      // A malformed id names no version; any other failure (a corrupt version file) is the user's to see.
      const version = await store.get(id).catch((error: unknown) => {
        if (error instanceof SkillmeatError && error.code === 'invalid_input') return undefined;
        throw error;
      });
      return version && { id: version.id, name: version.artifact.name, type: version.artifact.type, files: await store.files(version) };
    },
    async idOf(artifact, contentHash) {
      return (await store.findByContent(artifact, contentHash))?.id;
    },
    async lookup(artifact, contentHash) {
      const version = await store.findByContent(artifact, contentHash);
      return version && { id: version.id, files: await store.files(version), mergeStrategy: version.merge_strategy, metadata: version.metadata };
    },
  };
}
