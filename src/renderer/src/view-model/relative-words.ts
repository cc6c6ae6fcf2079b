/**
 * English relative-time words, exactly as `new Intl.RelativeTimeFormat('en', { numeric: 'auto' })`
 * writes them ("yesterday", "3 hours ago", "in 2 weeks"). Every row of every list shows one, and a
 * cold RelativeTimeFormat costs Chromium 18–30 ms of ICU loading on the way to the first paint;
 * these few words cost nothing. relative-words.test.ts checks them against Intl for every unit.
 */

export type RelativeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** What `numeric: 'auto'` says instead of a number: for 0 (either sign), and for ±1 of days and longer. */
const NAMED: Readonly<Record<RelativeUnit, { readonly last?: string; readonly this: string; readonly next?: string }>> = {
  minute: { this: 'this minute' },
  hour: { this: 'this hour' },
  day: { last: 'yesterday', this: 'today', next: 'tomorrow' },
  week: { last: 'last week', this: 'this week', next: 'next week' },
  month: { last: 'last month', this: 'this month', next: 'next month' },
  year: { last: 'last year', this: 'this year', next: 'next year' },
};

/** `value` units from now: negative is past ("2 days ago"), positive is future ("in 2 days"); `value` is a whole number. */
export function relativeWords(value: number, unit: RelativeUnit): string {
  const named = NAMED[unit];
  if (value === 0) return named.this;
  if (value === -1 && named.last !== undefined) return named.last;
  if (value === 1 && named.next !== undefined) return named.next;
  const count = Math.abs(value);
  const amount = `${groupThousands(count)} ${unit}${count === 1 ? '' : 's'}`;
  return value < 0 ? `${amount} ago` : `in ${amount}`;
}

/** 1234567 → "1,234,567", as English number formatting writes a whole number. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
