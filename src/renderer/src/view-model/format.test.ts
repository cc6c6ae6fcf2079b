import { describe, expect, it } from 'vitest';
import { formatTime, shortHash } from './format.js';

describe('formats', () => {
  it('shortens a hash to 12 digits', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab');
  });

  it('shows a UTC time to the minute', () => {
    expect(formatTime('2026-03-04T05:06:07Z')).toBe('2026-03-04 05:06 UTC');
  });

  it('says "never" for a missing time', () => {
    expect(formatTime(null)).toBe('never');
  });
});
