import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../shared/results.js';
import { summarizeDrift } from '../../../shared/drift-summary.js';
import { projectHealth } from './project-health.js';
import { driftEntry, driftReport } from './test-data.js';

describe('project health', () => {
  it('is unchecked when neither a report nor a cached count exists', () => {
    expect(projectHealth({ needs_action: null, last_checked: null }, undefined)).toEqual({ kind: 'unchecked' });
  });

  it('shows the cached count until a report arrives', () => {
    expect(projectHealth({ needs_action: 2, last_checked: '2026-01-01T00:00:00Z' }, undefined)).toEqual({ kind: 'cached', needsAction: 2, checkedAt: '2026-01-01T00:00:00Z' });
  });

  it('counts each status of a report, most urgent first, leaving zeros out', () => {
    const report: DriftReport = driftReport('/p', [driftEntry('a', 'outdated'), driftEntry('b', 'conflict'), driftEntry('c', null), driftEntry('d', 'outdated')]);
    const health = projectHealth({ needs_action: 0, last_checked: null }, report);
    expect(health).toMatchObject({ kind: 'checked', needsAction: 3, deployed: 4 });
    expect(health.kind === 'checked' && health.counts).toEqual([
      { status: 'conflict', count: 1 },
      { status: 'outdated', count: 2 },
      { status: 'in_sync', count: 1 },
    ]);
  });

  it('prefers the report over a stale cached count', () => {
    expect(projectHealth({ needs_action: 5, last_checked: null }, driftReport('/p', [driftEntry('a', null)]))).toMatchObject({ kind: 'checked', needsAction: 0 });
  });

  it('says a project whose folder is gone is missing, with where it was, rather than counting nothing', () => {
    const gone: DriftReport = { ...driftReport('/p', []), error: { code: 'not_found', message: 'Project folder /p does not exist.' } };
    expect(projectHealth({ needs_action: 1, last_checked: null }, gone)).toEqual({ kind: 'missing', path: '/p', checkedAt: '2026-01-01T00:00:00Z' });
  });

  it('reads a summary as it reads the report it summarizes', () => {
    const report = driftReport('/p', [driftEntry('a', 'modified'), driftEntry('b', null)]);
    expect(projectHealth({ needs_action: null, last_checked: null }, summarizeDrift(report))).toEqual(projectHealth({ needs_action: null, last_checked: null }, report));
  });

  it('says a project could not be checked, with the reason, rather than counting nothing', () => {
    const failed: DriftReport = { ...driftReport('/p', []), error: { code: 'symlink_escape', message: '/p/.claude/skills is a symbolic link.' } };
    expect(projectHealth({ needs_action: 1, last_checked: null }, failed)).toEqual({ kind: 'failed', message: '/p/.claude/skills is a symbolic link.', checkedAt: '2026-01-01T00:00:00Z' });
  });
});
