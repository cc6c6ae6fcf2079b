// Whether a build is up to date with its inputs (used by `npm start`): a fingerprint of every
// input's path, size and modification time, kept beside the output as `.build-stamp`. A source
// change, a new or a deleted file changes it; when nothing changed, checking costs milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Inputs every build reads besides `src/`. */
export const BUILD_CONFIG = ['package-lock.json', 'electron.vite.config.ts', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.build.json', 'scripts/build-cli.js'];

/** A hash of every build input's path, size and modification time under `root`. */
export function inputFingerprint(root) {
  const hash = createHash('sha256');
  const add = (path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return;
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      hash.update(`${relative(root, path)}\0${stats.size}\0${stats.mtimeMs}\n`);
    }
  };
  add(join(root, 'src'));
  for (const file of BUILD_CONFIG) add(join(root, file));
  return hash.digest('hex');
}

/** True when `outputDir` (relative to `root`) was built from inputs with this fingerprint. */
export function isBuildCurrent(root, outputDir, fingerprint) {
  const stampFile = join(root, outputDir, '.build-stamp');
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint;
}

/** Records that `outputDir` was built from inputs with this fingerprint (taken before the build began). */
export function markBuilt(root, outputDir, fingerprint) {
  writeFileSync(join(root, outputDir, '.build-stamp'), fingerprint);
}
