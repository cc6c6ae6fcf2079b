/**
 * Upstream drift in the background: every `intervalMs` (the home's `[desktop]
 * upstream-check-minutes`, six hours by default, 0 for never) the app checks the active
 * collection's git sources, and says so only when the updates available differ from what it last
 * said. A check that could not reach an upstream (offline) says nothing and waits for the next
 * interval: being offline is not news. Checks never overlap.
 */
import type { UpdateCheckResult } from '../../shared/results.js';

export interface UpstreamMonitorPort {
  /** Checks the upstreams (fetching); undefined when there is nothing to check (no collection yet). */
  check(): Promise<UpdateCheckResult | undefined>;
  /** Time between checks; 0 (or less) never checks. */
  readonly intervalMs: number;
  /** Receives a check whose available updates differ from the last ones announced. */
  onUpdates(result: UpdateCheckResult): void;
  /** Receives failures of a check; the monitor keeps its schedule. */
  onError?(error: unknown): void;
}

/** The default interval between background checks of the upstreams, in minutes. */
export const DEFAULT_UPSTREAM_CHECK_MINUTES = 360;

export class UpstreamMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private paused = false;
  /** What was last announced: the updates available, by artifact and upstream commit. */
  private announced = '';

  constructor(private readonly port: UpstreamMonitorPort) {}

  /** Starts the schedule (the first check after one interval: start-up does not wait for the network). */
  start(): void {
    if (this.port.intervalMs > 0 && !this.closed) this.schedule();
  }

  /** Stops checking until resume(); a check under way finishes. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Checks now (after any check under way) and announces what changed. */
  checkNow(): Promise<void> {
    this.running = this.running.then(() => this.round());
    return this.running;
  }

  /** Stops the schedule and waits for a check under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      void (this.paused ? Promise.resolve() : this.checkNow()).finally(() => {
        if (!this.closed) this.schedule();
      });
    }, this.port.intervalMs);
    this.timer.unref?.();
  }

  private async round(): Promise<void> {
    if (this.closed) return;
    try {
      const result = await this.port.check();
      if (result === undefined) return;
      const reached = result.artifacts.filter((a) => a.status !== 'error');
      // Nothing could be reached (offline): no news either way.
      if (result.artifacts.length > 0 && reached.length === 0) return;
      const key = reached
        .filter((a) => a.status === 'update_available')
        .map((a) => `${a.type}:${a.name}@${a.upstream_sha ?? ''}`)
        .sort()
        .join('\n');
      if (key === this.announced) return;
      this.announced = key;
      this.port.onUpdates(result);
    } catch (error) {
      this.port.onError?.(error);
    }
  }
}
