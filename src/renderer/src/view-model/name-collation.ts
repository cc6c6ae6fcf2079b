/**
 * Names compared as `new Intl.Collator('en', { sensitivity: 'base', numeric: true })` compares them
 * (case-insensitive, numbers by value, ICU's root order), without making that collator for the
 * printable-ASCII names nearly every list holds: a cold Collator costs Chromium 13–16 ms of ICU
 * loading on the way to the first paint of a list. Any other name goes to the Collator itself.
 * name-collation.test.ts checks the two agree.
 */

/**
 * Printable ASCII in the root collation's primary order (letters stand for both cases): whitespace,
 * punctuation and symbols, digits, letters. The test derives this order from Intl.Collator.
 */
export const ROOT_ASCII_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

/** Primary weight + 1 of each ASCII code (0: not in the fast path). */
const WEIGHT = new Uint8Array(128);
for (let i = 0; i < ROOT_ASCII_ORDER.length; i++) {
  const code = ROOT_ASCII_ORDER.charCodeAt(i);
  WEIGHT[code] = i + 1;
  if (code >= 0x61 && code <= 0x7a) WEIGHT[code - 0x20] = i + 1;
}

/** ICU's numeric collation handles digit runs this long as one number; longer ones go to the Collator. */
const LONGEST_NUMBER = 254;

let collator: Intl.Collator | undefined;

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareNames(a: string, b: string): number {
  if (!fastPathCovers(a) || !fastPathCovers(b)) return (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(a, b);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // Two numbers: by value (leading zeros do not count), then on after both.
      const endA = digitsEnd(a, i);
      const endB = digitsEnd(b, j);
      const byValue = compareDigitRuns(a, skipZeros(a, i, endA), endA, b, skipZeros(b, j, endB), endB);
      if (byValue !== 0) return byValue;
      i = endA;
      j = endB;
      continue;
    }
    // A number against anything else weighs as its first digit does: above punctuation, below letters.
    if (WEIGHT[ca] !== WEIGHT[cb]) return WEIGHT[ca]! - WEIGHT[cb]!;
    i++;
    j++;
  }
  return (a.length - i > 0 ? 1 : 0) - (b.length - j > 0 ? 1 : 0);
}

/** Whether every character of `name` is printable ASCII and no digit run is longer than ICU takes as one number. */
function fastPathCovers(name: string): boolean {
  let run = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 128 || WEIGHT[code] === 0) return false;
    run = isDigit(code) ? run + 1 : 0;
    if (run > LONGEST_NUMBER) return false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function digitsEnd(s: string, from: number): number {
  let end = from;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  return end;
}

function skipZeros(s: string, from: number, end: number): number {
  let start = from;
  while (start < end && s.charCodeAt(start) === 0x30) start++;
  return start;
}

/** Two runs of significant digits by value: the longer is larger, else the first differing digit decides. */
function compareDigitRuns(a: string, startA: number, endA: number, b: string, startB: number, endB: number): number {
  if (endA - startA !== endB - startB) return endA - startA - (endB - startB);
  for (let k = 0; k < endA - startA; k++) {
    const diff = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
    if (diff !== 0) return diff;
  }
  return 0;
}
