import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../shared/error-codes.js';
import { SkillmeatError } from '../errors.js';
import { InProcessHasher, type BatchHasher, type HashRequest } from './batch-hasher.js';
import { hashIndexShard } from './hash-index-file.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './hash-worker.js';

// The compiled worker beside this module. Absent when running from TypeScript sources (tests) or
// from a bundle that did not emit it: then hashing stays in-process.
const WORKER_SCRIPT = new URL('./hash-worker.js', import.meta.url);

interface Pending {
  readonly resolve: (hashes: (string | undefined)[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Hashes a batch on worker threads, one per core (at most `maxWorkers`), so a drift round uses the
 * whole machine and never blocks the event loop that serves the UI. Each artifact root is always
 * routed to the same worker, whose own hash cache (and index shard) therefore stays warm for it.
 */
export class WorkerHasher implements BatchHasher {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set when a worker died or the pool closed: later batches are hashed in this thread instead. */
  private fallback: InProcessHasher | undefined;

  private constructor(count: number, indexPath: string | undefined) {
    for (let i = 0; i < count; i++) {
      const setup: WorkerSetup = indexPath === undefined ? {} : { indexPath: hashIndexShard(indexPath, i, count) };
      const worker = new Worker(WORKER_SCRIPT, { workerData: setup });
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.retire(error));
      worker.on('exit', () => this.retire(new Error('a hashing worker exited')));
      worker.unref(); // an idle pool never keeps a process alive
      this.workers.push(worker);
    }
  }

  /** A pool when worker threads can help here (more than one core, compiled worker present), else undefined. */
  static tryCreate(options: { maxWorkers?: number; indexPath?: string } = {}): WorkerHasher | undefined {
    const count = Math.min(options.maxWorkers ?? 2, availableParallelism());
    if (count < 2 || process.env.SKILLMEAT_HASH_WORKERS === '0' || !existsSync(fileURLToPath(WORKER_SCRIPT))) return undefined;
    return new WorkerHasher(count, options.indexPath);
  }

  async hashAll(requests: readonly HashRequest[]): Promise<(string | undefined)[]> {
    if (this.fallback) return this.fallback.hashAll(requests);
    const shares: { indexes: number[]; requests: HashRequest[] }[] = this.workers.map(() => ({ indexes: [], requests: [] }));
    requests.forEach((request, index) => {
      const share = shares[routeOf(request.root, this.workers.length)]!;
      share.indexes.push(index);
      share.requests.push(request);
    });
    const answers = await this.everyWorker((worker, i) => (shares[i]!.requests.length === 0 ? Promise.resolve([]) : this.ask(worker, (id) => ({ kind: 'hash', id, requests: shares[i]!.requests }))));
    const results: (string | undefined)[] = new Array(requests.length);
    answers.forEach((hashes, i) => shares[i]!.indexes.forEach((index, j) => (results[index] = hashes[j])));
    return results;
  }

  async saveIndex(): Promise<void> {
    if (this.fallback) return;
    await this.everyWorker((worker) => this.ask(worker, (id) => ({ kind: 'save', id })));
  }

  async close(): Promise<void> {
    this.fallback ??= new InProcessHasher();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll(new Error('hashing pool closed'));
  }

  /** Runs one request per worker, keeping the process alive while answers are due. */
  private async everyWorker<T>(ask: (worker: Worker, index: number) => Promise<T>): Promise<T[]> {
    this.workers.forEach((w) => w.ref());
    try {
      return await Promise.all(this.workers.map(ask));
    } finally {
      if (this.pending.size === 0) this.workers.forEach((w) => w.unref());
    }
  }

  private ask(worker: Worker, message: (id: number) => WorkerRequest): Promise<(string | undefined)[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(message(id));
    });
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if ('hashes' in reply) pending.resolve(reply.hashes);
    else pending.reject(reply.error.code ? new SkillmeatError(reply.error.code as ErrorCode, reply.error.message, reply.error.details ?? {}) : new Error(reply.error.message));
  }

  /** A worker failed: answer what was pending with the error and hash in this thread from now on. */
  private retire(error: Error): void {
    this.fallback ??= new InProcessHasher();
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** The hasher a long-lived core should use: a worker pool where it helps, else in-process; both keep an index at `indexPath`. */
export function createBatchHasher(indexPath?: string): BatchHasher {
  const pool = WorkerHasher.tryCreate(indexPath === undefined ? {} : { indexPath });
  if (pool) return pool;
  const local = new InProcessHasher(indexPath === undefined ? undefined : hashIndexShard(indexPath, 0, 1));
  local.preload();
  return local;
}

/** Stable routing of a root to a worker (FNV-1a of the path), so each worker's cache stays warm. */
function routeOf(root: string, workers: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < root.length; i++) {
    h ^= root.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % workers;
}
