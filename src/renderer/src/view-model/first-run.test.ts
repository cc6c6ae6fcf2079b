import { describe, expect, it } from 'vitest';
import { firstRunSteps } from './first-run.js';

const states = (home: Parameters<typeof firstRunSteps>[0]) => firstRunSteps(home).map((s) => `${s.id}:${s.state}`);

describe('firstRunSteps', () => {
  it('starts an empty home at creating a collection', () => {
    expect(states({ hasCollection: false, artifacts: 0, projects: 0 })).toEqual(['collection:next', 'artifacts:later', 'project:later']);
  });

  it('moves on as each thing exists', () => {
    expect(states({ hasCollection: true, artifacts: 0, projects: 0 })).toEqual(['collection:done', 'artifacts:next', 'project:later']);
    expect(states({ hasCollection: true, artifacts: 2, projects: 0 })).toEqual(['collection:done', 'artifacts:done', 'project:next']);
  });

  it('points at the first step not done, even when a later one is (a project imported before any collection)', () => {
    expect(states({ hasCollection: false, artifacts: 0, projects: 1 })).toEqual(['collection:next', 'artifacts:later', 'project:done']);
  });

  it('disappears once everything is there', () => {
    expect(firstRunSteps({ hasCollection: true, artifacts: 1, projects: 1 })).toEqual([]);
  });
});
