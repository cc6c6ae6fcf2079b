import { describe, expect, it } from 'vitest';
import { scanLines } from './byte-line-ids.js';
import { ByteLines, ByteWriter } from './byte-lines.js';
import { TextLines } from './text-lines.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('ByteLines', () => {
  it('finds lines with their endings, LF or CRLF, and a last line without one', () => {
    const lines = new ByteLines(bytes('a\nb\r\nc'));
    expect([lines.count, lines.start(1), lines.start(3)]).toEqual([3, 2, 6]);
    expect([lines.hasNewline(0), lines.hasNewline(1), lines.hasNewline(2)]).toEqual([true, true, false]);
    expect([lines.endsInCrlf(0), lines.endsInCrlf(1), lines.endsInCrlf(2)]).toEqual([false, true, false]);
  });

  it('has no lines for empty bytes and one for a lone newline', () => {
    expect([new ByteLines(bytes('')).count, new ByteLines(bytes('\n')).count]).toEqual([0, 1]);
  });

  it('sees only ASCII letters and digits as alphanumeric, as git does', () => {
    const lines = new ByteLines(bytes('{\n\xe9\xff\n}\nx1\n'));
    expect([lines.anyAlphanumeric(0, 3), lines.anyAlphanumeric(0, 4), lines.anyAlphanumeric(3, 4)]).toEqual([false, true, true]);
  });

  it('numbers equal lines alike across the three texts, and finds the lines of each as it goes', () => {
    const base = new ByteLines(bytes('a\nb\nc\nb\n'));
    const local = new ByteLines(bytes('a\nx\nc\nb\n'));
    const remote = new ByteLines(bytes('b\nb\nc'));
    const ids = base.lineIds(local, remote);
    const [a, b, c] = [ids.base[0], ids.base[1], ids.base[2]];
    expect([...ids.base]).toEqual([a, b, c, b]);
    expect([...ids.local].filter((id) => id !== ids.local[1])).toEqual([a, c, b]);
    expect(new Set([a, b, c, ids.local[1]]).size).toBe(4);
    // "c" without a newline is not the base's "c\n".
    expect([ids.remote[0], ids.remote[1], local.count, remote.count]).toEqual([b, b, 4, 3]);
    expect(ids.remote[2]).not.toBe(c);
  });

  it('does not take a model line without a newline for the start of a longer line', () => {
    const base = new ByteLines(bytes('x\nend'));
    const local = new ByteLines(bytes('x\nending\n'));
    const remote = new ByteLines(bytes('x\nend'));
    const ids = base.lineIds(local, remote);
    expect([local.count, local.start(2)]).toEqual([2, 9]);
    expect(ids.local[1]).not.toBe(ids.base[1]);
    expect(ids.remote[1]).toBe(ids.base[1]);
  });

  it('tells apart lines whose hashes meet, walking a side along the base and in the table', () => {
    // Two lines as long as each other with the same 32-bit FNV-1a hash: only their bytes differ.
    const scanned = scanLines(bytes('yaczfa\nglbppa\n'));
    expect(scanned.hashes[0]).toBe(scanned.hashes[1]);
    const base = new ByteLines(bytes('a\nyaczfa\nb\n'));
    const local = new ByteLines(bytes('a\nglbppa\nb\n'));
    const remote = new ByteLines(bytes('yaczfa\nglbppa\nb\n'));
    const ids = base.lineIds(local, remote);
    expect(ids.local[1]).not.toBe(ids.base[1]);
    expect([ids.local[0], ids.local[2]]).toEqual([ids.base[0], ids.base[2]]);
    expect([...ids.remote]).toEqual([ids.base[1], ids.local[1], ids.base[2]]);
  });

  it('numbers thousands of distinct short lines, more than its first guess from their size', () => {
    const text = (from: number): Buffer => bytes(Array.from({ length: 3000 }, (_, i) => `${from + i}\n`).join(''));
    const ids = new ByteLines(text(0)).lineIds(new ByteLines(text(1000)), new ByteLines(text(2000)));
    expect(new Set([...ids.base, ...ids.local, ...ids.remote]).size).toBe(5000);
    expect([ids.local[0], ids.remote[0]]).toEqual([ids.base[1000], ids.base[2000]]);
  });

  it('numbers as TextLines does on many lines, repeated and not, past the table\'s first size', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const text = (count: number): string => Array.from({ length: count }, () => `line ${random(3000)}${random(5) === 0 ? '\r' : ''}\n`).join('');
    const [base, local, remote] = [text(5000), text(4000), text(6000)];
    const fromBytes = new ByteLines(bytes(base)).lineIds(new ByteLines(bytes(local)), new ByteLines(bytes(remote)));
    const fromText = new TextLines(base).lineIds(new TextLines(local), new TextLines(remote));
    // Ids may be handed out in another order: the same lines must share ids in both numberings.
    const pairs = new Map<number, number>();
    const consistent = (['base', 'local', 'remote'] as const).every((side) =>
      fromBytes[side].every((id, i) => (pairs.get(id) ?? pairs.set(id, fromText[side][i]!).get(id)) === fromText[side][i]),
    );
    expect(consistent).toBe(true);
    expect(new Set(pairs.values()).size).toBe(pairs.size);
  });

  it('numbers as TextLines does on sides that are edited copies of the base, across long equal stretches', () => {
    const base = Array.from({ length: 12_000 }, (_, i) => `  line ${i} = value(${i % 97});\n`);
    const edited = (every: number, offset: number, tag: string): string[] =>
      base.map((line, i) => (i % every === offset ? `  ${tag} ${i}\n` : line)).filter((_, i) => i % (every * 7) !== offset + 1);
    const cases: [string, string, string][] = [
      [base.join(''), edited(100, 3, 'ours').join(''), edited(1000, 61, 'theirs').join('')],
      // The last line without a newline, in the base only, in a side only, and longer in a side.
      [`${base.join('')}tail`, `${base.join('')}tail and more\n`, `${base.join('')}tail`],
      [base.join(''), `${base.join('')}tail`, `x${base.join('')}`],
      [base.slice(0, 3000).join(''), base.join(''), base.slice(2).join('')],
    ];
    for (const [b, l, r] of cases) {
      const fromBytes = new ByteLines(bytes(b)).lineIds(new ByteLines(bytes(l)), new ByteLines(bytes(r)));
      const fromText = new TextLines(b).lineIds(new TextLines(l), new TextLines(r));
      const pairs = new Map<number, number>();
      for (const side of ['base', 'local', 'remote'] as const) {
        expect(fromBytes[side].length).toBe(fromText[side].length);
        expect(fromBytes[side].every((id, i) => (pairs.get(id) ?? pairs.set(id, fromText[side][i]!).get(id)) === fromText[side][i])).toBe(true);
      }
      expect(new Set(pairs.values()).size).toBe(pairs.size);
    }
  });
});

describe('ByteWriter', () => {
  it('keeps runs of lines (views of the text) and marker text in order', () => {
    const lines = new ByteLines(bytes('a\nb\nc\n'));
    const out = new ByteWriter();
    out.lines(lines, 0, 1);
    out.text('<<< \xe9\n');
    out.lines(lines, 2, 3);
    out.lines(lines, 3, 3);
    expect(Buffer.concat(out.pieces).toString('latin1')).toBe('a\n<<< \xe9\nc\n');
    expect(out.pieces[0]!.buffer).toBe(lines.bytes.buffer);
  });
});
