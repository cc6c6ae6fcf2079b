import type { ArtifactKind } from '../../shared/artifact-types.js';
import { isIgnoredName } from '../fs/ignore.js';

/**
 * Why a path inside an artifact cannot be stored or restored, or undefined when it can. A file
 * artifact's one path is `''`; a folder's paths are POSIX, relative, without `.`/`..` components,
 * backslashes or NUL (a restore must never write outside its target), and outside the ignore set
 * (stored content must hash as `hashArtifact` would hash it once restored).
 */
export function relPathProblem(relPath: string, kind: ArtifactKind): string | undefined {
  if (kind === 'file') return relPath === '' ? undefined : 'a file artifact holds one file, under the path ""';
  if (relPath === '') return 'it is empty';
  if (relPath.includes('\\') || relPath.includes('\0')) return 'it contains a backslash or NUL';
  const parts = relPath.split('/');
  for (const [index, part] of parts.entries()) {
    if (part === '' || part === '.' || part === '..') return 'it is not a plain relative path';
    if (isIgnoredName(part, index < parts.length - 1)) return `"${part}" is in the ignore set`;
  }
  return undefined;
}
