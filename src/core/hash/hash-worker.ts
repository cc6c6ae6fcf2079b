// Entry point of a hashing worker thread (see worker-hasher.ts). Keeps its own warm hash cache for
// the artifacts routed to it, seeded from and saved to its own shard of the hash index.
import { parentPort, workerData } from 'node:worker_threads';
import { SkillmeatError } from '../errors.js';
import { InProcessHasher, type HashRequest } from './batch-hasher.js';

/** A message from the pool: hash a batch, or save what was learned. */
export type WorkerRequest = { readonly kind: 'hash'; readonly id: number; readonly requests: readonly HashRequest[] } | { readonly kind: 'save'; readonly id: number };

/** The answer: hashes in request order (none for a save), or the error that stopped it (as plain data). */
export type WorkerReply =
  | { readonly id: number; readonly hashes: (string | undefined)[] }
  | { readonly id: number; readonly error: { readonly code?: string; readonly message: string; readonly details?: Record<string, unknown> } };

/** What the pool hands a worker when it starts. */
export interface WorkerSetup {
  readonly indexPath?: string;
}

const hasher = new InProcessHasher((workerData as WorkerSetup | undefined)?.indexPath);
hasher.preload();

parentPort?.on('message', (message: WorkerRequest) => {
  const work = message.kind === 'save' ? hasher.saveIndex().then(() => []) : hasher.hashAll(message.requests);
  work.then(
    (hashes) => parentPort?.postMessage({ id: message.id, hashes } satisfies WorkerReply),
    (error: unknown) => {
      const reply: WorkerReply =
        error instanceof SkillmeatError
          ? { id: message.id, error: { code: error.code, message: error.message, details: { ...error.details } } }
          : { id: message.id, error: { message: error instanceof Error ? error.message : String(error) } };
      parentPort?.postMessage(reply);
    },
  );
});
