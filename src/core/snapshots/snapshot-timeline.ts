/**
 * The snapshot timeline: snapshots newest first, a page at a time, each with what changed since the
 * snapshot before it, filtered by kind or by an artifact that changed. Answered from the snapshot
 * indexes (in memory once seen), so a page of 10,000 snapshots' timeline costs no archive reads.
 */
import type { ArtifactKey, SnapshotChanges, SnapshotPage, TimelineSnapshot } from '../../shared/snapshot-results.js';
import { readRetentionPolicy } from '../home/config.js';
import type { HomePaths } from '../home/home-paths.js';
import { changesBetween } from './snapshot-diff.js';
import { snapshotSummary, type ArtifactSummary } from './snapshot-index.js';
import { snapshotKind, type SnapshotKind } from './snapshot-kind.js';
import { describe, retentionOf } from './snapshot-manager.js';
import { listSnapshots, readSnapshotMetadata, type SnapshotEntry, type SnapshotMetadata } from './snapshot-metadata.js';

export interface TimelineRequest {
  readonly collection: string;
  readonly limit?: number;
  readonly offset?: number;
  /** Only snapshots of these kinds. */
  readonly kinds?: readonly SnapshotKind[];
  /** Only snapshots in which this artifact changed relative to the snapshot before. */
  readonly artifact?: ArtifactKey;
}

const DEFAULT_PAGE = 100;
/** Indexes read or built at once when a filter needs every snapshot's: the first build of an old home's indexes waits mostly on disk. */
const BUILDS_AT_ONCE = 8;

/** One page of the timeline at `now` (for the retention words); `total` counts the snapshots that pass the filters. */
export async function snapshotPage(paths: HomePaths, request: TimelineRequest, now: Date): Promise<SnapshotPage> {
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const policy = await readRetentionPolicy(paths);
  const newestFirst = listSnapshots(metadata);
  const summaryAt = summaryReader(paths, metadata, newestFirst);

  let positions = newestFirst.map((_, position) => position);
  if (request.kinds !== undefined) {
    const kinds = new Set(request.kinds);
    positions = positions.filter((position) => kinds.has(snapshotKind(newestFirst[position]!).kind));
  }
  if (request.artifact !== undefined) {
    const changed = await artifactChangedAt(newestFirst, request.artifact, summaryReader(paths, metadata, newestFirst));
    positions = positions.filter((position) => changed[position]);
  }

  const offset = request.offset ?? 0;
  const page = positions.slice(offset, offset + (request.limit ?? DEFAULT_PAGE));
  const retention = retentionOf(metadata, now, policy);
  const snapshots: TimelineSnapshot[] = await Promise.all(
    page.map(async (position) => ({ ...(await describe(metadata, newestFirst[position]!, retention)), changes: await changesAt(position, newestFirst.length, summaryAt) })),
  );
  return {
    collection: metadata.collection,
    total: positions.length,
    offset,
    snapshots,
    retention_policy: { keep_all_hours: policy.keepAllHours, daily_days: policy.dailyDays, weekly_weeks: policy.weeklyWeeks },
  };
}

type SummaryAt = (position: number) => Promise<readonly ArtifactSummary[] | undefined>;

/** Each position's artifact summary (of the full newest-first list), read once per call. */
function summaryReader(paths: HomePaths, metadata: SnapshotMetadata, newestFirst: readonly SnapshotEntry[]): SummaryAt {
  const summaries = new Map<number, Promise<readonly ArtifactSummary[] | undefined>>();
  return (position) => {
    let summary = summaries.get(position);
    if (summary === undefined) {
      summary = snapshotSummary(paths, metadata, newestFirst[position]!);
      summaries.set(position, summary);
    }
    return summary;
  };
}

/**
 * What changed at a position of the full newest-first list, against the next older snapshot (the
 * oldest: everything it holds is added); null when either index cannot be had.
 */
async function changesAt(position: number, count: number, summaryAt: SummaryAt): Promise<SnapshotChanges | null> {
  const after = await summaryAt(position);
  const before = position + 1 < count ? await summaryAt(position + 1) : [];
  return after === undefined || before === undefined ? null : changesBetween(before, after);
}

/**
 * For every position, whether `artifact` changed there (added, modified or removed relative to the
 * next older snapshot): one content-hash comparison per snapshot, so filtering 10,000 costs little
 * more than looking up their summaries. A position whose index, or whose predecessor's, cannot be had is not a match.
 */
async function artifactChangedAt(newestFirst: readonly SnapshotEntry[], artifact: ArtifactKey, summaryAt: SummaryAt): Promise<boolean[]> {
  const summaries = await mapInBatches(
    newestFirst.map((_, position) => position),
    BUILDS_AT_ONCE,
    summaryAt,
  );
  // The artifact's content hash at each position: null when absent, undefined when there is no index.
  const hashes = summaries.map((summary) => (summary === undefined ? undefined : (summary.find((a) => a.name === artifact.name && a.type === artifact.type)?.content_hash ?? null)));
  return hashes.map((hash, position) => {
    const before = position + 1 < hashes.length ? hashes[position + 1] : null;
    return hash !== undefined && before !== undefined && hash !== before;
  });
}

/** `work` over `items`, `width` at a time, results in input order. */
async function mapInBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  return results;
}
