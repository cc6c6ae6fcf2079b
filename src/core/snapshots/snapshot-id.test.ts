import { describe, it, expect } from 'vitest';
import { isSnapshotId, newSnapshotId, snapshotIdForm } from './snapshot-id.js';

const NOW = new Date('2025-12-17T14:30:22.987Z');

describe('newSnapshotId', () => {
  it('is the UTC second followed by three lowercase alphanumerics', () => {
    expect(newSnapshotId(NOW, new Set())).toMatch(/^20251217_143022_[a-z0-9]{3}$/);
  });

  it('uses UTC, not the local time zone', () => {
    expect(newSnapshotId(new Date('2025-01-01T00:00:00+05:00'), new Set())).toMatch(/^20241231_190000_/);
  });

  it('never returns an id that is already taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newSnapshotId(NOW, taken);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
    expect(taken.size).toBe(2000);
  });

  it('finds the last free name of a second when all others are taken', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const taken = new Set<string>();
    for (const a of alphabet) for (const b of alphabet) for (const c of alphabet) taken.add(`20251217_143022_${a}${b}${c}`);
    taken.delete('20251217_143022_q7x');
    expect(newSnapshotId(NOW, taken)).toBe('20251217_143022_q7x');
    taken.add('20251217_143022_q7x');
    expect(() => newSnapshotId(NOW, taken)).toThrow(expect.objectContaining({ code: 'already_exists' }));
  });

  it('refuses an invalid date', () => {
    expect(() => newSnapshotId(new Date('nope'), new Set())).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('isSnapshotId', () => {
  it('recognises our ids and the Python tool ids', () => {
    expect(snapshotIdForm('20251217_143022_a1z')).toBe('skillmeat');
    expect(snapshotIdForm('20251217-143022-123456')).toBe('python');
  });

  it.each([
    '20251217_143022_A1Z', // uppercase
    '20251217_143022_ab', // short suffix
    '20251317_143022_abc', // month 13
    '20250230_143022_abc', // 30 February
    '20251217_246022_abc', // hour 24
    '20251217-143022-12345', // Python id with five digits
    '20251217_143022-123456', // mixed separators
    '../20251217_143022_abc',
    '',
  ])('refuses %j', (id) => {
    expect(isSnapshotId(id)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isSnapshotId(20251217)).toBe(false);
    expect(isSnapshotId(undefined)).toBe(false);
  });
});
