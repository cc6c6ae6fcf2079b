/**
 * Times as a user reads them: in the local time zone, relative to now ("3 hours ago"), with the
 * absolute time for a tooltip, and the local day a time falls on (the timeline groups by it).
 * The back end's times are RFC 3339 UTC; the words are English, as everywhere in the app.
 */

import { relativeWords } from './relative-words.js';

// Made on first use: a cold Intl formatter loads ICU data, and the first paint of a list needs none.
let absoluteFormat: Intl.DateTimeFormat | undefined;
let dayNameFormat: Intl.DateTimeFormat | undefined;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "2 weeks ago", "3 months ago", "last year". */
export function relativeTime(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const ago = now.getTime() - then.getTime();
  if (Math.abs(ago) < 45_000) return 'just now';
  if (Math.abs(ago) < 45 * MINUTE) return relativeWords(-Math.round(ago / MINUTE), 'minute');
  const days = calendarDaysBetween(then, now);
  if (days === 0 || Math.abs(ago) < 6 * HOUR) return relativeWords(-Math.round(ago / HOUR), 'hour');
  if (Math.abs(days) < 7) return relativeWords(-days, 'day');
  if (Math.abs(days) < 35) return relativeWords(-Math.round(days / 7), 'week');
  if (Math.abs(days) < 365) return relativeWords(-Math.sign(days) * Math.max(1, Math.round(Math.abs(days) / 30.44)), 'month');
  return relativeWords(-Math.round(days / 365.25), 'year');
}

/** The full local date and time, with its zone: the tooltip of a relative time. */
export function absoluteTime(iso: string): string {
  // Formatting with the zone's name costs ~0.3 ms a time, and a list draws its times again on
  // every change: each time is formatted once.
  const known = absoluteTimes.get(iso);
  if (known !== undefined) return known;
  const then = new Date(iso);
  const text = Number.isNaN(then.getTime()) ? iso : warmAbsoluteTime().format(then);
  if (absoluteTimes.size >= ABSOLUTE_TIMES_KEPT) absoluteTimes.clear();
  absoluteTimes.set(iso, text);
  return text;
}

const absoluteTimes = new Map<string, string>();
const ABSOLUTE_TIMES_KEPT = 2000;

/** Makes the absolute time's formatter now, if it was not made yet (loading its ICU data takes a while). */
export function warmAbsoluteTime(): Intl.DateTimeFormat {
  return (absoluteFormat ??= new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'long' }));
}

/** A key naming the local calendar day of a time ("2026-01-05"). */
export function localDayKey(iso: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  return `${then.getFullYear()}-${pad(then.getMonth() + 1)}-${pad(then.getDate())}`;
}

/** A local day's heading: "Today", "Yesterday", else "Monday, January 5, 2026". */
export function dayLabel(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const days = calendarDaysBetween(then, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return (dayNameFormat ??= new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(then);
}

/** Whole local calendar days from `then` to `now` (0: the same day; daylight-saving days count as one). */
function calendarDaysBetween(then: Date, now: Date): number {
  const start = Date.UTC(then.getFullYear(), then.getMonth(), then.getDate());
  const end = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((end - start) / DAY);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
