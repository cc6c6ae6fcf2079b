import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { tempPathBeside } from './atomic-write.js';
import { IGNORE_PATTERNS, isIgnoredName, isOwnTemporaryName } from './ignore.js';

describe('the ignore set', () => {
  it('is the list of versioning spec section 2, as data', () => {
    expect(IGNORE_PATTERNS).toEqual(['.git/', '.DS_Store', 'Thumbs.db', '__pycache__/', '*.pyc', '*.pyo', 'node_modules/', '.venv/', 'venv/', '*.swp', '*.swo', '*~', '.#*']);
  });

  it.each(['.git', '__pycache__', 'node_modules', '.venv', 'venv'])('ignores a folder named %s', (name) => {
    expect(isIgnoredName(name, true)).toBe(true);
  });

  it.each(['.git', '__pycache__', 'node_modules', '.venv', 'venv'])('keeps a file named %s (the pattern is for folders)', (name) => {
    expect(isIgnoredName(name, false)).toBe(false);
  });

  it.each(['.DS_Store', 'Thumbs.db', 'mod.pyc', 'mod.pyo', '.SKILL.md.swp', '.SKILL.md.swo', 'SKILL.md~', '.#SKILL.md'])('ignores a file named %s', (name) => {
    expect(isIgnoredName(name, false)).toBe(true);
  });

  it('applies a pattern without a trailing slash to folders too, as .gitignore does', () => {
    expect(isIgnoredName('old~', true)).toBe(true);
  });

  it.each(['SKILL.md', 'run.py', 'pyc', 'swp', '.gitignore', 'notes.tmp', 'a.pyc.md', '~backup', '#notes'])('keeps an ordinary file named %s', (name) => {
    expect(isIgnoredName(name, false)).toBe(false);
  });

  it.each(['.github', 'scripts', 'venvs', 'my.venv'])('keeps an ordinary folder named %s', (name) => {
    expect(isIgnoredName(name, true)).toBe(false);
  });
});

describe('our own temporary files', () => {
  it('ignores the temp file writeFileAtomic leaves beside a file', () => {
    const name = basename(tempPathBeside('/anywhere/SKILL.md'));
    expect(isOwnTemporaryName(name)).toBe(true);
    expect(isIgnoredName(name, false)).toBe(true);
  });

  it('ignores names starting with .skillmeat-, files and folders alike', () => {
    expect(isIgnoredName('.skillmeat-staging-0a1b2c', true)).toBe(true);
    expect(isIgnoredName('.skillmeat-deployed.toml', false)).toBe(true);
  });

  it('keeps user files that only look a little like ours', () => {
    expect(isIgnoredName('draft.tmp', false)).toBe(false);
    expect(isIgnoredName('.draft.tmp', false)).toBe(false);
    expect(isIgnoredName('.SKILL.md.12.nothex00.tmp', false)).toBe(false);
    expect(isIgnoredName('skillmeat-notes.md', false)).toBe(false);
  });
});
