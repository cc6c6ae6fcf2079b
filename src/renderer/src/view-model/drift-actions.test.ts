import { describe, expect, it } from 'vitest';
import { actionsFor } from './drift-actions.js';

const actions = (recommendation: Parameters<typeof actionsFor>[0]['recommendation']) => actionsFor({ recommendation }).map((c) => c.action);

describe('actions of a drift entry', () => {
  it('offers sync first for an outdated artifact', () => {
    expect(actions('sync')).toEqual(['sync', 'remove']);
  });

  it('merges a conflict by syncing', () => {
    expect(actions('merge')).toEqual(['sync', 'remove']);
  });

  it('offers push first for a modified artifact', () => {
    expect(actions('push')).toEqual(['push', 'remove']);
  });

  it('offers redeploy first for a deleted copy', () => {
    expect(actions('redeploy')).toEqual(['redeploy', 'remove']);
  });

  it('offers only remove for an artifact gone from its collection, and marks it recommended', () => {
    expect(actionsFor({ recommendation: 'remove_from_project' })).toEqual([expect.objectContaining({ action: 'remove', recommended: true })]);
  });

  it('offers remove, not recommended, for an artifact in sync', () => {
    expect(actionsFor({ recommendation: null })).toEqual([expect.objectContaining({ action: 'remove', recommended: false })]);
  });

  it('marks only the first action as recommended', () => {
    expect(actionsFor({ recommendation: 'push' }).map((c) => c.recommended)).toEqual([true, false]);
  });
});
