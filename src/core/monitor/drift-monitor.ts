import { watch, type FSWatcher } from 'chokidar';
import { dirname } from 'node:path';
import type { DriftReport } from '../../shared/results.js';
import { SkillmeatError } from '../errors.js';
import { pathExists } from '../fs/path-exists.js';
import { rfc3339 } from '../time.js';
import { driftChanged, type DriftChange } from './drift-change.js';
import { driftChanges, summarizeDrift, type ProjectDriftDelta } from '../../shared/drift-summary.js';
import { collectionsWatchFilter, projectWatchFilter, type WatchFilter } from './watched-paths.js';

export type { DriftChange } from './drift-change.js';

/** What the monitor needs from the core: kept small so tests and other hosts can supply their own. */
export interface DriftMonitorPort {
  /** Registered project roots, in registry order. */
  listProjects(): Promise<readonly string[]>;
  /** `<home>/collections`: a change under it re-checks every project (any may deploy from it). */
  readonly collectionsRoot: string;
  /** Drift reports of the given projects, in the same order. */
  checkDrift(projects: readonly string[]): Promise<DriftReport[]>;
  /** Quiet time that ends a burst of file events; default 300 ms. */
  readonly debounceMs?: number;
  /** Receives the projects whose drift changed in a round (never called with none). */
  onDriftChanged(change: DriftChange): void;
  /** Receives failures of background rounds, of watchers and of `onDriftChanged`; the monitor keeps running. */
  onError?(error: unknown): void;
}

type Lifecycle = 'idle' | 'running' | 'closed';

/** A burst never postpones its check longer than this many debounce periods (a steady writer cannot starve it). */
const MAX_WAIT_PERIODS = 10;

/**
 * Watches the registered projects' `.claude/` folders and the collections, and re-checks drift after
 * each burst of changes: a project's own events re-check that project, a collection event re-checks
 * them all. One round runs at a time; what changes meanwhile waits for the next. `onDriftChanged`
 * hears only of projects whose drift (what needs action, and what is new) differs from last time.
 */
export class DriftMonitor {
  private readonly debounceMs: number;
  private lifecycle: Lifecycle = 'idle';
  private paused = false;
  /** Registered projects; a Set keeps registry order. */
  private projects = new Set<string>();
  private readonly projectWatchers = new Map<string, FSWatcher>();
  private collectionsWatcher: { readonly watcher: FSWatcher; readonly parentExisted: boolean } | undefined;
  /** Projects with changes not yet checked; `pendingEverything` after a collection change. */
  private readonly pending = new Set<string>();
  private pendingEverything = false;
  private burstStartedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Rounds run one after another, each chained behind the previous one. */
  private rounds: Promise<unknown> = Promise.resolve();
  /** Watcher changes (start, refresh, close) are serialized the same way, apart from rounds. */
  private watching: Promise<unknown> = Promise.resolve();
  private readonly last = new Map<string, DriftReport>();
  private readonly closing: Promise<void>;
  private signalClosing: () => void = () => undefined;

  constructor(private readonly port: DriftMonitorPort) {
    this.debounceMs = port.debounceMs ?? 300;
    if (!Number.isFinite(this.debounceMs) || this.debounceMs < 0) {
      throw new SkillmeatError('invalid_input', `The drift monitor's debounce must be a number of milliseconds of at least 0, not ${String(port.debounceMs)}.`, { debounceMs: port.debounceMs });
    }
    this.closing = new Promise((resolve) => (this.signalClosing = resolve));
  }

  /**
   * Watches every registered project and the collections, then checks all projects once. That first
   * round compares against "nothing to report", so it announces every project that already has drift.
   */
  async start(): Promise<void> {
    if (this.lifecycle !== 'idle') throw this.stateError('start()');
    this.lifecycle = 'running';
    try {
      await this.serialWatching(() => this.syncWatchers());
    } catch (error) {
      await this.serialWatching(() => this.closeWatchers());
      if (this.lifecycle === 'running') this.lifecycle = 'idle'; // may be started again; a close() meanwhile stands
      throw error;
    }
    if (this.paused) {
      this.pendingEverything = true; // resume() runs the first round
      return;
    }
    await this.enqueue(async () => {
      if (this.lifecycle !== 'running') return;
      const { errors } = await this.checkRound(this.takeAll());
      for (const error of errors) this.reportError(error);
    });
  }

  /** Re-checks every registered project now and announces changes; rejects when a project could not be checked. */
  async checkNow(): Promise<DriftReport[]> {
    if (this.lifecycle !== 'running') throw this.stateError('checkNow()');
    return this.enqueue(async () => {
      const { reports, errors } = await this.checkRound(this.takeAll());
      if (errors.length > 0) throw errors[0];
      return reports;
    });
  }

  /** Stops checking: changes are remembered, not checked, until `resume()`. */
  pause(): void {
    this.paused = true;
    this.cancelTimer();
  }

  /** Checks, in one round, whatever changed while paused; resolves when that round is done. */
  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    if (this.lifecycle === 'running' && (this.pendingEverything || this.pending.size > 0)) await this.enqueue(() => this.pendingRound());
  }

  /** Re-reads the registry after a project was added or removed: watches new projects (and checks them soon), forgets removed ones. */
  async refreshProjects(): Promise<void> {
    if (this.lifecycle !== 'running') throw this.stateError('refreshProjects()');
    const added = await this.serialWatching(() => this.syncWatchers());
    for (const project of added) this.noticed(project);
  }

  /** The latest report of every registered project checked so far, in registry order. */
  lastReports(): DriftReport[] {
    return [...this.projects].flatMap((project) => this.last.get(project) ?? []);
  }

  /** Stops watching and scheduling; resolves once a running round is over (its changes are not announced). */
  async close(): Promise<void> {
    if (this.lifecycle !== 'closed') {
      this.lifecycle = 'closed';
      this.cancelTimer();
      this.signalClosing();
      await this.serialWatching(() => this.closeWatchers());
    }
    await this.rounds;
  }

  /** Records a change seen by a watcher (`undefined`: under the collections) and (re)starts the debounce. */
  private noticed(project: string | undefined): void {
    if (this.lifecycle !== 'running') return;
    if (project === undefined) this.pendingEverything = true;
    else this.pending.add(project);
    if (this.paused) return;
    const now = Date.now();
    this.burstStartedAt ??= now;
    clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.burstStartedAt + this.debounceMs * MAX_WAIT_PERIODS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.burstStartedAt = undefined;
      void this.enqueue(() => this.pendingRound()); // its failures went to onError already
    }, delay);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.burstStartedAt = undefined;
  }

  /** One round for the remembered changes, taken when the round starts so that it covers all that came before. */
  private async pendingRound(): Promise<void> {
    if (this.paused || this.lifecycle !== 'running') return;
    const projects = this.pendingEverything ? [...this.projects] : [...this.projects].filter((p) => this.pending.has(p));
    this.pending.clear();
    this.pendingEverything = false;
    const { errors } = await this.checkRound(projects);
    for (const error of errors) this.reportError(error);
  }

  /** Every registered project; what was pending is covered by checking them all. */
  private takeAll(): string[] {
    this.pending.clear();
    this.pendingEverything = false;
    return [...this.projects];
  }

  /** Checks `projects` in one call; if that fails, one by one, so a vanished project cannot hide the others' drift. */
  private async checkRound(projects: readonly string[]): Promise<{ reports: DriftReport[]; errors: unknown[] }> {
    if (projects.length === 0) return { reports: [], errors: [] };
    const checked: (readonly [string, DriftReport])[] = [];
    const errors: unknown[] = [];
    try {
      const reports = await this.port.checkDrift(projects);
      projects.forEach((project, index) => {
        const report = reports[index];
        if (report) checked.push([project, report]);
      });
    } catch (error) {
      if (projects.length === 1) errors.push(error);
      for (const project of projects.length > 1 ? projects : []) {
        try {
          const [report] = await this.port.checkDrift([project]);
          if (report) checked.push([project, report]);
        } catch (projectError) {
          errors.push(projectError);
        }
      }
    }
    this.announce(checked);
    return { reports: checked.map(([, report]) => report), errors };
  }

  /** Keeps the new reports and tells `onDriftChanged` about those whose drift differs from the last one. */
  private announce(checked: readonly (readonly [string, DriftReport])[]): void {
    const changed: DriftReport[] = [];
    const deltas: ProjectDriftDelta[] = [];
    for (const [project, report] of checked) {
      if (!this.projects.has(project)) continue; // unregistered while it was being checked
      const previous = this.last.get(project);
      if (driftChanged(previous, report)) {
        changed.push(report);
        deltas.push({ summary: summarizeDrift(report), changes: driftChanges(previous, report) });
      }
      this.last.set(project, report);
    }
    if (changed.length === 0 || this.lifecycle === 'closed') return;
    try {
      this.port.onDriftChanged({ reports: changed, projects: deltas, checked_at: rfc3339() });
    } catch (error) {
      this.reportError(error);
    }
  }

  /** Brings the watchers in line with the registry; returns the projects that are new to the monitor. */
  private async syncWatchers(): Promise<string[]> {
    const listed = new Set(await this.port.listProjects());
    if (this.lifecycle !== 'running') return [];
    const added = [...listed].filter((p) => !this.projects.has(p));
    const removed = [...this.projects].filter((p) => !listed.has(p));
    this.projects = listed;
    for (const project of removed) {
      this.pending.delete(project);
      this.last.delete(project);
    }
    await Promise.all([...removed.map((p) => this.unwatchProject(p)), ...added.map((p) => this.watchProject(p)), this.watchCollections()]);
    return added;
  }

  private async watchProject(root: string): Promise<void> {
    const watcher = this.newWatcher(root, projectWatchFilter(root), () => this.noticed(root));
    this.projectWatchers.set(root, watcher);
    await this.ready(watcher);
  }

  private async unwatchProject(root: string): Promise<void> {
    const watcher = this.projectWatchers.get(root);
    this.projectWatchers.delete(root);
    await watcher?.close();
  }

  /**
   * Watches the collections root. chokidar sees a missing folder appear only when its parent exists,
   * so a watcher made before the home existed is made again once it does.
   */
  private async watchCollections(): Promise<void> {
    const root = this.port.collectionsRoot;
    const parentExists = await pathExists(dirname(root));
    const current = this.collectionsWatcher;
    if (current && (current.parentExisted || !parentExists)) return;
    await current?.watcher.close();
    const watcher = this.newWatcher(root, collectionsWatchFilter(root), () => this.noticed(undefined));
    this.collectionsWatcher = { watcher, parentExisted: parentExists };
    if (current) this.noticed(undefined); // the collections may have appeared unseen
    await this.ready(watcher);
  }

  private newWatcher(path: string, ignored: WatchFilter, onChange: () => void): FSWatcher {
    // Links are not followed: drift hashes a link itself, never what it points to.
    const watcher = watch(path, { ignored, ignoreInitial: true, followSymlinks: false });
    watcher.on('all', onChange);
    watcher.on('error', (error) => this.reportError(error));
    return watcher;
  }

  /** Resolves when the watcher has read its tree (so later changes are seen), or when the monitor closes. */
  private ready(watcher: FSWatcher): Promise<void> {
    return Promise.race([new Promise<void>((resolve) => watcher.once('ready', resolve)), this.closing]);
  }

  private async closeWatchers(): Promise<void> {
    const watchers = [...this.projectWatchers.values(), ...(this.collectionsWatcher ? [this.collectionsWatcher.watcher] : [])];
    this.projectWatchers.clear();
    this.collectionsWatcher = undefined;
    await Promise.all(watchers.map((w) => w.close()));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.rounds.then(work);
    this.rounds = result.catch(() => undefined); // the caller of `work` gets its failure; the chain goes on
    return result;
  }

  private serialWatching<T>(work: () => Promise<T>): Promise<T> {
    const result = this.watching.then(work);
    this.watching = result.catch(() => undefined);
    return result;
  }

  private reportError(error: unknown): void {
    this.port.onError?.(error);
  }

  private stateError(method: string): SkillmeatError {
    const state = this.lifecycle === 'idle' ? 'not started yet (call start() first)' : this.lifecycle === 'running' ? 'already started' : 'closed (create a new one)';
    return new SkillmeatError('invalid_input', `Cannot call ${method}: the drift monitor is ${state}.`, { state: this.lifecycle });
  }
}
