import { SkillmeatError } from '../errors.js';
import { isTomlTable, malformed } from '../toml/toml-file.js';

/**
 * How long automatic (safety) snapshots are kept. The windows follow each other back from now:
 * everything from the last `keepAllHours`, then the newest of each UTC day for `dailyDays` days,
 * then the newest of each ISO week (Monday to Sunday, UTC) for `weeklyWeeks` weeks; older ones go.
 */
export interface RetentionPolicy {
  readonly keepAllHours: number;
  readonly dailyDays: number;
  readonly weeklyWeeks: number;
}

/** What a snapshot must say for retention to judge it. */
export interface RetainedSnapshot {
  readonly id: string;
  /** RFC 3339. */
  readonly timestamp: string;
  readonly automatic: boolean;
  /** Pinned snapshots are never thinned, and take no day's or week's place from another. */
  readonly pinned?: boolean;
}

/**
 * Why retention keeps a snapshot: `manual` (until deleted), `pinned`, or the window an automatic one
 * survives in — `recent` (everything from the last `keepAllHours`), `daily` (its day's newest),
 * `weekly` (its ISO week's newest); `expiring`: the policy no longer keeps it, so the next thinning deletes it.
 */
export type RetentionReason = 'manual' | 'pinned' | 'recent' | 'daily' | 'weekly' | 'expiring';

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllHours: 24, dailyDays: 30, weeklyWeeks: 52 };

/** The `[retention]` keys of `config.toml`, with the largest value each accepts (a typo like 10000000 is refused, not obeyed). */
const KEYS = {
  keepAllHours: { key: 'keep_all_hours', max: 24 * 366 },
  dailyDays: { key: 'daily_days', max: 3660 },
  weeklyWeeks: { key: 'weekly_weeks', max: 520 },
} as const satisfies Record<keyof RetentionPolicy, { key: string; max: number }>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * The ids of automatic snapshots the policy no longer keeps (in input order): those
 * `classifyRetention` calls `expiring`. Manual and pinned snapshots are never returned. Pure: it
 * decides, the caller deletes. Thinning the survivors again at the same `now` deletes nothing.
 */
export function thinAutomaticSnapshots(snapshots: readonly RetainedSnapshot[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const reasons = classifyRetention(snapshots, now, policy);
  return snapshots.filter((_, index) => reasons[index] === 'expiring').map((snapshot) => snapshot.id);
}

/**
 * Why each snapshot is kept at `now` under `policy`, or that it is `expiring` (one reason per input,
 * in input order). Of two snapshots in the same second, the one later in `snapshots` counts as newer.
 * The one rule for thinning and for what the timeline says.
 */
export function classifyRetention(snapshots: readonly RetainedSnapshot[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): RetentionReason[] {
  assertPolicy(policy);
  if (Number.isNaN(now.getTime())) throw new SkillmeatError('invalid_input', 'Cannot thin snapshots against an invalid date.');
  const keepAllFrom = now.getTime() - policy.keepAllHours * HOUR;
  const dailyFrom = keepAllFrom - policy.dailyDays * DAY;
  const weeklyFrom = dailyFrom - policy.weeklyWeeks * WEEK;

  const reasons: RetentionReason[] = snapshots.map((snapshot) => (snapshot.pinned ? 'pinned' : snapshot.automatic ? 'expiring' : 'manual'));
  // A bucket is represented by the newest survivor in it; every older one in it goes.
  const keptDays = new Set<string>();
  const keptWeeks = new Set<string>();
  for (const { index, time, day, week } of thinnableNewestFirst(snapshots)) {
    const reason: RetentionReason =
      time >= keepAllFrom ? 'recent' : time >= dailyFrom ? (keptDays.has(day) ? 'expiring' : 'daily') : time >= weeklyFrom && !keptWeeks.has(week) ? 'weekly' : 'expiring';
    reasons[index] = reason;
    if (reason !== 'expiring') {
      keptDays.add(day);
      keptWeeks.add(week);
    }
  }
  return reasons;
}

interface Thinnable {
  readonly index: number;
  readonly time: number;
  readonly day: string;
  readonly week: string;
}

/** Each list's automatic, unpinned snapshots newest first with their day and week, worked out once per list: the timeline classifies 10,000 snapshots on every page. */
const thinnableLists = new WeakMap<readonly RetainedSnapshot[], readonly Thinnable[]>();

function thinnableNewestFirst(snapshots: readonly RetainedSnapshot[]): readonly Thinnable[] {
  let list = thinnableLists.get(snapshots);
  if (list === undefined) {
    list = snapshots
      .flatMap((snapshot, index) => (snapshot.automatic && !snapshot.pinned ? [{ index, time: timeOf(snapshot) }] : []))
      .sort((a, b) => b.time - a.time || b.index - a.index)
      .map(({ index, time }) => ({ index, time, day: utcDay(time), week: isoWeekMonday(time) }));
    thinnableLists.set(snapshots, list);
  }
  return list;
}

/**
 * Reads the `[retention]` table of `config.toml` (`value` is that table, or undefined when absent:
 * the defaults). A value of the wrong type is `corrupt_file`; an unknown key or a number out of range
 * is `invalid_input`; both name the file and the key.
 */
export function retentionPolicyFromToml(value: unknown, path: string): RetentionPolicy {
  if (value === undefined) return DEFAULT_RETENTION;
  if (!isTomlTable(value)) throw malformed(path, '[retention]', 'is not a table');
  const known = new Set<string>(Object.values(KEYS).map((k) => k.key));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new SkillmeatError('invalid_input', `${path}: [retention] has unknown key "${key}". Use ${[...known].join(', ')}.`, { path, key });
    }
  }
  const read = (field: keyof RetentionPolicy): number => {
    const { key, max } = KEYS[field];
    const raw = value[key];
    if (raw === undefined) return DEFAULT_RETENTION[field];
    if (typeof raw !== 'number' && typeof raw !== 'bigint') throw malformed(path, `retention.${key}`, 'must be a whole number');
    const number = Number(raw);
    if (!Number.isInteger(number) || number < 0 || number > max) {
      throw new SkillmeatError('invalid_input', `${path}: retention.${key} = ${String(raw)} is out of range. Use a whole number from 0 to ${max}.`, { path, key });
    }
    return number;
  };
  return { keepAllHours: read('keepAllHours'), dailyDays: read('dailyDays'), weeklyWeeks: read('weeklyWeeks') };
}

function assertPolicy(policy: RetentionPolicy): void {
  for (const [field, { key, max }] of Object.entries(KEYS) as [keyof RetentionPolicy, { key: string; max: number }][]) {
    const value = policy[field];
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new SkillmeatError('invalid_input', `Invalid retention ${key} ${String(value)}: use a whole number from 0 to ${max}.`, { key });
    }
  }
}

function timeOf(snapshot: RetainedSnapshot): number {
  const time = Date.parse(snapshot.timestamp);
  if (Number.isNaN(time)) {
    throw new SkillmeatError('invalid_input', `Snapshot ${snapshot.id} has an invalid timestamp ${JSON.stringify(snapshot.timestamp)}; nothing was thinned.`, { id: snapshot.id });
  }
  return time;
}

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The UTC date of the Monday that starts the ISO week holding `time`: one key per ISO week. */
function isoWeekMonday(time: number): string {
  const sinceMonday = (new Date(time).getUTCDay() + 6) % 7;
  return utcDay(time - sinceMonday * DAY);
}
