import { randomInt } from '../lazy-crypto.js';
import { SkillmeatError } from '../errors.js';

/** Ours: `YYYYMMDD_HHMMSS_xxx` (UTC); Python's: `YYYYMMDD-HHMMSS-ffffff` (UTC, microseconds). */
export type SnapshotIdForm = 'skillmeat' | 'python';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX_LENGTH = 3;
const RANDOM_ATTEMPTS = 64;
const OURS = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})_[a-z0-9]{3}$/;
const PYTHON = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-\d{6}$/;

/**
 * A new snapshot id for `now`: its UTC second plus three random lowercase alphanumerics, not in `taken`
 * (the ids already in the collection's snapshot folder). Collisions are retried.
 */
export function newSnapshotId(now: Date, taken: ReadonlySet<string>): string {
  if (Number.isNaN(now.getTime())) throw new SkillmeatError('invalid_input', 'Cannot name a snapshot after an invalid date.');
  const prefix = secondStamp(now);
  for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
    const id = `${prefix}_${randomSuffix()}`;
    if (!taken.has(id)) return id;
  }
  // Only reachable when most of the 46,656 names of this second are taken: take the first free one.
  for (let n = 0; n < ALPHABET.length ** SUFFIX_LENGTH; n++) {
    const id = `${prefix}_${suffixOf(n)}`;
    if (!taken.has(id)) return id;
  }
  throw new SkillmeatError('already_exists', `Every snapshot id of ${prefix} is taken. Wait a second and try again.`, { prefix });
}

/** True for a snapshot id in our form or in the Python tool's. */
export function isSnapshotId(value: unknown): value is string {
  return snapshotIdForm(value) !== undefined;
}

/** Which tool's form `value` is a snapshot id in, or undefined when it is none (including impossible dates). */
export function snapshotIdForm(value: unknown): SnapshotIdForm | undefined {
  if (typeof value !== 'string') return undefined;
  const ours = OURS.exec(value);
  if (ours) return isRealTime(ours) ? 'skillmeat' : undefined;
  const python = PYTHON.exec(value);
  if (python) return isRealTime(python) ? 'python' : undefined;
  return undefined;
}

function secondStamp(date: Date): string {
  const iso = date.toISOString(); // 2025-12-17T14:30:22.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return suffix;
}

function suffixOf(n: number): string {
  let suffix = '';
  for (let i = 0, rest = n; i < SUFFIX_LENGTH; i++, rest = Math.floor(rest / ALPHABET.length)) {
    suffix = ALPHABET[rest % ALPHABET.length] + suffix;
  }
  return suffix;
}

/** The six captured fields name a moment that exists (no month 13, no February 30). */
function isRealTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}
