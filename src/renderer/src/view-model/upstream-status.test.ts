import { describe, expect, it } from 'vitest';
import type { UpdateCheckResult, UpdateResult, UpstreamCheck, UpstreamInfo } from '../../../shared/results.js';
import { undoOfUpdate } from './undo-request.js';
import { checkSummary, heldVersion, updatedArtifacts, updateSummary, upstreamStanding } from './upstream-status.js';

const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const NEWER = '3'.repeat(40);

const record = (commit: string, version: string | null = 'v1.0.0'): { upstream: UpstreamInfo } => ({ upstream: { source: 'github:acme/skills/skills/canvas@main', version_spec: 'main', resolved_sha: commit, resolved_version: version } });

function check(overrides: Partial<UpstreamCheck> = {}): UpstreamCheck {
  return {
    name: 'canvas',
    type: 'skill',
    source: 'github:acme/skills/skills/canvas@main',
    version_spec: 'main',
    resolved_sha: OLD,
    resolved_version: 'v1.0.0',
    upstream_sha: NEW,
    upstream_version: 'v1.1.0',
    status: 'update_available',
    changed_files: [{ path: 'SKILL.md', change: 'modified' }],
    error: null,
    ...overrides,
  };
}

function updated(action: UpdateResult['artifacts'][number]['action'], overrides: Partial<UpdateResult> = {}): UpdateResult {
  return {
    collection: 'default',
    dry_run: false,
    status: action === 'conflict' ? 'partial' : 'ok',
    safety_snapshot_id: 's-1',
    artifacts: [
      {
        name: 'canvas',
        type: 'skill',
        source: 'github:acme/skills/skills/canvas@main',
        action,
        from_sha: OLD,
        to_sha: NEW,
        from_version: 'v1.0.0',
        to_version: 'v1.1.0',
        files: [],
        conflicts: action === 'conflict' ? [{ path: 'SKILL.md', kind: 'content', binary: false, base: 'a\n', local: 'b\n', remote: 'c\n', omitted: [], markers: null }] : [],
        new_sha: null,
        upstream_version_id: null,
        error: null,
      },
    ],
    ...overrides,
  };
}

describe("an artifact's upstream standing", () => {
  it('is local for an artifact not added from a git source, and unchecked before any check', () => {
    expect(upstreamStanding({}, check())).toEqual({ kind: 'local' });
    expect(upstreamStanding(record(OLD), undefined)).toEqual({ kind: 'unchecked' });
  });

  it('offers the upstream version and the files it changed when the check found the ref moved from the commit the record holds', () => {
    expect(upstreamStanding(record(OLD), check())).toEqual({ kind: 'update_available', version: 'v1.1.0', commit: NEW, files: [{ path: 'SKILL.md', change: 'modified' }] });
    expect(upstreamStanding(record(OLD), check({ upstream_version: null }))).toMatchObject({ kind: 'update_available', version: NEW.slice(0, 12) });
  });

  it('is up to date once the record holds what upstream names (after an update), with no new check', () => {
    expect(upstreamStanding(record(NEW), check())).toEqual({ kind: 'up_to_date' });
    expect(upstreamStanding(record(OLD), check({ status: 'up_to_date', upstream_sha: OLD }))).toEqual({ kind: 'up_to_date' });
  });

  it('offers the update again after an undo put the old record back, and says nothing of a record the check did not see', () => {
    expect(upstreamStanding(record(OLD), check())).toMatchObject({ kind: 'update_available' });
    expect(upstreamStanding(record(NEWER), check())).toEqual({ kind: 'unchecked' });
  });

  it('says why an upstream could not be checked, in the app\'s words', () => {
    const failed = check({ status: 'error', upstream_sha: null, error: { code: 'io_error', message: 'git is not installed. Install it, or pass --offline.' } });
    expect(upstreamStanding(record(OLD), failed)).toEqual({ kind: 'error', message: 'git is not installed.' });
  });

  it('names the version held by its tag or version, else by its short commit', () => {
    expect(heldVersion(record(OLD).upstream)).toBe('v1.0.0');
    expect(heldVersion(record(OLD, null).upstream)).toBe('111111111111');
  });
});

describe('what a check and an update say', () => {
  const result = (artifacts: UpstreamCheck[]): UpdateCheckResult => ({ collection: 'default', checked_at: '2026-01-01T00:00:00Z', artifacts, updates_available: artifacts.filter((a) => a.status === 'update_available').length });

  it('counts the updates available and the upstreams it could not reach', () => {
    expect(checkSummary(result([check(), check({ name: 'tidy' })]))).toEqual({ tone: 'success', text: '2 updates available.', conflicts: [] });
    expect(checkSummary(result([check({ status: 'up_to_date' }), check({ name: 'tidy', status: 'error', error: { code: 'io_error', message: 'offline' } })]))).toEqual({ tone: 'warning', text: 'Everything is up to date. 1 artifact could not be checked.', conflicts: [] });
    expect(checkSummary(result([])).text).toBe('No artifact of this collection comes from a git source.');
  });

  it('tells an update that kept the collection\'s edits from a plain one, and names the safety snapshot', () => {
    expect(updateSummary(updated('updated')).text).toBe('Update finished: canvas updated to v1.1.0. Safety snapshot s-1.');
    expect(updateSummary(updated('merged')).text).toBe("Update finished: canvas updated to v1.1.0, keeping the collection's own edits. Safety snapshot s-1.");
  });

  it('leaves a conflicting update to the merge view, naming its files', () => {
    const summary = updateSummary(updated('conflict'));
    expect(summary.tone).toBe('warning');
    expect(summary.text).toContain("canvas: upstream's changes and the collection's own edits conflict in SKILL.md — settle them with Merge…");
    expect(summary.conflicts).toEqual([{ artifact: 'canvas', type: 'skill', path: 'SKILL.md', kind: 'content' }]);
  });

  it('undoes the artifacts it changed by rolling them back to its safety snapshot; nothing to undo when it changed none', () => {
    expect(undoOfUpdate(updated('merged'), updatedArtifacts(updated('merged')))).toEqual({ kind: 'before-update', snapshotId: 's-1', collection: 'default', artifacts: [{ name: 'canvas', type: 'skill' }] });
    expect(undoOfUpdate(updated('conflict'), updatedArtifacts(updated('conflict')))).toBeNull();
    expect(undoOfUpdate(updated('updated', { safety_snapshot_id: null }), updatedArtifacts(updated('updated')))).toBeNull();
    expect(updatedArtifacts(updated('updated', { dry_run: true }))).toEqual([]);
  });
});
