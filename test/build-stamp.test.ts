// npm start rebuilds exactly when a build input changed (scripts/build-stamp.js).
import { describe, expect, it } from 'vitest';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// @ts-expect-error -- a plain-JavaScript script of the repository, without type declarations
import { inputFingerprint, isBuildCurrent, markBuilt } from '../scripts/build-stamp.js';
import { tempDir } from './support/fixtures.js';

async function project(): Promise<string> {
  const root = await tempDir('skillmeat-build-stamp-');
  await mkdir(join(root, 'src', 'core'), { recursive: true });
  await mkdir(join(root, 'out'));
  await writeFile(join(root, 'src', 'core', 'a.ts'), 'export const a = 1;\n');
  await writeFile(join(root, 'package-lock.json'), '{}\n');
  return root;
}

describe('the build stamp', () => {
  it('says a build is current until a source changes, a file appears or one is removed', async () => {
    const root = await project();
    const built = inputFingerprint(root) as string;
    expect(isBuildCurrent(root, 'out', built)).toBe(false);
    markBuilt(root, 'out', built);
    expect(isBuildCurrent(root, 'out', inputFingerprint(root))).toBe(true);

    await writeFile(join(root, 'src', 'core', 'a.ts'), 'export const a = 2;\n');
    // Same size: the modification time tells it apart.
    await utimes(join(root, 'src', 'core', 'a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(isBuildCurrent(root, 'out', inputFingerprint(root))).toBe(false);
    markBuilt(root, 'out', inputFingerprint(root));

    await writeFile(join(root, 'src', 'core', 'b.ts'), 'export const b = 1;\n');
    expect(isBuildCurrent(root, 'out', inputFingerprint(root))).toBe(false);
    markBuilt(root, 'out', inputFingerprint(root));

    await rm(join(root, 'src', 'core', 'b.ts'));
    expect(isBuildCurrent(root, 'out', inputFingerprint(root))).toBe(false);
    markBuilt(root, 'out', inputFingerprint(root));

    await writeFile(join(root, 'package-lock.json'), '{"lockfileVersion": 3}\n');
    expect(isBuildCurrent(root, 'out', inputFingerprint(root))).toBe(false);
  });
});
