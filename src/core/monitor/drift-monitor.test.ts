import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriftReport } from '../../shared/results.js';
import type { SkillMeat } from '../skillmeat.js';
import { afterThisTest, sampleSkill, tempCore, tempDir, workDir } from '../../../test/support/fixtures.js';
import { DriftMonitor, type DriftChange } from './drift-monitor.js';

/** Long enough for a loaded two-core machine; a passing run never waits this long. */
const WAIT_MS = 10_000;
/** How long "nothing happens" is watched for: many debounce periods plus the watcher's own latency. */
const QUIET_MS = 1_000;

/** Items as they arrive, with a way to wait for one that matches. */
class Arrivals<T> {
  readonly items: T[] = [];
  private waiters: { matches: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters.filter((w) => w.matches(item))) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(item);
    }
  }

  /** The first item (already here or yet to come) that matches; fails after WAIT_MS. */
  waitFor(matches: (item: T) => boolean, what: string): Promise<T> {
    const found = this.items.find(matches);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
      this.waiters.push({ matches, resolve: (item) => (clearTimeout(timer), resolve(item)) });
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets the monitor take in a check that just finished (it does so a few microtasks later). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function driftOf(report: DriftReport | undefined): string[] {
  return (report?.drift ?? []).map((e) => `${e.name}:${e.drift_type ?? 'none'}`);
}

/** An event naming `project` whose report holds exactly `drift` (`name:drift_type` entries). */
function changeFor(project: string, drift: readonly string[]): (change: DriftChange) => boolean {
  return (change) => change.reports.some((r) => r.project === project && JSON.stringify(driftOf(r)) === JSON.stringify(drift));
}

interface Watched {
  readonly core: SkillMeat;
  readonly project: string;
  readonly inProject: string;
  readonly inCollection: string;
  readonly monitor: DriftMonitor;
  readonly changes: Arrivals<DriftChange>;
  readonly errors: Arrivals<unknown>;
  /** Projects of each finished checkDrift call, in order. */
  readonly checks: Arrivals<readonly string[]>;
  /** While set, checkDrift throws it (after counting the call). */
  failWith: Error | undefined;
}

/** A real home whose skill "canvas" is deployed into one registered project. */
async function registeredProjectWithCanvas() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const project = workDir('skillmeat-project-');
  await core.deploy({ names: ['canvas'], project });
  await core.addProject(project);
  return { core, home, project };
}

/**
 * A real home whose skill "canvas" is deployed into one registered project, and a started monitor
 * over it whose checkDrift calls the real core (counted, and made to fail on demand).
 */
async function watchedProject(options: { debounceMs?: number; start?: boolean } = {}): Promise<Watched> {
  const { core, home, project } = await registeredProjectWithCanvas();
  const changes = new Arrivals<DriftChange>();
  const errors = new Arrivals<unknown>();
  const checks = new Arrivals<readonly string[]>();
  const watched: Watched = {
    core,
    project,
    inProject: join(project, '.claude/skills/canvas/SKILL.md'),
    inCollection: join(home, 'collections/default/skills/canvas/SKILL.md'),
    changes,
    errors,
    checks,
    failWith: undefined,
    monitor: new DriftMonitor({
      listProjects: async () => (await core.listProjects()).map((p) => p.path),
      collectionsRoot: core.paths.collectionsDir,
      checkDrift: async (projects) => {
        try {
          if (watched.failWith) throw watched.failWith;
          return await core.checkDrift(projects);
        } finally {
          checks.push(projects);
        }
      },
      debounceMs: options.debounceMs ?? 50,
      onDriftChanged: (change) => changes.push(change),
      onError: (error) => errors.push(error),
    }),
  };
  afterThisTest(() => watched.monitor.close()); // runs before the core closes (cleanups run last-registered first)
  if (options.start ?? true) await watched.monitor.start();
  return watched;
}

/** Waits until `count` checkDrift calls in all have finished and the monitor has taken in the last one. */
async function checksDone(w: Watched, count: number): Promise<void> {
  await w.checks.waitFor(() => w.checks.items.length >= count, `${count} drift checks`);
  await settle();
}

describe('DriftMonitor', () => {
  it('checks every project on start and stays quiet about projects without drift', async () => {
    const w = await watchedProject();
    expect(w.checks.items).toEqual([[w.project]]);
    expect(w.monitor.lastReports().map((r) => [r.project, driftOf(r)])).toEqual([[w.project, []]]);
    expect(w.changes.items).toEqual([]);
  });

  it('announces drift that already exists when it starts', async () => {
    const w = await watchedProject({ start: false });
    await writeFile(w.inProject, '# Edited before the app started\n');
    await w.monitor.start();
    expect(w.changes.items.map((c) => c.reports.map((r) => [r.project, driftOf(r)]))).toEqual([[[w.project, ['canvas:modified']]]]);
  });

  it('reports a deployed file edited on disk as modified', async () => {
    const w = await watchedProject();
    await writeFile(w.inProject, '# Local edit\n');
    const change = await w.changes.waitFor(changeFor(w.project, ['canvas:modified']), 'canvas modified');
    expect(change.reports.map((r) => r.project)).toEqual([w.project]);
    expect(change.checked_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('turns a burst of edits into one check', async () => {
    const w = await watchedProject({ debounceMs: 1_000 });
    for (let i = 0; i < 20; i++) {
      await writeFile(w.inProject, `# Edit ${i}\n`);
      await sleep(20); // spread out, so that each edit is its own file event, all within one debounce period
    }
    await w.changes.waitFor(changeFor(w.project, ['canvas:modified']), 'canvas modified');
    await sleep(QUIET_MS);
    expect(w.checks.items).toEqual([[w.project], [w.project]]); // start, then the burst
  });

  it('reports an edit of the collection copy as outdated', async () => {
    const w = await watchedProject();
    await writeFile(w.inCollection, '# Improved in the collection\n');
    await w.changes.waitFor(changeFor(w.project, ['canvas:outdated']), 'canvas outdated');
  });

  it('stays quiet when a change leaves the drift as it was', async () => {
    const w = await watchedProject();
    await writeFile(w.inProject, '# Local edit\n');
    await w.changes.waitFor(changeFor(w.project, ['canvas:modified']), 'canvas modified');
    await checksDone(w, 2);
    await writeFile(w.inProject, '# Another local edit\n');
    await checksDone(w, 3);
    expect(w.changes.items).toHaveLength(1);
  });

  it('announces drift that went away', async () => {
    const w = await watchedProject();
    await writeFile(w.inProject, '# Local edit\n');
    await w.changes.waitFor(changeFor(w.project, ['canvas:modified']), 'canvas modified');
    await writeFile(w.inProject, '# Skill\n'); // the deployed content again
    await w.changes.waitFor(changeFor(w.project, []), 'canvas back in sync');
  });

  it('ignores changes outside .claude and SkillMeat temporary files', async () => {
    const w = await watchedProject();
    await writeFile(join(w.project, 'README.md'), 'not an artifact\n');
    await writeFile(join(w.project, '.claude/.SKILL.md.4242.0a1b2c3d.tmp'), 'half written\n');
    await sleep(QUIET_MS);
    expect(w.checks.items).toHaveLength(1); // the start round only
  });

  it('checks nothing while paused and catches up in one round on resume', async () => {
    const w = await watchedProject();
    w.monitor.pause();
    await writeFile(w.inProject, '# Edited while paused\n');
    await writeFile(w.inCollection, '# Also edited while paused\n');
    await sleep(QUIET_MS);
    expect(w.checks.items).toHaveLength(1);
    await w.monitor.resume();
    expect(w.checks.items).toHaveLength(2);
    expect(w.changes.items.map((c) => c.reports.map((r) => driftOf(r)))).toEqual([[['canvas:conflict']]]);
  });

  it('announces nothing after close', async () => {
    const w = await watchedProject();
    await w.monitor.close();
    await writeFile(w.inProject, '# Edited after close\n');
    await sleep(QUIET_MS);
    expect(w.checks.items).toHaveLength(1);
    expect(w.changes.items).toEqual([]);
  });

  it('passes a failed check to onError and goes on watching', async () => {
    const w = await watchedProject();
    w.failWith = new Error('disk on fire');
    await writeFile(w.inProject, '# Local edit\n');
    expect(await w.errors.waitFor(() => true, 'an error')).toBe(w.failWith);
    w.failWith = undefined;
    await writeFile(w.inProject, '# Another local edit\n');
    await w.changes.waitFor(changeFor(w.project, ['canvas:modified']), 'canvas modified');
  });

  it('reports a vanished project in its own report and still checks the others', async () => {
    const w = await watchedProject();
    const other = workDir('skillmeat-project-');
    await w.core.deploy({ names: ['canvas'], project: other });
    await w.core.addProject(other);
    await w.monitor.refreshProjects();
    await checksDone(w, 2); // the new project's first round
    await rm(w.project, { recursive: true, force: true });
    const change = await w.changes.waitFor((c) => c.reports.some((r) => r.project === w.project && r.error !== null), 'a report of the vanished project');
    expect(change.reports.find((r) => r.project === w.project)?.error).toMatchObject({ code: 'not_found' });
    expect(w.errors.items).toEqual([]);
    await writeFile(w.inCollection, '# Improved in the collection\n');
    await w.changes.waitFor(changeFor(other, ['canvas:outdated']), 'the other project outdated');
  });

  it('watches a project registered after start and forgets one removed', async () => {
    const w = await watchedProject();
    const other = workDir('skillmeat-project-');
    await w.core.deploy({ names: ['canvas'], project: other });
    await w.core.addProject(other);
    await w.monitor.refreshProjects();
    await writeFile(join(other, '.claude/skills/canvas/SKILL.md'), '# Edited in the new project\n');
    await w.changes.waitFor(changeFor(other, ['canvas:modified']), 'the new project modified');
    await w.core.removeProject(w.project);
    await w.monitor.refreshProjects();
    const checksBefore = w.checks.items.length;
    await writeFile(w.inProject, '# Edited in the removed project\n');
    await sleep(QUIET_MS);
    expect(w.checks.items).toHaveLength(checksBefore);
    expect(w.monitor.lastReports().map((r) => r.project)).toEqual([other]);
  });

  it('checkNow re-checks every project and returns their reports', async () => {
    const w = await watchedProject();
    const reports = await w.monitor.checkNow();
    expect(reports.map((r) => [r.project, driftOf(r)])).toEqual([[w.project, []]]);
    expect(w.checks.items).toHaveLength(2);
  });

  it('refuses to start over an unreadable project registry, and can start once it is fixed', async () => {
    const w = await watchedProject({ start: false });
    const registry = await readFile(w.core.paths.projectsFile, 'utf8');
    await writeFile(w.core.paths.projectsFile, 'projects = "not a list"\n');
    await expect(w.monitor.start()).rejects.toMatchObject({ code: 'corrupt_file' });
    await writeFile(w.core.paths.projectsFile, registry);
    await w.monitor.start();
    expect(w.monitor.lastReports().map((r) => r.project)).toEqual([w.project]);
  });

  it('refuses checkNow before start', async () => {
    const w = await watchedProject({ start: false });
    await expect(w.monitor.checkNow()).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('call start() first') });
  });
});

describe('SkillMeat.driftMonitorPort', () => {
  it('watches the registered projects of the home', async () => {
    const { core, project } = await registeredProjectWithCanvas();
    const changes = new Arrivals<DriftChange>();
    const monitor = new DriftMonitor(core.driftMonitorPort({ debounceMs: 50, onDriftChanged: (c) => changes.push(c) }));
    afterThisTest(() => monitor.close());
    await monitor.start();
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Local edit\n');
    await changes.waitFor(changeFor(project, ['canvas:modified']), 'canvas modified');
  });
});
