/**
 * The one artifact-type registry. Every path of an artifact, in a collection or in a project's
 * `.claude/` folder, is derived here; no other module spells a plural or a suffix.
 */
export const ARTIFACT_TYPES = ['skill', 'command', 'agent', 'hook', 'mcp'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export type ArtifactKind = 'folder' | 'file';

export interface ArtifactTypeInfo {
  readonly type: ArtifactType;
  readonly kind: ArtifactKind;
  /** Folder holding artifacts of this type, relative to a collection root or `.claude/`. */
  readonly folder: string;
  /** Suffix of a file artifact's file name (empty for folders). */
  readonly suffix: string;
  /** A file a folder artifact must contain, if any. */
  readonly requiredFile?: string;
}

const REGISTRY: Readonly<Record<ArtifactType, ArtifactTypeInfo>> = {
  skill: { type: 'skill', kind: 'folder', folder: 'skills', suffix: '', requiredFile: 'SKILL.md' },
  command: { type: 'command', kind: 'file', folder: 'commands', suffix: '.md' },
  agent: { type: 'agent', kind: 'file', folder: 'agents', suffix: '.md' },
  hook: { type: 'hook', kind: 'folder', folder: 'hooks', suffix: '' },
  mcp: { type: 'mcp', kind: 'folder', folder: 'mcp', suffix: '' },
};

/** Registry entry of a type. */
export function artifactTypeInfo(type: ArtifactType): ArtifactTypeInfo {
  return REGISTRY[type];
}

/** True when `value` names an artifact type. */
export function isArtifactType(value: string): value is ArtifactType {
  return (ARTIFACT_TYPES as readonly string[]).includes(value);
}

/** POSIX path of an artifact relative to its root (a collection folder or `<project>/.claude/`). */
export function artifactRelativePath(type: ArtifactType, name: string): string {
  const info = REGISTRY[type];
  return `${info.folder}/${name}${info.suffix}`;
}

/** The key of an artifact in `collection.lock`: `<name>::<type>`. */
export function lockKey(type: ArtifactType, name: string): string {
  return `${name}::${type}`;
}
