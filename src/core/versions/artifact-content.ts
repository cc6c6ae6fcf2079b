import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';
import { comparePaths } from '../hash/path-order.js';
import type { FileMap } from '../merge/file-map.js';
import { relPathProblem } from './rel-path.js';

/** What a version stores of an artifact: its bytes, and which files were executable. */
export interface ArtifactContent {
  readonly files: FileMap;
  readonly executable: readonly string[];
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
