import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { collectionsWatchFilter, isWatchNoise, projectWatchFilter } from './watched-paths.js';

describe('isWatchNoise', () => {
  it('keeps the deployment record, which drift is read from', () => {
    expect(isWatchNoise('.skillmeat-deployed.toml', false)).toBe(false);
  });

  it.each([
    ['a deploy staging folder', '.skillmeat-staging-0a1b2c3d4e5f', true],
    ['the pending merges file', '.skillmeat-pending.json', false],
    ['the project write lock', '.skillmeat.lock', false],
    ['an atomic-write temp file', '.SKILL.md.4242.0a1b2c3d.tmp', false],
    ['a stale lock moved aside', '..skillmeat.lock.4242.0a1b2c3d.stale', false],
    ['a collection staging folder', '.staging-0a1b2c3d4e5f', true],
    ['node_modules', 'node_modules', true],
    ['an editor swap file', 'SKILL.md.swp', false],
  ])('skips %s', (_what, name, isDirectory) => {
    expect(isWatchNoise(name, isDirectory)).toBe(true);
  });

  it.each(['SKILL.md', 'notes.tmp', 'run.sh', 'skills'])('keeps user content such as %s', (name) => {
    expect(isWatchNoise(name, false)).toBe(false);
  });
});

describe('projectWatchFilter', () => {
  const root = join('/work', 'project');
  const skip = projectWatchFilter(root);

  it('watches the project root, its .claude folder and what is inside', () => {
    expect([root, join(root, '.claude'), join(root, '.claude', 'skills', 'canvas', 'SKILL.md')].map((p) => skip(p))).toEqual([false, false, false]);
  });

  it('skips everything else in the project', () => {
    expect([join(root, 'node_modules'), join(root, 'src', 'index.ts'), join(root, '.git')].map((p) => skip(p))).toEqual([true, true, true]);
  });

  it('skips SkillMeat noise inside .claude', () => {
    expect(skip(join(root, '.claude', '.skillmeat-staging-0a1b2c3d4e5f'))).toBe(true);
  });

  it('lets chokidar watch the folders above a project that does not exist yet', () => {
    expect(skip('/work')).toBe(false);
  });
});

describe('collectionsWatchFilter', () => {
  const root = join('/home', '.skillmeat', 'collections');
  const skip = collectionsWatchFilter(root);

  it('watches every collection file', () => {
    expect(skip(join(root, 'default', 'skills', 'canvas', 'SKILL.md'))).toBe(false);
  });

  it('skips the rest of the home', () => {
    expect(skip(join('/home', '.skillmeat', 'snapshots', 'x.tar.gz'))).toBe(true);
  });

  it('skips collection staging folders', () => {
    expect(skip(join(root, 'default', '.staging-0a1b2c3d4e5f'))).toBe(true);
  });

  it('lets chokidar watch the home while the collections folder does not exist yet', () => {
    expect(skip(join('/home', '.skillmeat'))).toBe(false);
  });
});
