import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { rootOfCacheKey, type HashCacheEntry } from './hash-cache.js';

const FORMAT = 2;

/**
 * One entry on disk: key, hash, folder count (or null), stamped folders and then files as paths
 * relative to the artifact root ('' is the root itself), stamps as base64 doubles.
 */
type StoredEntry = [string, string, number | null, string[], string];

/**
 * The hash cache persisted between processes (`cache/hash-index.json`), as git keeps its index:
 * a new process (the CLI, the app after a restart) starts knowing which files it already hashed,
 * and still trusts nothing it has not re-validated by stat. Derived data: a missing, unreadable or
 * foreign-format file just means starting empty, and it is rewritten on the next save.
 */
export async function readHashIndex(path: string): Promise<[string, HashCacheEntry][]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return []; // absent or unreadable: start empty, it is only a cache
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; entries?: unknown };
    if (parsed.format !== FORMAT || !Array.isArray(parsed.entries)) return [];
    return (parsed.entries as StoredEntry[]).filter(isStoredEntry).map(([key, hash, folderCount, relative, stamps]) => {
      const root = rootOfCacheKey(key);
      const bytes = Buffer.from(stamps, 'base64');
      const doubles = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const paths = relative.map((rel) => (rel === '' ? root : joinRelative(root, rel)));
      return [key, { hash, folderCount: folderCount ?? undefined, paths, relPaths: relative.slice(folderCount ?? 0), stamps: doubles }];
    });
  } catch {
    return []; // a torn or hand-edited file: start empty, it is only a cache
  }
}

/**
 * Everything any earlier process learned: the index at `basePath` (the in-process hashers') and
 * every shard beside it (the hashing workers'), merged. Nothing there is trusted before a stat.
 */
export async function readHashIndexAndShards(basePath: string): Promise<[string, HashCacheEntry][]> {
  let names: string[];
  try {
    names = await readdir(dirname(basePath));
  } catch {
    return []; // no cache folder yet
  }
  const stem = basename(basePath).replace(/\.json$/, '');
  const isPart = (name: string): boolean => name === `${stem}.json` || (name.startsWith(`${stem}.`) && /^\.\d+-of-\d+\.json$/.test(name.slice(stem.length)));
  const parts = await Promise.all(names.filter(isPart).map((name) => readHashIndex(join(dirname(basePath), name))));
  return parts.flat();
}

/**
 * The file of one hasher's share of the index: artifacts are routed to one of `count` hashers by
 * path, so each keeps (and reads back, in parallel with the others) only its own share.
 */
export function hashIndexShard(basePath: string, index: number, count: number): string {
  return basePath.replace(/\.json$/, '') + `.${index + 1}-of-${count}.json`;
}

/** Writes the index atomically. */
export async function writeHashIndex(path: string, entries: readonly (readonly [string, HashCacheEntry])[]): Promise<void> {
  const stored: StoredEntry[] = entries.map(([key, e]) => {
    const root = rootOfCacheKey(key);
    return [
      key,
      e.hash,
      e.folderCount ?? null,
      e.paths.map((path) => (path === root ? '' : relative(root, path).split(sep).join('/'))),
      Buffer.from(e.stamps.buffer, e.stamps.byteOffset, e.stamps.byteLength).toString('base64'),
    ];
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify({ format: FORMAT, entries: stored }));
}

function isStoredEntry(value: unknown): value is StoredEntry {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    (value[2] === null || typeof value[2] === 'number') &&
    Array.isArray(value[3]) &&
    typeof value[4] === 'string' &&
    Buffer.byteLength(value[4], 'base64') === value[3].length * 5 * 8
  );
}

/** `root` joined with a POSIX relative path; plain concatenation where the separator is `/` (it runs ~20,000 times per load). */
function joinRelative(root: string, rel: string): string {
  return sep === '/' ? `${root}/${rel}` : join(root, rel);
}
