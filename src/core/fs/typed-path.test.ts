import { describe, expect, it } from 'vitest';
import { typedPath } from './typed-path.js';

describe('typedPath', () => {
  it('reads ~ and ~/… as the home folder', () => {
    expect(typedPath('~', '/home/ana')).toBe('/home/ana');
    expect(typedPath('~/skills/canvas', '/home/ana')).toBe('/home/ana/skills/canvas');
  });

  it('keeps an absolute path, tidied', () => {
    expect(typedPath('  /work/app/  ', '/home/ana')).toBe('/work/app/');
    expect(typedPath('/work//app/./x', '/home/ana')).toBe('/work/app/x');
  });

  it('refuses a relative path and says how to write it', () => {
    expect(() => typedPath('skills/canvas', '/home/ana')).toThrow(/skills\/canvas is a relative path.*full path/);
    expect(() => typedPath('./x', '/home/ana')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it("refuses another user's home (~name)", () => {
    expect(() => typedPath('~bob/x', '/home/ana')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
