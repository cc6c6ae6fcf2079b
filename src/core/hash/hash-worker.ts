// Entry point of a hashing worker thread (see worker-hasher.ts). Keeps its own warm hash cache for
// the artifacts routed to it, so a re-check in a long-lived process only stats unchanged files.
import { parentPort } from 'node:worker_threads';
import { SkillmeatError } from '../errors.js';
import { InProcessHasher, type HashRequest } from './batch-hasher.js';

/** A request from the pool: a batch of artifacts to hash, with an id to answer under. */
export interface WorkerRequest {
  readonly id: number;
  readonly requests: readonly HashRequest[];
}

/** The answer: hashes in request order, or the error that stopped the batch (as plain data). */
export type WorkerReply =
  | { readonly id: number; readonly hashes: (string | undefined)[] }
  | { readonly id: number; readonly error: { readonly code?: string; readonly message: string; readonly details?: Record<string, unknown> } };

const hasher = new InProcessHasher();

parentPort?.on('message', (message: WorkerRequest) => {
  hasher.hashAll(message.requests).then(
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
