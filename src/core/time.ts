import { TomlDate } from 'smol-toml';

/** Timestamps are RFC 3339 UTC with `Z`, second precision, everywhere in the product. */
export function rfc3339(date: Date = new Date()): string {
  // Through a plain Date: a TomlDate's own toISOString keeps its offset (or none, for a local time).
  return new Date(date.getTime()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads a timestamp from TOML (a TomlDate, a Date or a string) as RFC 3339 UTC, or undefined. */
export function toRfc3339(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : rfc3339(value);
  if (typeof value === 'string') {
    // Most timestamps we read are already canonical: check the shape and validity, skip re-formatting.
    if (CANONICAL.test(value)) return Number.isNaN(Date.parse(value)) ? undefined : value;
    // A date-time without an offset (the Python tool writes `datetime.utcnow().isoformat()`) is UTC,
    // never the local time of whoever reads it (versioning spec 10).
    const naive = NAIVE.exec(value);
    const parsed = new Date(naive ? `${naive[1]}T${naive[2]}Z` : value);
    return Number.isNaN(parsed.getTime()) ? undefined : rfc3339(parsed);
  }
  return undefined;
}

const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * The value to write for timestamp `rfc3339` where a file held `previous`: `previous` itself when it
 * says the same time (so its bytes stay: precision, offset, naive form), else the new time in the
 * form `previous` was written in — a TOML date-time stays one, a naive string stays naive (UTC, with
 * as many fraction digits), an explicit `+00:00` stays so — and our `Z` form when there was none.
 * A file another tool writes keeps one form of timestamps (versioning spec 10).
 */
export function timestampInForm(rfc3339Text: string, previous: unknown): unknown {
  if (previous !== undefined && toRfc3339(previous) === rfc3339Text) return previous;
  if (previous instanceof TomlDate) {
    if (previous.isLocal()) return new TomlDate(rfc3339Text.replace(/Z$/, ''));
    return new TomlDate(rfc3339Text);
  }
  if (typeof previous === 'string') {
    const naive = NAIVE.exec(previous);
    if (naive) {
      const fraction = /\.(\d+)$/.exec(naive[2] ?? '')?.[1];
      const separator = previous.charAt(10);
      return `${rfc3339Text.slice(0, 10)}${separator}${rfc3339Text.slice(11, 19)}${fraction === undefined ? '' : `.${'0'.repeat(fraction.length)}`}`;
    }
    if (/\+00:00$/.test(previous)) return rfc3339Text.replace(/Z$/, '+00:00');
  }
  return rfc3339Text;
}
