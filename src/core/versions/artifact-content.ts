import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';
import { listArtifactFiles } from '../fs/artifact-files.js';
import { comparePaths } from '../hash/path-order.js';
import { createHash } from 'node:crypto';
import { readListedFile, type FileContent, type FileMap, type LargeFileKeeper } from '../merge/file-map.js';
import { relPathProblem } from './rel-path.js';

/** What a version stores of an artifact: its bytes, and which files were executable. */
export interface ArtifactContent {
  readonly files: FileMap;
  readonly executable: readonly string[];
}

const ANY_EXECUTE_BIT = 0o111;

/**
 * Reads the artifact at `root` exactly as `hashArtifact` sees it (the ignore set applied, links
 * leaving the artifact skipped), so the stored content hashes the same; undefined when nothing is
 * there. Like `readFileMap`, plus the execute bits, which a restore must give back; large files
 * go to `keeper`.
 */
export async function readArtifactContent(root: string, kind: ArtifactKind, keeper: LargeFileKeeper): Promise<ArtifactContent | undefined> {
  const listed = await listArtifactFiles(root, kind, { onEscapingLink: 'skip' });
  if (listed === undefined) return undefined;
  const files = new Map<string, FileContent>();
  const executable: string[] = [];
  // Read for its bytes; the content hash is computed by the caller from the map.
  const unused = createHash('sha256');
  for (const file of listed) {
    files.set(file.relPath, await readListedFile(file.absPath, file.size, unused, keeper));
    if ((file.mode & ANY_EXECUTE_BIT) !== 0) executable.push(file.relPath);
  }
  return { files, executable };
}

/** Checks content handed over in memory (a merge result) and puts it in hash order; bad paths are `invalid_input`. */
export function checkedContent(files: FileMap, kind: ArtifactKind, executable: readonly string[] = []): ArtifactContent {
  if (kind === 'file' && files.size !== 1) {
    throw new SkillmeatError('invalid_input', `A file artifact's content is one file under the path "", but ${files.size} were given.`, { count: files.size });
  }
  for (const relPath of files.keys()) {
    const problem = relPathProblem(relPath, kind);
    if (problem !== undefined) throw new SkillmeatError('invalid_input', `Cannot store the path ${JSON.stringify(relPath)}: ${problem}.`, { relPath });
  }
  const unknown = executable.find((relPath) => !files.has(relPath));
  if (unknown !== undefined) throw new SkillmeatError('invalid_input', `${JSON.stringify(unknown)} is marked executable but is not among the files.`, { relPath: unknown });
  const ordered = new Map([...files.keys()].sort(comparePaths).map((relPath) => [relPath, files.get(relPath)!]));
  return { files: ordered, executable: [...new Set(executable)].sort(comparePaths) };
}
