import { describe, expect, it } from 'vitest';
import { relPathProblem } from './rel-path.js';

describe('relPathProblem', () => {
  it('accepts plain nested POSIX paths in a folder artifact', () => {
    expect(relPathProblem('SKILL.md', 'folder')).toBeUndefined();
    expect(relPathProblem('scripts/run.sh', 'folder')).toBeUndefined();
  });

  it('refuses paths that are empty, absolute, or climb out', () => {
    for (const path of ['', '/abs', 'a//b', './a', 'a/..', '..', 'a\\b', 'a\0b']) expect(relPathProblem(path, 'folder'), path).toBeDefined();
  });

  it('refuses what the ignore set leaves out, so a restore hashes as the version', () => {
    expect(relPathProblem('.git/config', 'folder')).toMatch(/ignore set/);
    expect(relPathProblem('a/.DS_Store', 'folder')).toMatch(/ignore set/);
  });

  it('accepts only "" for a file artifact', () => {
    expect(relPathProblem('', 'file')).toBeUndefined();
    expect(relPathProblem('x.md', 'file')).toBeDefined();
  });
});
