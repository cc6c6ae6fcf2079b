import type { ArtifactKind } from '../../shared/artifact-types.js';
import { hashArtifact } from './content-hash.js';
import { HashCache } from './hash-cache.js';
import { readHashIndex, writeHashIndex } from './hash-index-file.js';

/** One artifact to hash: a folder or a file at `root`. Links leaving it are skipped, never followed. */
export interface HashRequest {
  readonly root: string;
  readonly kind: ArtifactKind;
}

/**
 * Hashes many artifacts at once (a drift round), remembering what it learned for the next round
 * and, through its index file, for the next process. Results are in request order; `undefined`
 * where nothing is at the root.
 */
export interface BatchHasher {
  hashAll(requests: readonly HashRequest[]): Promise<(string | undefined)[]>;
  /** Persists what was learned, if anything was (a failure only costs speed later: it is reported, not thrown). */
  saveIndex(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hashes in this thread with one warm cache, seeded from `indexPath` (when given) on first use.
 * Used directly where worker threads cannot start, and inside each worker of the pool.
 */
export class InProcessHasher implements BatchHasher {
  private readonly cache = new HashCache();
  private loaded: Promise<void> | undefined;

  constructor(private readonly indexPath?: string) {}

  /** Starts reading the index now, so it overlaps whatever the caller does next. */
  preload(): void {
    this.loaded ??= this.indexPath === undefined ? Promise.resolve() : readHashIndex(this.indexPath).then((entries) => this.cache.importEntries(entries));
  }

  async hashAll(requests: readonly HashRequest[]): Promise<(string | undefined)[]> {
    this.preload();
    await this.loaded;
    const results: (string | undefined)[] = [];
    for (const { root, kind } of requests) results.push(await hashArtifact(root, kind, { cache: this.cache, onEscapingLink: 'skip' }));
    return results;
  }

  async saveIndex(): Promise<void> {
    if (this.indexPath === undefined || !this.cache.hasChanges) return;
    await writeHashIndex(this.indexPath, this.cache.exportEntries());
  }

  async close(): Promise<void> {}
}
