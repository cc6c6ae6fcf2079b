import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRetentionPolicy } from '../home/config.js';
import { homePaths, type HomePaths } from '../home/home-paths.js';
import { DEFAULT_RETENTION, classifyRetention, retentionPolicyFromToml, thinAutomaticSnapshots, type RetainedSnapshot } from './retention.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A Monday, midday UTC.
const NOW = new Date('2025-06-30T12:00:00Z');

function at(time: number, automatic = true, id = `s${time}`): RetainedSnapshot {
  return { id, timestamp: new Date(time).toISOString(), automatic };
}

/** Four automatic snapshots a day (03, 09, 15, 21 UTC) for two years up to NOW, plus a manual one every tenth day. */
function regularHistory(): RetainedSnapshot[] {
  const history: RetainedSnapshot[] = [];
  const first = Date.parse('2023-07-01T00:00:00Z');
  for (let day = first; day < NOW.getTime(); day += DAY) {
    for (const hour of [3, 9, 15, 21]) {
      const time = day + hour * HOUR;
      if (time <= NOW.getTime()) history.push(at(time));
    }
    if (((day - first) / DAY) % 10 === 0) history.push(at(day + 12 * HOUR, false, `manual-${day}`));
  }
  return history;
}

/** 2,000 automatic snapshots at random moments over two years (seeded), plus 40 manual ones. */
function randomHistory(): RetainedSnapshot[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const span = 730 * DAY;
  const history: RetainedSnapshot[] = [];
  for (let i = 0; i < 2000; i++) history.push(at(NOW.getTime() - Math.floor(random() * span)));
  for (let i = 0; i < 40; i++) history.push(at(NOW.getTime() - Math.floor(random() * span), false, `manual-${i}`));
  return history;
}

function survivors(history: readonly RetainedSnapshot[], deleted: readonly string[]): RetainedSnapshot[] {
  const gone = new Set(deleted);
  return history.filter((s) => !gone.has(s.id));
}

const age = (s: RetainedSnapshot) => NOW.getTime() - Date.parse(s.timestamp);
const keepAllEnd = 24 * HOUR;
const dailyEnd = keepAllEnd + 30 * DAY;
const weeklyEnd = dailyEnd + 52 * 7 * DAY;

describe('thinAutomaticSnapshots with the default policy', () => {
  it('keeps 4 from the last day, 30 daily and 52 weekly of a regular two-year history', () => {
    const history = regularHistory();
    const kept = survivors(history, thinAutomaticSnapshots(history, NOW)).filter((s) => s.automatic);
    expect(kept.filter((s) => age(s) <= keepAllEnd)).toHaveLength(4);
    expect(kept.filter((s) => age(s) > keepAllEnd && age(s) <= dailyEnd)).toHaveLength(30);
    expect(kept.filter((s) => age(s) > dailyEnd && age(s) <= weeklyEnd)).toHaveLength(52);
    expect(kept).toHaveLength(86);
  });

  it('never deletes a manual snapshot, however old', () => {
    const history = randomHistory();
    const deleted = new Set(thinAutomaticSnapshots(history, NOW));
    const manual = history.filter((s) => !s.automatic);
    expect(manual.length).toBe(40);
    expect(manual.filter((s) => deleted.has(s.id))).toEqual([]);
  });

  it('keeps everything from the last 24 hours', () => {
    const history = randomHistory();
    const deleted = new Set(thinAutomaticSnapshots(history, NOW));
    expect(history.filter((s) => age(s) <= keepAllEnd && deleted.has(s.id))).toEqual([]);
  });

  it('keeps exactly the newest automatic snapshot of each UTC day in the daily window', () => {
    const history = randomHistory();
    const deleted = new Set(thinAutomaticSnapshots(history, NOW));
    const byDay = new Map<string, RetainedSnapshot[]>();
    for (const s of history.filter((s) => s.automatic && age(s) > keepAllEnd && age(s) <= dailyEnd)) {
      const day = s.timestamp.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), s]);
    }
    expect(byDay.size).toBeGreaterThanOrEqual(29);
    for (const [day, list] of byDay) {
      const newestOfDay = history.filter((s) => s.automatic && s.timestamp.startsWith(day)).sort((a, b) => b.timestamp.localeCompare(a.timestamp))[0];
      const kept = list.filter((s) => !deleted.has(s.id));
      // The day's newest may sit in the keep-all window; then the older ones of that day all go.
      expect(kept).toEqual(list.includes(newestOfDay!) ? [newestOfDay] : []);
    }
  });

  it('keeps one automatic snapshot per ISO week in the weekly window: the newest of that week', () => {
    const history = randomHistory();
    const kept = survivors(history, thinAutomaticSnapshots(history, NOW)).filter((s) => s.automatic && age(s) > dailyEnd);
    const weekOf = (s: RetainedSnapshot) => {
      const time = Date.parse(s.timestamp);
      return new Date(time - ((new Date(time).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
    };
    const weeks = kept.map(weekOf);
    expect(new Set(weeks).size).toBe(weeks.length);
    expect(kept.length).toBeGreaterThanOrEqual(51);
    expect(kept.length).toBeLessThanOrEqual(53);
    for (const s of kept) {
      expect(history.filter((o) => o.automatic && weekOf(o) === weekOf(s) && o.timestamp > s.timestamp)).toEqual([]);
    }
    const keptWeeks = new Set(survivors(history, thinAutomaticSnapshots(history, NOW)).filter((s) => s.automatic).map(weekOf));
    const windowWeeks = new Set(history.filter((s) => s.automatic && age(s) > dailyEnd && age(s) <= weeklyEnd).map(weekOf));
    expect([...windowWeeks].filter((week) => !keptWeeks.has(week))).toEqual([]);
  });

  it('deletes every automatic snapshot beyond the weekly window', () => {
    const history = randomHistory();
    const kept = survivors(history, thinAutomaticSnapshots(history, NOW));
    expect(kept.filter((s) => s.automatic && age(s) > weeklyEnd)).toEqual([]);
    expect(history.filter((s) => s.automatic && age(s) > weeklyEnd).length).toBeGreaterThan(500);
  });

  it('keeps the newest automatic snapshot', () => {
    const history = randomHistory();
    const newest = history.filter((s) => s.automatic).sort((a, b) => b.timestamp.localeCompare(a.timestamp))[0]!;
    expect(thinAutomaticSnapshots(history, NOW)).not.toContain(newest.id);
  });

  it('is idempotent: thinning the survivors deletes nothing more', () => {
    for (const history of [regularHistory(), randomHistory()]) {
      const once = survivors(history, thinAutomaticSnapshots(history, NOW));
      expect(thinAutomaticSnapshots(once, NOW)).toEqual([]);
    }
  });

  it('keeps the one later in the list when two of a day share a timestamp', () => {
    const time = NOW.getTime() - 3 * DAY;
    expect(thinAutomaticSnapshots([at(time, true, 'first'), at(time, true, 'second')], NOW)).toEqual(['first']);
  });

  it('keeps snapshots stamped in the future', () => {
    expect(thinAutomaticSnapshots([at(NOW.getTime() + DAY)], NOW)).toEqual([]);
  });
});

describe('thinAutomaticSnapshots with other policies', () => {
  it('with all windows at zero deletes every automatic snapshot older than now', () => {
    const history = [at(NOW.getTime() - 1), at(NOW.getTime() - DAY), at(NOW.getTime() - 1, false, 'manual')];
    expect(thinAutomaticSnapshots(history, NOW, { keepAllHours: 0, dailyDays: 0, weeklyWeeks: 0 })).toEqual([history[0]!.id, history[1]!.id]);
  });

  it('honours a longer keep-all window', () => {
    const history = regularHistory();
    const kept = survivors(history, thinAutomaticSnapshots(history, NOW, { ...DEFAULT_RETENTION, keepAllHours: 72 }));
    expect(kept.filter((s) => s.automatic && age(s) <= 72 * HOUR)).toHaveLength(12);
  });

  it.each([{ keepAllHours: -1 }, { dailyDays: 1.5 }, { weeklyWeeks: 100000 }])('refuses policy %j', (change) => {
    expect(() => thinAutomaticSnapshots([], NOW, { ...DEFAULT_RETENTION, ...change })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('refuses a snapshot with an invalid timestamp', () => {
    expect(() => thinAutomaticSnapshots([{ id: 'x', timestamp: 'soon', automatic: true }], NOW)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('classifyRetention: why each snapshot is kept', () => {
  it('names the window that keeps each automatic snapshot, and expiring for the ones thinning deletes', () => {
    const history = [
      at(NOW.getTime() - 2 * HOUR, true, 'recent'),
      at(NOW.getTime() - 3 * DAY, true, 'older-same-day'),
      at(NOW.getTime() - 3 * DAY + HOUR, true, 'newest-of-day'),
      at(NOW.getTime() - 60 * DAY, true, 'weekly'),
      at(NOW.getTime() - 800 * DAY, true, 'too-old'),
      at(NOW.getTime() - 800 * DAY, false, 'manual'),
    ];
    expect(classifyRetention(history, NOW)).toEqual(['recent', 'expiring', 'daily', 'weekly', 'expiring', 'manual']);
  });

  it('agrees with thinning: the expiring ones are exactly those thinned', () => {
    const history = randomHistory();
    const reasons = classifyRetention(history, NOW);
    expect(history.filter((_, i) => reasons[i] === 'expiring').map((s) => s.id)).toEqual(thinAutomaticSnapshots(history, NOW));
  });

  it('never thins a pinned snapshot, and a pin takes no day from the newest unpinned one', () => {
    const old = { ...at(NOW.getTime() - 800 * DAY, true, 'old-pinned'), pinned: true };
    const dayNewest = { ...at(NOW.getTime() - 3 * DAY + HOUR, true, 'day-newest-pinned'), pinned: true };
    const dayOther = at(NOW.getTime() - 3 * DAY, true, 'day-other');
    const history = [old, dayOther, dayNewest];
    expect(classifyRetention(history, NOW)).toEqual(['pinned', 'daily', 'pinned']);
    expect(thinAutomaticSnapshots(history, NOW)).toEqual([]);
    expect(thinAutomaticSnapshots([{ ...old, pinned: false }], NOW)).toEqual(['old-pinned']);
  });

  it('calls a pinned manual snapshot pinned', () => {
    expect(classifyRetention([{ ...at(NOW.getTime(), false, 'm'), pinned: true }], NOW)).toEqual(['pinned']);
  });
});

describe('the [retention] table of config.toml', () => {
  let root: string;
  let paths: HomePaths;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'skillmeat-retention-'));
    paths = homePaths(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives the defaults when config.toml is absent', async () => {
    expect(await readRetentionPolicy(paths)).toEqual({ keepAllHours: 24, dailyDays: 30, weeklyWeeks: 52 });
  });

  it('reads the keys given and defaults the others', async () => {
    await writeFile(paths.configFile, '[settings]\ndefault-collection = "work"\n\n[retention]\nkeep_all_hours = 48\nweekly_weeks = 10\n');
    expect(await readRetentionPolicy(paths)).toEqual({ keepAllHours: 48, dailyDays: 30, weeklyWeeks: 10 });
  });

  it('refuses a value of the wrong type as corrupt_file naming the key', async () => {
    await writeFile(paths.configFile, '[retention]\ndaily_days = "thirty"\n');
    await expect(readRetentionPolicy(paths)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('retention.daily_days') });
  });

  it('refuses a retention value that is not a table', async () => {
    await writeFile(paths.configFile, 'retention = 5\n');
    await expect(readRetentionPolicy(paths)).rejects.toMatchObject({ code: 'corrupt_file' });
  });

  it.each(['daily_days = -1', 'keep_all_hours = 2.5', 'weekly_weeks = 1000000'])('refuses %s as invalid_input', async (line) => {
    await writeFile(paths.configFile, `[retention]\n${line}\n`);
    await expect(readRetentionPolicy(paths)).rejects.toMatchObject({ code: 'invalid_input', details: { path: paths.configFile } });
  });

  it('refuses an unknown key, so a typo is not silently ignored', async () => {
    expect(() => retentionPolicyFromToml({ keep_all_hour: 12 }, 'config.toml')).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('keep_all_hour') }));
  });

  it('reports corrupt TOML with file and line', async () => {
    await writeFile(paths.configFile, '[retention]\ndaily_days = \n');
    await expect(readRetentionPolicy(paths)).rejects.toMatchObject({ code: 'corrupt_file', details: { line: 2 } });
  });
});
