import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { timestampInForm, toRfc3339 } from './time.js';

describe('toRfc3339', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('reads a timestamp without an offset as UTC, whatever the local time zone (the Python tool writes them so)', () => {
    process.env.TZ = 'America/New_York';
    expect(toRfc3339('2025-12-17T14:30:22.123456')).toBe('2025-12-17T14:30:22Z');
    expect(toRfc3339('2025-12-17 14:30:22')).toBe('2025-12-17T14:30:22Z');
    expect(toRfc3339('2025-12-17T14:30')).toBe('2025-12-17T14:30:00Z');
    expect(toRfc3339(parse('a = 2025-12-17T14:30:22.123456').a)).toBe('2025-12-17T14:30:22Z');
  });

  it('keeps an offset given, and refuses what is no time', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(toRfc3339('2025-12-17T14:30:22+01:00')).toBe('2025-12-17T13:30:22Z');
    expect(toRfc3339('2025-12-17T14:30:22Z')).toBe('2025-12-17T14:30:22Z');
    expect(toRfc3339('yesterday')).toBeUndefined();
    expect(toRfc3339(42)).toBeUndefined();
  });
});

describe('timestampInForm', () => {
  it('keeps what the file held when it says the same time, bytes and all', () => {
    expect(timestampInForm('2025-12-17T14:30:22Z', '2025-12-17T14:30:22.123456')).toBe('2025-12-17T14:30:22.123456');
    const local = parse('a = 2025-12-17T14:30:22').a;
    expect(timestampInForm('2025-12-17T14:30:22Z', local)).toBe(local);
  });

  it('writes a new time in the form the file used: naive with as many fraction digits, +00:00, a TOML date-time, else Z', () => {
    expect(timestampInForm('2026-01-02T03:04:05Z', '2025-12-17T14:30:22.123456')).toBe('2026-01-02T03:04:05.000000');
    expect(timestampInForm('2026-01-02T03:04:05Z', '2025-12-17 14:30:22')).toBe('2026-01-02 03:04:05');
    expect(timestampInForm('2026-01-02T03:04:05Z', '2025-12-17T14:30:22+00:00')).toBe('2026-01-02T03:04:05+00:00');
    expect((timestampInForm('2026-01-02T03:04:05Z', parse('a = 2025-12-17T14:30:22').a) as Date).toISOString()).toBe('2026-01-02T03:04:05.000');
    expect((timestampInForm('2026-01-02T03:04:05Z', parse('a = 2025-12-17T14:30:22Z').a) as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(timestampInForm('2026-01-02T03:04:05Z', undefined)).toBe('2026-01-02T03:04:05Z');
  });
});
