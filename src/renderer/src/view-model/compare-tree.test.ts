import { describe, expect, it } from 'vitest';
import type { SnapshotDiff } from '../../../shared/snapshot-results.js';
import { compareSummary, compareTree, firstCompareFile } from './compare-tree.js';

const SHA = 'c'.repeat(64);
const file = (path: string, change: 'added' | 'modified' | 'removed') => ({ path, change, before_size: change === 'added' ? null : 1, after_size: change === 'removed' ? null : 1 });

const DIFF: SnapshotDiff = {
  collection: 'default',
  from: 's1',
  to: null,
  artifacts: [
    { name: 'tidy', type: 'skill', change: 'modified', before_hash: SHA, after_hash: SHA, files: [file('skills/tidy/SKILL.md', 'modified'), file('skills/tidy/docs/a.md', 'added')] },
    { name: 'review', type: 'command', change: 'added', before_hash: null, after_hash: SHA, files: [file('commands/review.md', 'added')] },
    { name: 'canvas', type: 'skill', change: 'modified', before_hash: SHA, after_hash: SHA, files: [file('skills/canvas/SKILL.md', 'modified')] },
  ],
  other_files: [file('collection.toml', 'modified')],
};

describe('a comparison as a tree', () => {
  it('groups artifacts as added, modified, removed (only groups with something), files under each, other files last', () => {
    const tree = compareTree(DIFF);
    expect(tree.map((g) => g.title)).toEqual(['Added', 'Modified', 'Other files']);
    expect(tree[1]?.artifacts.map((a) => a.name)).toEqual(['canvas', 'tidy']);
    expect(tree[1]?.artifacts[1]?.files.map((f) => `${f.label} ${f.change}`)).toEqual(['docs/a.md added', 'SKILL.md modified']);
    expect(tree[0]?.artifacts[0]?.files[0]).toEqual({ path: 'commands/review.md', label: 'review.md', change: 'added' });
    expect(tree[2]?.artifacts[0]?.files[0]?.path).toBe('collection.toml');
  });

  it('opens on the first file of the first modified artifact', () => {
    expect(firstCompareFile(compareTree(DIFF))).toBe('skills/canvas/SKILL.md');
  });

  it('sums it up in a line', () => {
    expect(compareSummary(DIFF)).toBe('3 artifacts: 1 added, 2 modified; 5 files differ.');
    expect(compareSummary({ ...DIFF, artifacts: [], other_files: [] })).toBe('No differences.');
  });
});
