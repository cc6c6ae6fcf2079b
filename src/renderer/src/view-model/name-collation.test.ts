import { describe, expect, it } from 'vitest';
import { ROOT_ASCII_ORDER, compareNames } from './name-collation.js';

const icu = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const sign = (n: number) => Math.sign(n);

/** A deterministic pseudo-random sequence (a test never depends on chance). */
function generator(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

describe('comparing names', () => {
  it('knows printable ASCII in the order ICU sorts it', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const order = [...printable].sort(icu.compare);
    const distinct = order.filter((c, i) => i === 0 || icu.compare(order[i - 1]!, c) !== 0).map((c) => c.toLowerCase());
    expect(distinct.join('')).toBe(ROOT_ASCII_ORDER);
  });

  it('agrees with Intl.Collator on names made of letters, digits and punctuation', () => {
    const random = generator(20261206);
    const alphabet = 'aAbBzZ0012399-_. /~$#(';
    const name = () => Array.from({ length: 1 + random(9) }, () => alphabet[random(alphabet.length)]).join('');
    for (let n = 0; n < 20_000; n++) {
      const a = name();
      const b = random(4) === 0 ? a.toUpperCase() : name();
      expect(sign(compareNames(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(icu.compare(a, b)));
    }
  });

  it('orders numbers by value, ignoring leading zeros, as ICU does', () => {
    const cases: [string, string][] = [
      ['api-2', 'api-10'],
      ['a01', 'a1'],
      ['a0', 'a00'],
      ['x9', 'x10'],
      ['v1.2', 'v1.10'],
      ['1', 'a'],
      ['-', '1'],
      ['a1', 'a-'],
      ['a b', 'a-b'],
      ['project-99999999999999999999', 'project-100000000000000000000'],
      ['', 'a'],
      ['', ''],
    ];
    for (const [a, b] of cases) {
      expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)));
      expect(sign(compareNames(b, a)), `${b} vs ${a}`).toBe(sign(icu.compare(b, a)));
    }
  });

  it('leaves names beyond printable ASCII to the collator', () => {
    const cases: [string, string][] = [
      ['café', 'cafe'],
      ['Ärger', 'arg'],
      ['a\u0000', 'a'],
      ['<\u0338', '<'],
      ['日本', 'abc'],
      ['a\t', 'a'],
      [`n${'7'.repeat(300)}`, `n${'7'.repeat(299)}8`],
    ];
    for (const [a, b] of cases) expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)));
  });
});
