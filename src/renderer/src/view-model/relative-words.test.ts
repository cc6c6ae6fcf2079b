import { describe, expect, it } from 'vitest';
import { relativeWords, type RelativeUnit } from './relative-words.js';

const UNITS: readonly RelativeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

describe('relative-time words', () => {
  it('are word for word what Intl.RelativeTimeFormat writes in English with numeric "auto"', () => {
    const intl = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const values = [-0, 0, ...Array.from({ length: 2401 }, (_, i) => i - 1200), 9999, -10_000, 123_456, -1_234_567, 1_000_000_000];
    for (const unit of UNITS) {
      for (const value of values) expect(relativeWords(value, unit), `${value} ${unit}`).toBe(intl.format(value, unit));
    }
  });

  it('name the day before and the week after', () => {
    expect(relativeWords(-1, 'day')).toBe('yesterday');
    expect(relativeWords(1, 'week')).toBe('next week');
    expect(relativeWords(-3, 'hour')).toBe('3 hours ago');
  });
});
