import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { DRIFT_TYPES, type DriftEntry, type DriftReport, type DriftType } from '../shared/results.js';
import { driftChanges, summarizeDrift } from '../shared/drift-summary.js';
import { DriftNotifier, describeDrift, type DriftNotice, type DriftNotifierOptions } from './drift-notifications.js';

const SHA = 'a'.repeat(64);

/** A report of `project` in which each listed skill has the given drift. */
function report(project: string, drifted: Readonly<Record<string, DriftType>> = {}): DriftReport {
  const drift: DriftEntry[] = Object.entries(drifted).map(([name, driftType]) => ({
    name,
    type: 'skill',
    collection: 'default',
    drift_type: driftType,
    baseline_sha: SHA,
    upstream_sha: null,
    collection_sha: SHA,
    project_sha: SHA,
    collection_version: null,
    deployed_version: null,
    last_deployed: null,
    recommendation: null,
    change_origin: null,
    path: `skills/${name}`,
  }));
  const byType = Object.fromEntries(DRIFT_TYPES.map((type) => [type, drift.filter((entry) => entry.drift_type === type).length])) as Record<DriftType, number>;
  return { project, checked_at: '2025-01-01T00:00:00Z', drift, in_sync: [], added: [], summary: { deployed: drift.length, needs_action: drift.length, by_type: byType }, error: null, notices: [] };
}

/** Each project's report before, as the drift monitor keeps it. */
let previous = new Map<string, DriftReport>();

/** The event the monitor sends for these reports: each project's summary and what changed since its report before. */
function changed(...reports: DriftReport[]) {
  const projects = reports.map((next) => {
    const delta = { summary: summarizeDrift(next), changes: driftChanges(previous.get(next.project), next) };
    previous.set(next.project, next);
    return delta;
  });
  return { projects, checked_at: '2025-01-01T00:00:00Z' };
}

describe('DriftNotifier', () => {
  let shown: DriftNotice[];
  let focused: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    previous = new Map();
    shown = [];
    focused = false;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function notifier(options: Partial<DriftNotifierOptions> = {}): DriftNotifier {
    return new DriftNotifier({ notify: (notice) => shown.push(notice), isFocused: () => focused, burstMs: 5_000, minIntervalMs: 60_000, ...options });
  }

  it('says nothing until the burst is over', () => {
    notifier().driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(4_999);
    expect(shown).toEqual([]);
  });

  it('announces a project that went from clean to drifted once the burst is over', () => {
    notifier().driftChanged(changed(report('/p/api', { lint: 'modified', test: 'outdated' })));
    vi.advanceTimersByTime(5_000);
    expect(shown.map((notice) => notice.title)).toEqual(['api: 2 artifacts need action']);
  });

  it('coalesces a burst of changes into one notice naming every project', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(2_000);
    drift.driftChanged(changed(report('/p/web', { lint: 'modified' }), report('/p/docs', { fmt: 'conflict' })));
    vi.advanceTimersByTime(3_000);
    expect(shown).toEqual([
      { title: '3 projects drifted: api, web, docs', body: 'Open SkillMeat to see what changed in each.', projects: ['/p/api', '/p/web', '/p/docs'] },
    ]);
  });

  it('reports the latest count of a project that drifted further within the burst', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    drift.driftChanged(changed(report('/p/api', { lint: 'modified', test: 'modified', fmt: 'modified' })));
    vi.advanceTimersByTime(5_000);
    expect(shown.map((notice) => notice.title)).toEqual(['api: 3 artifacts need action']);
  });

  it('says nothing about a project that got better', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified', test: 'modified' })));
    vi.advanceTimersByTime(60_000);
    shown = [];
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(120_000);
    expect(shown).toEqual([]);
  });

  it('says nothing about a project that drifted and was fixed within the burst', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    drift.driftChanged(changed(report('/p/api')));
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([]);
  });

  it('announces a project that gained a new drifted artifact', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(60_000);
    drift.driftChanged(changed(report('/p/api', { lint: 'modified', test: 'outdated' })));
    vi.advanceTimersByTime(5_000);
    expect(shown.map((notice) => notice.title)).toEqual(['api: 1 artifact needs action', 'api: 2 artifacts need action']);
  });

  it('announces an artifact whose drift turned into a conflict', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(60_000);
    drift.driftChanged(changed(report('/p/api', { lint: 'conflict' })));
    vi.advanceTimersByTime(5_000);
    expect(shown).toHaveLength(2);
  });

  it('shows no more than one notice per interval, holding later changes for the next', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    drift.driftChanged(changed(report('/p/web', { lint: 'modified' })));
    vi.advanceTimersByTime(59_999);
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown.map((notice) => notice.title)).toEqual(['api: 1 artifact needs action', 'web: 1 artifact needs action']);
  });

  it('shows nothing while the window has focus, and drops what was due', () => {
    const drift = notifier();
    focused = true;
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    focused = false;
    vi.advanceTimersByTime(120_000);
    expect(shown).toEqual([]);
  });

  it('remembers drift seen while focused, so it is not announced later as new', () => {
    const drift = notifier();
    focused = true;
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    focused = false;
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([]);
  });

  it('uses the display name it is given for a project', () => {
    notifier({ nameOf: () => 'Billing API' }).driftChanged(changed(report('/p/api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    expect(shown[0]?.title).toBe('Billing API: 1 artifact needs action');
  });

  it('names a Windows project by its last folder', () => {
    notifier().driftChanged(changed(report('C:\\work\\api', { lint: 'modified' })));
    vi.advanceTimersByTime(5_000);
    expect(shown[0]?.title).toBe('api: 1 artifact needs action');
  });

  it('shows nothing after dispose', () => {
    const drift = notifier();
    drift.driftChanged(changed(report('/p/api', { lint: 'modified' })));
    drift.dispose();
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([]);
  });
});

describe('describeDrift', () => {
  it('names three projects and counts the rest', () => {
    const projects = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ path: `/p/${name}`, name, needsAction: 1 }));
    expect(describeDrift(projects).title).toBe('5 projects drifted: a, b, c and 2 more');
  });

  it('lists every project path for the click to open', () => {
    const projects = ['a', 'b', 'c', 'd'].map((name) => ({ path: `/p/${name}`, name, needsAction: 1 }));
    expect(describeDrift(projects).projects).toEqual(['/p/a', '/p/b', '/p/c', '/p/d']);
  });
});
