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
