import { describe, expect, it } from 'vitest';
import { folderName, shortHash } from './format.js';

describe('formats', () => {
  it('shortens a hash to 12 digits', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab');
  });

  it('names a project by its folder when nothing else does', () => {
    expect(folderName('/home/me/webapp/')).toBe('webapp');
  });
});
