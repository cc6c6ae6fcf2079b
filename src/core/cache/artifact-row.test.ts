import { describe, expect, it } from 'vitest';
import { artifactFields, assertValidRows, checkDigest, recordKey, type DriftCheckRow } from './artifact-row.js';

function row(name: string, overrides: Partial<DriftCheckRow> = {}): DriftCheckRow {
  return {
    name,
    type: 'skill',
    collection: 'default',
    source: null,
    deployedVersion: null,
    upstreamVersion: null,
    driftType: null,
    baselineSha: 'b'.repeat(64),
    collectionSha: 'b'.repeat(64),
    projectSha: 'b'.repeat(64),
    deployedAt: null,
    ...overrides,
  };
}

function digestOf(rows: readonly DriftCheckRow[], addedCount = 0): string {
  return checkDigest(new Map(rows.map((r) => [recordKey(r), artifactFields(r)])), addedCount);
}

describe('checkDigest', () => {
  it('does not depend on the order of the rows', () => {
    expect(digestOf([row('a'), row('b')])).toBe(digestOf([row('b'), row('a')]));
  });

  it('changes when any stored field changes', () => {
    const base = digestOf([row('a')]);
    expect(digestOf([row('a', { driftType: 'modified' })])).not.toBe(base);
    expect(digestOf([row('a', { projectSha: null })])).not.toBe(base);
    expect(digestOf([row('a', { upstreamVersion: '2.0.0' })])).not.toBe(base);
  });

  it('changes with the added count', () => {
    expect(digestOf([row('a')], 1)).not.toBe(digestOf([row('a')], 0));
  });

  it('tells a null field from the text "null"', () => {
    expect(digestOf([row('a', { source: 'null' })])).not.toBe(digestOf([row('a', { source: null })]));
  });
});

describe('assertValidRows', () => {
  it('accepts the same name in two types or two collections', () => {
    expect(() => assertValidRows([row('a'), row('a', { type: 'command' }), row('a', { collection: 'work' })])).not.toThrow();
  });

  it('refuses an unsafe artifact name', () => {
    expect(() => assertValidRows([row('../escape')])).toThrow(expect.objectContaining({ code: 'invalid_name' }));
  });

  it('refuses an unknown drift type', () => {
    const bad = { ...row('a'), driftType: 'lost' } as unknown as DriftCheckRow;
    expect(() => assertValidRows([bad])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
