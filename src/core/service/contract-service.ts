import type { z } from 'zod';
import { CONTRACT, isMethodName, type ChoosePathInput, type EVENTS, type CallEnvelope, type ContractErrorEnvelope, type ContractEvent, type EventPayload, type MethodName } from '../../shared/contract.js';
import type { ContractTransport } from '../../shared/contract-client.js';
import { SkillmeatError } from '../errors.js';
import { SkillMeat, type SkillMeatOptions } from '../skillmeat.js';
import { DriftMonitor } from '../monitor/drift-monitor.js';
import { DEFAULT_UPSTREAM_CHECK_MINUTES, UpstreamMonitor } from '../monitor/upstream-monitor.js';
import { contractHandlers, type ContractHandlers } from './contract-handlers.js';
import { operationSubject } from './operation-subject.js';

export interface ContractServiceOptions extends Omit<SkillMeatOptions, 'onNotice'> {
  /** Watch registered projects and collections and push `drift.changed` events (the app does; tests may not). */
  readonly watch?: boolean;
  /** Debounce of the drift monitor, in ms. */
  readonly debounceMs?: number;
  /** Minutes between background checks of the git sources when watching (0: never); else the home's `[desktop] upstream-check-minutes`, else six hours. */
  readonly upstreamCheckMinutes?: number;
  /** Receives errors that belong to no call (a failed background drift check) and bugs behind `internal` envelopes. */
  readonly onBackgroundError?: (error: unknown) => void;
  /** Awaited once a writing operation is announced, before it runs: a test hook that holds it open (web mode sets it only for end-to-end tests, src/cli/operation-gate.ts). */
  readonly beforeOperation?: (method: MethodName) => Promise<void>;
  /** The desktop's native open dialog, answering `choosePath` (Electron main gives it; web mode has none). */
  readonly choosePath?: (request: ChoosePathInput) => Promise<string | null>;
}

/**
 * The app's back end as one object: the core facade, the drift monitor and the contract binding.
 * `call` takes a method name and an untrusted input from any transport, parses the input, runs the
 * handler, checks the output against the contract and answers with an envelope, never a throw.
 * Writing operations run one at a time (so the UI never collides with itself on a lock) and are
 * announced with `operation.progress` events. It is itself a `ContractTransport`: tests use it as
 * the in-memory transport.
 */
export class ContractService implements ContractTransport {
  readonly core: SkillMeat;
  private readonly handlers: ContractHandlers;
  private readonly listeners = new Set<(event: ContractEvent) => void>();
  private readonly monitor: DriftMonitor | undefined;
  private upstreamMonitor: UpstreamMonitor | undefined;
  private readonly upstreamCheckMinutes: number | undefined;
  private readonly watching: boolean;
  private monitorPaused = false;
  private writes: Promise<unknown> = Promise.resolve();
  private operationCount = 0;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly beforeOperation: ((method: MethodName) => Promise<void>) | undefined;

  constructor(options: ContractServiceOptions = {}) {
    this.onBackgroundError = options.onBackgroundError ?? ((error) => console.error(error));
    this.beforeOperation = options.beforeOperation;
    this.core = new SkillMeat({ ...options, onNotice: (message) => this.emit('notice', { message }) });
    this.watching = options.watch === true;
    this.upstreamCheckMinutes = options.upstreamCheckMinutes;
    this.monitor = options.watch
      ? new DriftMonitor(
          this.core.driftMonitorPort({
            ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
            onDriftChanged: (change) => this.emit('drift.changed', { projects: change.projects, checked_at: change.checked_at }),
            onError: (error) => this.onBackgroundError(error),
          }),
        )
      : undefined;
    this.handlers = contractHandlers(this.core, {
      monitorState: () => ({ running: this.monitor !== undefined, paused: this.monitorPaused }),
      setMonitorPaused: (paused) => {
        this.monitorPaused = paused;
        if (paused) this.monitor?.pause();
        else this.monitor?.resume();
        if (paused) this.upstreamMonitor?.pause();
        else this.upstreamMonitor?.resume();
        this.emit('monitor.changed', { running: this.monitor !== undefined, paused });
      },
      choosePath: options.choosePath,
    });
  }

  /**
   * Settles anything a killed process left half done (so drift is never judged on it), then starts
   * the drift monitor when watching: a first check of every project, then file watching.
   */
  async start(): Promise<void> {
    await this.core.recover();
    await this.monitor?.start();
    if (this.watching) await this.startUpstreamMonitor();
  }

  /** The background check of the git sources, when its interval is not 0; checks queue behind writes, as calls do. */
  private async startUpstreamMonitor(): Promise<void> {
    const { readUpstreamCheckMinutes } = await import('../home/config.js');
    const minutes = this.upstreamCheckMinutes ?? (await readUpstreamCheckMinutes(this.core.paths, DEFAULT_UPSTREAM_CHECK_MINUTES).catch(() => DEFAULT_UPSTREAM_CHECK_MINUTES));
    this.upstreamMonitor = new UpstreamMonitor({
      intervalMs: minutes * 60_000,
      check: () => this.afterWrites(() => this.core.checkUpdates().catch((error: unknown) => (error instanceof SkillmeatError && error.code === 'not_found' ? undefined : Promise.reject(error)))),
      onUpdates: (result) => this.emit('upstream.changed', result),
      onError: (error) => this.onBackgroundError(error),
    });
    if (this.monitorPaused) this.upstreamMonitor.pause();
    this.upstreamMonitor.start();
  }

  /** The background check of the git sources, for adapters and tests ("check now"). */
  upstreamChecks(): UpstreamMonitor | undefined {
    return this.upstreamMonitor;
  }

  /** The drift monitor, for adapters that show it (the tray's "check now"). */
  driftMonitor(): DriftMonitor | undefined {
    return this.monitor;
  }

  /** Calls a contract method with an untrusted input; always resolves to an envelope. */
  async call(method: string, input: unknown): Promise<CallEnvelope> {
    if (!isMethodName(method)) return failure({ code: 'invalid_input', message: `Unknown method ${JSON.stringify(String(method)).slice(0, 120)}.` });
    const spec = CONTRACT[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return failure({ code: 'invalid_input', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}`, details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } });
    // A dry run (a plan) writes nothing: it is answered like a read, never announced as an operation.
    if (!spec.writes || isDryRun(parsed.data)) return this.run(method, parsed.data);
    const operationId = `op-${Date.now().toString(36)}-${++this.operationCount}`;
    return this.afterWrites(() => this.runOperation(method, parsed.data, operationId));
  }

  /** Runs `work` after every write queued so far, and makes later writes wait for it. */
  private afterWrites<T>(work: () => Promise<T>): Promise<T> {
    const queued = this.writes.then(work);
    this.writes = queued.catch(() => undefined);
    return queued;
  }

  /** Delivers every event until the returned function is called. */
  subscribe(listener: (event: ContractEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching, lets running writes finish, and releases the core. */
  async close(): Promise<void> {
    await this.monitor?.close();
    await this.upstreamMonitor?.close();
    await this.writes;
    await this.core.close();
    this.listeners.clear();
  }

  private async runOperation(method: MethodName, input: unknown, operationId: string): Promise<CallEnvelope> {
    const subject = operationSubject(input);
    const progress = (phase: EventPayload<'operation.progress'>['phase'], message: string | null, extra: { done?: number; total?: number; error?: ContractErrorEnvelope } = {}) =>
      this.emit('operation.progress', { operation_id: operationId, method, subject, phase, message, done: extra.done ?? null, total: extra.total ?? null, error: extra.error ?? null });
    progress('started', null);
    await this.beforeOperation?.(method);
    const envelope = await this.run(method, input, { progress: (message, done, total) => progress('working', message, { ...(done !== undefined ? { done } : {}), ...(total !== undefined ? { total } : {}) }) });
    if (envelope.ok) progress('finished', null);
    else progress('failed', envelope.error.message, { error: envelope.error });
    if (envelope.ok && (method === 'addProject' || method === 'removeProject')) await this.monitor?.refreshProjects().catch((error: unknown) => this.onBackgroundError(error));
    return envelope;
  }

  private async run(method: MethodName, input: unknown, context = { progress: () => undefined } as Parameters<ContractHandlers[MethodName]>[1]): Promise<CallEnvelope> {
    let value: unknown;
    try {
      value = await (this.handlers[method] as (input: unknown, context: Parameters<ContractHandlers[MethodName]>[1]) => Promise<unknown>)(input, context);
    } catch (error) {
      if (error instanceof SkillmeatError) return failure(error.toEnvelope());
      this.onBackgroundError(error);
      return failure({ code: 'internal', message: `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` });
    }
    const checked = CONTRACT[method].output.safeParse(value);
    if (!checked.success) {
      this.onBackgroundError(new Error(`${method} returned a value outside the contract: ${describeIssues(checked.error)}`));
      return failure({ code: 'internal', message: `${method} returned a result the app cannot show (a bug): ${describeIssues(checked.error)}` });
    }
    return { ok: true, value: checked.data };
  }

  private emit<E extends keyof typeof EVENTS>(event: E, payload: EventPayload<E>): void {
    const delivered = { event, payload } as ContractEvent;
    for (const listener of this.listeners) {
      try {
        listener(delivered);
      } catch (error) {
        this.onBackgroundError(error);
      }
    }
  }
}

function failure(error: ContractErrorEnvelope): CallEnvelope {
  return { ok: false, error };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

function isDryRun(input: unknown): boolean {
  return typeof input === 'object' && input !== null && (input as { dry_run?: unknown }).dry_run === true;
}
