/**
 * The one artifact-type registry. Every path of an artifact, in a collection or in a project's
 * `.claude/` folder, is derived here; no other module spells a plural or a suffix.
 */
import { nameProblem } from './names.js';

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

/**
 * `path`, read from a file (a manifest entry, a deployment record), spelled as the registry lays
 * out an artifact of `type`: `<folder>/<name><suffix>` with a valid name (`skills/canvas`,
 * `commands/review.md`); undefined when it is anything else — another folder, `..`, a parent such
 * as `skills` — so a hand-edited or hostile file cannot point an operation at another place.
 * Spellings that name the same place (a trailing `/`, a leading `./`, Windows separators) are
 * accepted and returned in the registry's form. The name may differ from the artifact's own: a
 * fork keeps the project copy where it was.
 */
export function layoutPath(path: string, type: ArtifactType): string | undefined {
  const info = REGISTRY[type];
  const spelled = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const prefix = `${info.folder}/`;
  if (!spelled.startsWith(prefix) || !spelled.endsWith(info.suffix)) return undefined;
  const name = spelled.slice(prefix.length, spelled.length - info.suffix.length);
  return nameProblem(name) === undefined ? spelled : undefined;
}

/** The key of an artifact in `collection.lock`: `<name>::<type>`. */
export function lockKey(type: ArtifactType, name: string): string {
  return `${name}::${type}`;
}
