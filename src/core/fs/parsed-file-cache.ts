import { statSync, type Stats } from 'node:fs';

interface Entry {
  readonly stamp: string;
  readonly value: unknown;
}

/**
 * Remembers what a small file parsed to (a deployment record, a manifest) while its stat stays the
 * same, so a long-lived process re-checking 100 projects does not re-parse 100 unchanged TOML files.
 * Trusted only when safe, as the hash cache is: a value is kept only if the file's mtime and ctime
 * are older than the start of the read by the racy margin, and the file did not change during it.
 */
export class ParsedFileCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly racyMarginMs = 2000) {}

  /** The value `load` gives for `path`, reused while the file is unchanged. */
  async get<T>(path: string, load: () => Promise<T>): Promise<T> {
    const before = stampOf(path);
    const known = this.entries.get(path);
    if (known !== undefined && before !== undefined && known.stamp === before) return known.value as T;
    const startedAt = Date.now();
    const value = await load();
    const after = stampOf(path);
    if (after !== undefined && after === before && isSettled(statSync(path), startedAt - this.racyMarginMs)) {
      this.entries.set(path, { stamp: after, value });
    } else {
      this.entries.delete(path);
    }
    return value;
  }
}

function stampOf(path: string): string | undefined {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s === undefined ? undefined : `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return undefined;
  }
}

function isSettled(stats: Stats, trustedBefore: number): boolean {
  return stats.mtimeMs < trustedBefore && stats.ctimeMs < trustedBefore;
}
