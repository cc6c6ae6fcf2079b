import type { EventPayload } from '../shared/contract.js';

/** One desktop notification about drift: what to show, and which projects it is about (for its click). */
export interface DriftNotice {
  readonly title: string;
  readonly body: string;
  /** Paths of the projects it is about, in the order they drifted. */
  readonly projects: readonly string[];
}

/** A project that got worse, with the count of artifacts it has needing action now. */
export interface WorsenedProject {
  readonly path: string;
  readonly name: string;
  readonly needsAction: number;
}

export interface DriftNotifierOptions {
  /** Shows a notice (the Electron side: a `Notification`). */
  readonly notify: (notice: DriftNotice) => void;
  /** True while the user is looking at the app: the window shows drift itself, so no notification. */
  readonly isFocused: () => boolean;
  /** A project's display name; defaults to the last segment of its path. */
  readonly nameOf?: (projectPath: string) => string;
  /** Changes arriving within this long of the first become one notification. */
  readonly burstMs?: number;
  /** At most one notification per this long, however many bursts arrive. */
  readonly minIntervalMs?: number;
}

const DEFAULT_BURST_MS = 5_000;
const DEFAULT_MIN_INTERVAL_MS = 60_000;
const NAMES_SHOWN = 3;

/**
 * Turns `drift.changed` events into few, useful notifications. Only a project that got worse is
 * announced: clean before and drifted now, or holding an artifact that needs action which it did not
 * hold before. Changes in a burst are coalesced into one notice; notices are spaced by at least
 * `minIntervalMs`; and nothing is shown while the window has focus (what was due is dropped, since
 * the user is looking at it).
 */
export class DriftNotifier {
  private readonly options: Required<Omit<DriftNotifierOptions, 'nameOf'>> & Pick<DriftNotifierOptions, 'nameOf'>;
  /** What each project needed action on when last reported: the drift type of each such artifact. */
  private readonly known = new Map<string, ReadonlyMap<string, string>>();
  /** Projects that got worse since the last notice (in the order they first did), with their latest count. */
  private readonly due = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastShownAt: number | undefined;

  constructor(options: DriftNotifierOptions) {
    this.options = { burstMs: DEFAULT_BURST_MS, minIntervalMs: DEFAULT_MIN_INTERVAL_MS, ...options };
  }

  /** Takes one `drift.changed` payload. */
  driftChanged(change: EventPayload<'drift.changed'>): void {
    for (const { summary, changes } of change.projects) {
      const before = this.known.get(summary.project) ?? new Map<string, string>();
      const now = new Map(before);
      let worse = false;
      // Events carry only the artifacts whose drift changed: a new or different drift type is worse.
      for (const entry of changes) {
        const key = `${entry.type}\t${entry.name}`;
        if (entry.drift_type === null) now.delete(key);
        else {
          if (before.get(key) !== entry.drift_type) worse = true;
          now.set(key, entry.drift_type);
        }
      }
      this.known.set(summary.project, now);
      if (worse || this.due.has(summary.project)) {
        if (now.size === 0) this.due.delete(summary.project); // fixed before we got round to saying so
        else this.due.set(summary.project, summary.needs_action);
      }
    }
    if (this.due.size > 0) this.schedule();
  }

  /** Cancels a pending notice; later events are still taken. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.due.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const now = Date.now();
    const earliest = this.lastShownAt === undefined ? now : this.lastShownAt + this.options.minIntervalMs;
    this.timer = setTimeout(() => this.flush(), Math.max(this.options.burstMs, earliest - now));
  }

  private flush(): void {
    this.timer = undefined;
    if (this.due.size === 0) return;
    const projects = [...this.due].map(([path, needsAction]) => ({ path, name: this.nameOf(path), needsAction }));
    this.due.clear();
    if (this.options.isFocused()) return;
    this.lastShownAt = Date.now();
    this.options.notify(describeDrift(projects));
  }

  private nameOf(path: string): string {
    return this.options.nameOf?.(path) ?? lastSegment(path);
  }
}

/** The words of a notice about projects that got worse (at least one). */
export function describeDrift(projects: readonly WorsenedProject[]): DriftNotice {
  const paths = projects.map((project) => project.path);
  const [only] = projects;
  if (projects.length === 1 && only !== undefined) {
    const count = only.needsAction;
    return {
      title: `${only.name}: ${count} ${count === 1 ? 'artifact needs' : 'artifacts need'} action`,
      body: 'Deployed artifacts changed since they were deployed. Open SkillMeat to sync, push or resolve.',
      projects: paths,
    };
  }
  const names = projects.slice(0, NAMES_SHOWN).map((project) => project.name);
  const more = projects.length - names.length;
  return {
    title: `${projects.length} projects drifted: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    body: 'Open SkillMeat to see what changed in each.',
    projects: paths,
  };
}

function lastSegment(path: string): string {
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== '');
  return segments.at(-1) ?? path;
}
