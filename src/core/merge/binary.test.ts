import { describe, expect, it } from 'vitest';
import { BINARY_SNIFF_LENGTH, isBinary } from './binary.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('isBinary', () => {
  it('calls text without a NUL byte text', () => {
    expect(isBinary(bytes('# Skill\nhéllo\r\n'))).toBe(false);
  });

  it('calls an empty file text', () => {
    expect(isBinary(new Uint8Array())).toBe(false);
  });

  it('calls a file with a NUL byte binary', () => {
    expect(isBinary(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a))).toBe(true);
  });

  it('finds a NUL byte at the last sniffed position', () => {
    const data = new Uint8Array(BINARY_SNIFF_LENGTH).fill(0x61);
    data[BINARY_SNIFF_LENGTH - 1] = 0;
    expect(isBinary(data)).toBe(true);
  });

  it('ignores a NUL byte past the first 8,000 bytes, as git does', () => {
    const data = new Uint8Array(BINARY_SNIFF_LENGTH + 1).fill(0x61);
    data[BINARY_SNIFF_LENGTH] = 0;
    expect(isBinary(data)).toBe(false);
  });

  it('calls bytes that are not valid UTF-8 text when they hold no NUL', () => {
    expect(isBinary(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a))).toBe(false);
  });
});
