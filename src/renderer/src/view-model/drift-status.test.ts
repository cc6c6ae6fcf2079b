import { describe, expect, it } from 'vitest';
import { DRIFT_TYPES } from '../../../shared/drift-types.js';
import { DRIFT_STATUS_ORDER, driftStatusOf, driftStatusView } from './drift-status.js';

describe('drift status view', () => {
  it('labels every drift type with the spec word itself', () => {
    for (const type of DRIFT_TYPES) expect(driftStatusView(type).label).toBe(type);
  });

  it('calls a record without drift "in sync"', () => {
    expect(driftStatusView(driftStatusOf({ drift_type: null })).label).toBe('in sync');
  });

  it('gives every status its own icon and colour', () => {
    const views = DRIFT_STATUS_ORDER.map(driftStatusView);
    expect(new Set(views.map((v) => v.icon)).size).toBe(views.length);
    expect(new Set(views.map((v) => v.tone)).size).toBe(views.length);
  });

  it('orders every status exactly once', () => {
    expect([...DRIFT_STATUS_ORDER].sort()).toEqual([...DRIFT_TYPES, 'in_sync'].sort());
  });
});
