import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ARTIFACT_TYPES, artifactTypeInfo, type ArtifactType } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';

/**
 * Guesses the type of an artifact about to be added, from its shape and where it sits:
 * a folder with `SKILL.md` is a skill; a folder holding `hooks.json` is a hook and one holding
 * `.mcp.json`/`mcp.json` an MCP server; a `.md` file is a command or an agent when its parent
 * folder says so (`commands/`, `agents/`, as in a `.claude/` folder). Anything else needs `--type`.
 */
export async function detectArtifactType(sourcePath: string, isFolder: boolean): Promise<ArtifactType> {
  if (isFolder) {
    if (await exists(join(sourcePath, 'SKILL.md'))) return 'skill';
    if (await exists(join(sourcePath, 'hooks.json'))) return 'hook';
    if ((await exists(join(sourcePath, '.mcp.json'))) || (await exists(join(sourcePath, 'mcp.json')))) return 'mcp';
  } else if (extname(sourcePath) === '.md') {
    const parent = basename(dirname(sourcePath));
    const byFolder = ARTIFACT_TYPES.find((t) => artifactTypeInfo(t).kind === 'file' && artifactTypeInfo(t).folder === parent);
    if (byFolder) return byFolder;
  }
  throw new SkillmeatError(
    'invalid_input',
    `Cannot tell what kind of artifact ${sourcePath} is. Say it with --type (${ARTIFACT_TYPES.join(', ')}).`,
    { path: sourcePath },
  );
}

/** The artifact name a source path suggests: the folder name, or the file name without its suffix. */
export function defaultArtifactName(sourcePath: string, type: ArtifactType): string {
  const base = basename(sourcePath);
  const suffix = artifactTypeInfo(type).suffix;
  return suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
