import type { ArtifactKind } from '../../shared/artifact-types.js';
import { hashArtifact } from './content-hash.js';
import { HashCache } from './hash-cache.js';

/** One artifact to hash: a folder or a file at `root`. Links leaving it are skipped, never followed. */
export interface HashRequest {
  readonly root: string;
  readonly kind: ArtifactKind;
}

/**
 * Hashes many artifacts at once (a drift round), remembering what it learned for the next round.
 * Results are in request order; `undefined` where nothing is at the root.
 */
export interface BatchHasher {
  hashAll(requests: readonly HashRequest[]): Promise<(string | undefined)[]>;
  close(): Promise<void>;
}

/** Hashes in this thread, with one warm cache. Used where worker threads cannot start. */
export class InProcessHasher implements BatchHasher {
  constructor(private readonly cache = new HashCache()) {}

  async hashAll(requests: readonly HashRequest[]): Promise<(string | undefined)[]> {
    const results: (string | undefined)[] = [];
    for (const { root, kind } of requests) results.push(await hashArtifact(root, kind, { cache: this.cache, onEscapingLink: 'skip' }));
    return results;
  }

  async close(): Promise<void> {
    this.cache.clear();
  }
}
