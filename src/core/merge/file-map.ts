import { readFile } from 'node:fs/promises';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { listArtifactFiles, type EscapingLinkPolicy } from '../fs/artifact-files.js';

/** The content of an artifact: POSIX path inside it → bytes, in hash order. A file artifact has one key, `''`. */
export type FileMap = ReadonlyMap<string, Uint8Array>;

/**
 * Reads an artifact into a FileMap, with the one ignore set applied (through listArtifactFiles, so
 * a merge sees exactly the files a hash covers); undefined when nothing is at `root`.
 */
export async function readFileMap(root: string, kind: ArtifactKind, onEscapingLink: EscapingLinkPolicy): Promise<FileMap | undefined> {
  const files = await listArtifactFiles(root, kind, { onEscapingLink });
  if (files === undefined) return undefined;
  const map = new Map<string, Uint8Array>();
  for (const file of files) map.set(file.relPath, await readListedFile(file.absPath));
  return map;
}

/** Reads a file a listing just named; one that vanished since is an error, never an absent file. */
export async function readListedFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    // Leaving it out would read as a deletion: a merge would delete it for real, a version would lack it.
    if (isErrnoCode(error, 'ENOENT')) {
      throw new SkillmeatError('io_error', `${path} disappeared while it was being read (something else is changing the folder). Try again when it is done.`, { path });
    }
    throw ioError('read', path, error);
  }
}
