import { describe, expect, it } from 'vitest';
import { absoluteTime, dayLabel, localDayKey, relativeTime } from './local-time.js';

/** A local wall-clock time as the back end would send it (RFC 3339 UTC). */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const NOW = new Date(2026, 2, 18, 15, 30);

describe('relative times', () => {
  it('says "just now" within the minute', () => {
    expect(relativeTime(new Date(NOW.getTime() - 20_000).toISOString(), NOW)).toBe('just now');
  });

  it('counts minutes, then hours within the day', () => {
    expect(relativeTime(local(2026, 3, 18, 15, 25), NOW)).toBe('5 minutes ago');
    expect(relativeTime(local(2026, 3, 18, 12, 30), NOW)).toBe('3 hours ago');
  });

  it('says "yesterday" for the local day before, and counts days, weeks, months and years after', () => {
    expect(relativeTime(local(2026, 3, 17, 9), NOW)).toBe('yesterday');
    expect(relativeTime(local(2026, 3, 14), NOW)).toBe('4 days ago');
    expect(relativeTime(local(2026, 3, 4), NOW)).toBe('2 weeks ago');
    expect(relativeTime(local(2025, 12, 18), NOW)).toBe('3 months ago');
    expect(relativeTime(local(2025, 3, 1), NOW)).toBe('last year');
  });

  it('says how far ahead a time is when a clock runs ahead', () => {
    expect(relativeTime(local(2026, 3, 18, 17, 30), NOW)).toBe('in 2 hours');
    expect(relativeTime(local(2026, 5, 20), NOW)).toBe('in 2 months');
  });

  it('counts hours across midnight when the time is only a few hours back', () => {
    expect(relativeTime(local(2026, 3, 17, 23), new Date(2026, 2, 18, 1))).toBe('2 hours ago');
  });

  it('gives the absolute local time for the tooltip', () => {
    expect(absoluteTime(local(2026, 3, 17, 9, 5))).toMatch(/^Mar 17, 2026, 9:05:00 AM /);
  });
});

describe('local days', () => {
  it('keys a time by its local calendar day, not its UTC one', () => {
    expect(localDayKey(local(2026, 3, 17, 0, 5))).toBe('2026-03-17');
    expect(localDayKey(local(2026, 3, 17, 23, 55))).toBe('2026-03-17');
  });

  it('names today and yesterday, and other days in full', () => {
    expect(dayLabel(local(2026, 3, 18, 1), NOW)).toBe('Today');
    expect(dayLabel(local(2026, 3, 17, 23), NOW)).toBe('Yesterday');
    expect(dayLabel(local(2026, 3, 2), NOW)).toBe('Monday, March 2, 2026');
  });
});
