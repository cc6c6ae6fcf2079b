import { rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Where record writers (deployment file, manifest, lock, pending merges) send their bytes: straight
 * to disk, one atomic file at a time, or into a `FileTransaction` that puts them in place together
 * with the trees they describe.
 */
export interface FileWriter {
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  deleteFile(path: string): Promise<void>;
}

/** Writes each file on its own, atomically (outside a transaction). */
export const directWriter: FileWriter = {
  writeFile: writeFileAtomic,
  deleteFile: async (path) => {
    await rm(path, { force: true });
  },
};
