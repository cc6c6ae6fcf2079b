import { describe, expect, it } from 'vitest';
import { NO_FILTER, passesFilter } from './list-filter.js';

describe('filtering a list', () => {
  it('keeps every row without a filter', () => {
    expect(passesFilter(NO_FILTER, ['canvas', 'skill'], false)).toBe(true);
  });

  it('keeps rows whose texts hold every word typed, in any case', () => {
    const filter = { query: 'Can SKILL', needsActionOnly: false };
    expect(passesFilter(filter, ['canvas-design', 'skill'], false)).toBe(true);
    expect(passesFilter(filter, ['canvas-design', 'command'], false)).toBe(false);
  });

  it('keeps only what needs action when asked', () => {
    const filter = { query: '', needsActionOnly: true };
    expect(passesFilter(filter, ['canvas'], true)).toBe(true);
    expect(passesFilter(filter, ['tidy'], false)).toBe(false);
  });
});
