import { describe, expect, it } from 'vitest';
import { safetySnapshotMessage, snapshotKind } from './snapshot-kind.js';

describe('snapshotKind', () => {
  it('reads a safety snapshot and the operation it preceded from its message', () => {
    expect(snapshotKind({ automatic: true, message: safetySnapshotMessage('push') })).toEqual({ kind: 'safety', operation: 'push' });
  });

  it('calls any other automatic snapshot automatic (the Python tool marks its own with [auto])', () => {
    expect(snapshotKind({ automatic: true, message: '[auto] Before sync' })).toEqual({ kind: 'automatic', operation: null });
    expect(snapshotKind({ automatic: true, message: 'Safety snapshot before ' })).toEqual({ kind: 'automatic', operation: null });
  });

  it('takes a manual snapshot at its word, whatever its message says', () => {
    expect(snapshotKind({ automatic: false, message: 'Safety snapshot before push' })).toEqual({ kind: 'manual', operation: null });
  });
});
