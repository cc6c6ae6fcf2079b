import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/results.js';
import { attentionLine, projectNeedsAction } from './projects-attention.js';

const project = (name: string, needs: number | null): ProjectSummary => ({ path: `/p/${name}`, name, added: '2026-01-01T00:00:00Z', last_checked: needs === null ? null : '2026-01-02T00:00:00Z', needs_action: needs });

describe('projects that need action', () => {
  it('counts a project by its cached count until its report arrives', () => {
    expect(projectNeedsAction(project('a', 2), undefined)).toBe(true);
    expect(projectNeedsAction(project('b', 0), undefined)).toBe(false);
    expect(projectNeedsAction(project('c', null), undefined)).toBe(false);
  });

  it('says how many of the list need action', () => {
    expect(attentionLine([project('a', 2), project('b', 0), project('c', 1)], {})).toBe('2 of 3 projects need action.');
    expect(attentionLine([project('a', 1), project('b', 0)], {})).toBe('1 of 2 projects needs action.');
    expect(attentionLine([project('a', 0), project('b', 0)], {})).toBe('None of 2 projects needs action.');
    expect(attentionLine([], {})).toBe('');
  });
});
