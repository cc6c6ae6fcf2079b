import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { isStored, type FileContent, type FileMap } from '../merge/file-map.js';
import { ioError } from '../errors.js';

/**
 * Writes an artifact held as a FileMap into `target` (which must not exist): a folder of files, or
 * the one file of a file artifact. Large (stored) files are copied from their stored copy by the
 * kernel, never through memory. Each file keeps the permission bits of the same path in the first
 * of `modeSources` (artifact roots on disk) that has it, so merged scripts stay executable.
 */
export async function stageTree(target: string, files: FileMap, kind: ArtifactKind, modeSources: readonly (string | undefined)[]): Promise<void> {
  try {
    if (kind === 'file') {
      await mkdir(dirname(target), { recursive: true });
      await writeContent(target, files.get('') ?? new Uint8Array());
      await copyMode(target, modeSources.map((root) => root));
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    await mkdir(target);
    for (const [relPath, content] of files) {
      const path = join(target, ...relPath.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeContent(path, content);
      await copyMode(path, modeSources.map((root) => (root === undefined ? undefined : join(root, ...relPath.split('/')))));
    }
  } catch (error) {
    throw ioError('stage', target, error);
  }
}

/** Creates `path` (which must not exist) holding `content`. */
async function writeContent(path: string, content: FileContent): Promise<void> {
  if (isStored(content)) await copyFile(content.path, path, constants.COPYFILE_EXCL);
  else await writeFile(path, content, { flag: 'wx' });
}

async function copyMode(path: string, candidates: readonly (string | undefined)[]): Promise<void> {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const found = await stat(candidate).catch(() => undefined);
    if (found?.isFile()) {
      await chmod(path, found.mode & 0o777);
      return;
    }
  }
}
