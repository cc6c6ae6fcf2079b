import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { listArtifactFiles } from './artifact-files.js';
import { pathExists } from './path-exists.js';

const SPECIAL_MODE_BITS = 0o7000;

/**
 * Copies exactly the files `listArtifactFiles(sourceRoot, kind, { onEscapingLink: 'refuse' })`
 * lists to `destRoot`, which must not exist yet, so the copy hashes the same as the source. In-artifact
 * links become regular files; permission bits are kept (scripts stay executable) but not
 * setuid/setgid/sticky. Callers copy into a staging path and rename it into place. On failure the
 * partial copy is removed. Returns the relative paths copied (`['']` for a file artifact).
 */
export async function copyArtifact(sourceRoot: string, destRoot: string, kind: ArtifactKind): Promise<string[]> {
  const files = await listArtifactFiles(sourceRoot, kind, { onEscapingLink: 'refuse' });
  if (files === undefined) {
    throw new SkillmeatError('not_found', `Nothing to copy: ${sourceRoot} does not exist.`, { path: sourceRoot });
  }
  if (await pathExists(destRoot)) throw alreadyExists(destRoot);
  await mkdir(dirname(destRoot), { recursive: true }).catch((error: unknown) => {
    throw ioError('create the folder', dirname(destRoot), error);
  });
  if (kind === 'folder') {
    await mkdir(destRoot).catch((error: unknown) => {
      throw isErrnoCode(error, 'EEXIST') ? alreadyExists(destRoot) : ioError('create the folder', destRoot, error);
    });
  }
  let current = sourceRoot;
  try {
    const created = new Set<string>([destRoot]);
    for (const file of files) {
      const target = kind === 'file' ? destRoot : join(destRoot, ...file.relPath.split('/'));
      current = file.absPath;
      const parent = dirname(target);
      if (kind === 'folder' && !created.has(parent)) {
        await mkdir(parent, { recursive: true });
        created.add(parent);
      }
      // copyFile gives the copy the source's mode; EXCL so that nothing already there is replaced.
      await copyFile(file.absPath, target, constants.COPYFILE_EXCL);
      if ((file.mode & SPECIAL_MODE_BITS) !== 0) await chmod(target, file.mode & 0o777);
    }
  } catch (error) {
    // A file artifact's target that appeared meanwhile is someone else's: leave it alone.
    if (kind === 'file' && isErrnoCode(error, 'EEXIST')) throw alreadyExists(destRoot);
    await rm(destRoot, { recursive: true, force: true }).catch(() => undefined);
    throw ioError('copy', `${current} into ${destRoot}`, error);
  }
  return files.map((file) => file.relPath);
}

function alreadyExists(path: string): SkillmeatError {
  return new SkillmeatError('already_exists', `Cannot copy into ${path}: something is already there. Copy into a new path.`, { path });
}

