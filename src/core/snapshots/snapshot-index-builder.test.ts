import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, writeTree } from '../../../test/support/temp-files.js';
import { hashArtifact } from '../hash/content-hash.js';
import { buildSnapshotIndex } from './snapshot-index-builder.js';

const MANIFEST = `[collection]
name = "default"

[[artifacts]]
name = "canvas"
type = "skill"
path = "skills/canvas"

[[artifacts]]
name = "review"
type = "command"
path = "commands/review.md"
`;

/** A collection folder archived by GNU tar, with a link inside an artifact (which sends the artifact through the second, in-memory pass). */
async function archivedByTar(): Promise<{ root: string; archive: string }> {
  const dir = await tempDir();
  const root = join(dir, 'default');
  await writeTree(root, {
    'collection.toml': MANIFEST,
    'skills/canvas/SKILL.md': '# Canvas\n',
    'skills/canvas/a/z.md': 'z',
    'skills/canvas/a-b.md': 'x',
    'skills/canvas/.DS_Store': 'finder',
    'skills/stray/SKILL.md': '# not in the manifest\n',
    'commands/review.md': '# Review\n',
  });
  await symlink('SKILL.md', join(root, 'skills/canvas/link.md'));
  const archive = join(dir, 'snapshot.tar.gz');
  const tar = spawnSync('tar', ['-czf', archive, '--sort=name', '-C', dir, 'default'], { encoding: 'utf8' });
  expect(tar.status, tar.stderr).toBe(0);
  return { root, archive };
}

describe('buildSnapshotIndex', () => {
  it('gives each artifact the content hash hashing gives the same folder: ignore set applied, a link inside standing for its target', async () => {
    const { root, archive } = await archivedByTar();
    const index = await buildSnapshotIndex({ archivePath: archive, root: 'default', snapshotId: 's', collection: 'default', tarballSize: 1 });
    expect(index.artifacts.map((a) => [a.type, a.name, a.content_hash])).toEqual([
      ['skill', 'canvas', await hashArtifact(join(root, 'skills/canvas'), 'folder')],
      ['command', 'review', await hashArtifact(join(root, 'commands/review.md'), 'file')],
    ]);
    expect(index.artifacts[0]!.files.map((f) => f.path)).toEqual(['skills/canvas/SKILL.md', 'skills/canvas/a/z.md', 'skills/canvas/a-b.md', 'skills/canvas/link.md']);
    expect(index.artifacts[0]!.file_count).toBe(4);
    expect(index.other_files.map((f) => f.path)).toEqual(['collection.toml', 'skills/stray/SKILL.md']);
  });

  it('refuses an archive without a manifest as corrupt', async () => {
    const dir = await tempDir();
    await writeTree(join(dir, 'default'), { 'skills/canvas/SKILL.md': '# Canvas\n' });
    const archive = join(dir, 'snapshot.tar.gz');
    spawnSync('tar', ['-czf', archive, '-C', dir, 'default']);
    await expect(buildSnapshotIndex({ archivePath: archive, root: 'default', snapshotId: 's', collection: 'default', tarballSize: 1 })).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});
