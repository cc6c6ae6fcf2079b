import { statSync, type Stats } from 'node:fs';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import type { ArtifactListing, Stamp } from '../fs/artifact-files.js';

export interface HashCacheOptions {
  /**
   * An entry is stored only if every stamp it relies on is older than the moment hashing started
   * minus this margin. Closer than that, a write could land in the same timestamp tick as our read
   * and leave every stat field unchanged (git calls such files "racy"). 2 s covers FAT's timestamp
   * granularity and coarse kernel clocks.
   */
  readonly racyMarginMs?: number;
  /** Entries kept at most; the least recently stored go first. */
  readonly maxEntries?: number;
}

/** How the cache has fared, for benchmarks and logs. */
export interface HashCacheCounters {
  /** Hashes answered without reading a byte. */
  readonly hits: number;
  /** Lookups that found nothing usable, so the artifact was read. */
  readonly misses: number;
}

const FIELDS = 5; // dev, ino, size, mtimeMs, ctimeMs per stamped path

/** What the cache knows of one artifact; plain data, so it can cross to a worker or go to disk. */
export interface HashCacheEntry {
  readonly hash: string;
  /** Folders first (`folderCount` of them), then the files in listing order. */
  readonly paths: readonly string[];
  readonly relPaths: readonly string[];
  readonly stamps: Float64Array;
  /** Folders stamped; undefined when the folder stamps cannot vouch for the file list (links, or a racy folder). */
  readonly folderCount: number | undefined;
}

/**
 * Remembers, per artifact root, the stamps of the files (and folders) its hash was computed from,
 * so that a long-lived process (the app, a benchmark) re-checks an unchanged artifact with one stat
 * per folder and per file instead of reading every byte. The fast path (`recall`) trusts folder
 * stamps for the list of names: adding, removing or renaming an entry changes its folder's mtime.
 * With a symlink involved, or a folder that changed too recently, the list is walked afresh and only
 * the file stamps are compared (`recallListing`). Any change to a file's bytes changes its ctime,
 * even when its size and mtime are put back.
 */
export class HashCache {
  private readonly entries = new Map<string, HashCacheEntry>();
  private readonly racyMarginMs: number;
  private readonly maxEntries: number;
  private hitCount = 0;
  private missCount = 0;
  private changed = false;

  constructor(options: HashCacheOptions = {}) {
    this.racyMarginMs = options.racyMarginMs ?? 2000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /** The remembered hash if a stat of every remembered folder and file shows no change; reads no file. */
  recall(root: string, kind: ArtifactKind): string | undefined {
    const entry = this.entries.get(key(root, kind));
    if (entry === undefined || entry.folderCount === undefined) return undefined;
    for (let i = 0; i < entry.paths.length; i += 1) {
      const stats = statOrUndefined(entry.paths[i] as string);
      if (stats === undefined || !sameStats(entry.stamps, i, stats)) return undefined;
    }
    this.hitCount += 1;
    return entry.hash;
  }

  /** The remembered hash if a fresh listing has exactly the remembered files, each with its remembered stamp. */
  recallListing(root: string, kind: ArtifactKind, listing: ArtifactListing): string | undefined {
    const entry = this.entries.get(key(root, kind));
    const files = listing.files;
    if (entry !== undefined && files.length === entry.relPaths.length) {
      const offset = entry.paths.length - files.length;
      let same = true;
      for (let i = 0; same && i < files.length; i += 1) {
        const file = files[i] as (typeof files)[number];
        same = file.relPath === entry.relPaths[i] && file.absPath === entry.paths[offset + i] && sameStats(entry.stamps, offset + i, file);
      }
      if (same) {
        this.hitCount += 1;
        return entry.hash;
      }
    }
    this.missCount += 1;
    return undefined;
  }

  /**
   * Remembers `hash` as the hash of `listing`, taken by a hashing that started at `startedAtMs`
   * (before any stat). Nothing is stored if a file changed too recently to be trusted; racy folders
   * only cost the fast path. Returns whether an entry was stored.
   */
  remember(root: string, kind: ArtifactKind, listing: ArtifactListing, hash: string, startedAtMs: number): boolean {
    const trustedBefore = startedAtMs - this.racyMarginMs;
    if (!listing.files.every((file) => isSettled(file, trustedBefore))) return false;
    const fastPath = listing.folders !== undefined && listing.folders.every((folder) => isSettled(folder, trustedBefore));
    const folders = fastPath ? (listing.folders ?? []) : [];
    const stamped = [...folders, ...listing.files];
    const stamps = new Float64Array(stamped.length * FIELDS);
    stamped.forEach((s, i) => stamps.set([s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs], i * FIELDS));
    const id = key(root, kind);
    const previous = this.entries.get(id);
    if (previous === undefined || previous.hash !== hash || !sameEntryStamps(previous.stamps, stamps)) this.changed = true;
    this.entries.delete(id);
    this.entries.set(id, {
      hash,
      paths: stamped.map((s) => s.absPath),
      relPaths: listing.files.map((f) => f.relPath),
      stamps,
      folderCount: fastPath ? folders.length : undefined,
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return true;
  }

  /** Drops what is remembered about an artifact (spell `root` as the callers do). */
  forget(root: string, kind: ArtifactKind): void {
    if (this.entries.delete(key(root, kind))) this.changed = true;
  }

  /** Everything remembered, keyed as stored, for a persisted index; clears the "changed" mark. */
  exportEntries(): [string, HashCacheEntry][] {
    this.changed = false;
    return [...this.entries];
  }

  /** Adds entries remembered by an earlier process; each is still validated by stat before use. */
  importEntries(entries: Iterable<readonly [string, HashCacheEntry]>): void {
    for (const [id, entry] of entries) if (!this.entries.has(id)) this.entries.set(id, entry);
  }

  /** True when something was learned or forgotten since the last export. */
  get hasChanges(): boolean {
    return this.changed;
  }

  /** Drops everything. */
  clear(): void {
    if (this.entries.size > 0) this.changed = true;
    this.entries.clear();
  }

  /** Artifacts remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** Hits and misses so far. */
  get counters(): HashCacheCounters {
    return { hits: this.hitCount, misses: this.missCount };
  }
}

// Different spellings of one root only make separate entries, each validated on its own.
function key(root: string, kind: ArtifactKind): string {
  return `${kind}:${root}`;
}

/** The artifact root an entry key names (keys are `<kind>:<root>`). */
export function rootOfCacheKey(entryKey: string): string {
  return entryKey.slice(entryKey.indexOf(':') + 1);
}

function sameEntryStamps(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSettled(stamp: Stamp, trustedBefore: number): boolean {
  return stamp.mtimeMs < trustedBefore && stamp.ctimeMs < trustedBefore;
}

function sameStats(stamps: Float64Array, index: number, now: Stamp | Stats): boolean {
  const at = index * FIELDS;
  return (
    stamps[at + 3] === now.mtimeMs &&
    stamps[at + 4] === now.ctimeMs &&
    stamps[at + 2] === now.size &&
    stamps[at + 1] === now.ino &&
    stamps[at] === now.dev
  );
}

/** Any failure to stat (gone, no longer a folder, no permission) just means "not known to be unchanged". */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
