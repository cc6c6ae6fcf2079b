import { describe, expect, it } from 'vitest';
import { pathsFromDropText } from './dropped-path.js';

describe('paths from dropped text', () => {
  it('takes an absolute POSIX path as it is', () => {
    expect(pathsFromDropText('/home/me/code/webapp\n')).toEqual(['/home/me/code/webapp']);
  });

  it('decodes a file URL', () => {
    expect(pathsFromDropText('file:///home/me/my%20app')).toEqual(['/home/me/my app']);
  });

  it('reads every entry of a uri-list, skipping comments', () => {
    expect(pathsFromDropText('# dropped\r\nfile:///a\r\nfile:///b\r\n')).toEqual(['/a', '/b']);
  });

  it('turns a Windows file URL into a drive path', () => {
    expect(pathsFromDropText('file:///C:/Users/me/app')).toEqual(['C:/Users/me/app']);
  });

  it('ignores text that names no absolute path', () => {
    expect(pathsFromDropText('hello world\nrelative/path\nhttps://example.com/x')).toEqual([]);
  });
});
