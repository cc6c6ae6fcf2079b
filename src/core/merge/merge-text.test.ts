// Each test is a small merge: base / local (project) / remote (collection) as lines, and the merged
// text git merge-file 2.39 writes for them (every expectation here was checked against it).
import { describe, expect, it } from 'vitest';
import { SkillmeatError } from '../errors.js';
import { mergeText } from './merge-text.js';

/** Text from lines, each ending in "\n". */
function text(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** Text from lines, each ending in "\r\n". */
function crlf(...lines: string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

describe('mergeText: clean merges', () => {
  it('takes edits of different lines from both sides', () => {
    const base = text('a', 'b', 'c', 'd', 'e');
    const local = text('A', 'b', 'c', 'd', 'e');
    const remote = text('a', 'b', 'c', 'd', 'E');
    expect(mergeText(base, local, remote)).toEqual({ text: text('A', 'b', 'c', 'd', 'E'), conflicts: 0, clean: true });
  });

  it('takes an identical change once', () => {
    const base = text('a', 'b', 'c');
    const both = text('a', 'B', 'c');
    expect(mergeText(base, both, both)).toEqual({ text: both, conflicts: 0, clean: true });
  });

  it('returns the other side byte for byte when one side is unchanged', () => {
    const base = text('a', 'b');
    const remote = 'a\r\nb'; // even a rewrite of every line
    expect(mergeText(base, base, remote).text).toBe(remote);
  });

  it('deletes the file content when one side empties it and the other leaves it alone', () => {
    const base = text('a', 'b');
    expect(mergeText(base, '', base)).toEqual({ text: '', conflicts: 0, clean: true });
  });

  it('merges identical additions to an empty base cleanly', () => {
    expect(mergeText('', text('x', 'y'), text('x', 'y'))).toEqual({ text: text('x', 'y'), conflicts: 0, clean: true });
  });

  it('keeps a missing final newline from the side that changed the last line', () => {
    const base = 'a\nb\nc';
    const local = 'A\nb\nc';
    const remote = 'a\nb\nC';
    expect(mergeText(base, local, remote).text).toBe('A\nb\nC');
  });
});

describe('mergeText: conflicts', () => {
  it('marks overlapping different edits as one conflict hunk', () => {
    const base = text('a', 'b', 'c');
    const local = text('a', 'ours', 'c');
    const remote = text('a', 'theirs', 'c');
    expect(mergeText(base, local, remote)).toEqual({
      text: text('a', '<<<<<<< project', 'ours', '=======', 'theirs', '>>>>>>> collection', 'c'),
      conflicts: 1,
      clean: false,
    });
  });

  it('treats edits of adjacent lines as a conflict, as git does', () => {
    const base = text('a', 'b', 'c', 'd');
    const local = text('a', 'B', 'c', 'd');
    const remote = text('a', 'b', 'C', 'd');
    expect(mergeText(base, local, remote).text).toBe(text('a', '<<<<<<< project', 'B', 'c', '=======', 'b', 'C', '>>>>>>> collection', 'd'));
  });

  it('makes different appends at the end of the file a conflict', () => {
    const base = text('a', 'b');
    expect(mergeText(base, text('a', 'b', 'x'), text('a', 'b', 'y')).text).toBe(
      text('a', 'b', '<<<<<<< project', 'x', '=======', 'y', '>>>>>>> collection'),
    );
  });

  it('makes different inserts at the start of the file a conflict', () => {
    const base = text('a', 'b');
    expect(mergeText(base, text('x', 'a', 'b'), text('y', 'a', 'b')).text).toBe(
      text('<<<<<<< project', 'x', '=======', 'y', '>>>>>>> collection', 'a', 'b'),
    );
  });

  it('conflicts when one side empties the file and the other edits it', () => {
    const base = text('a', 'b');
    expect(mergeText(base, '', text('a', 'B')).text).toBe(text('<<<<<<< project', '=======', 'a', 'B', '>>>>>>> collection'));
  });

  it('merges different additions to an empty base with their common first line outside the conflict', () => {
    expect(mergeText('', text('x', 'y'), text('x', 'z')).text).toBe(text('x', '<<<<<<< project', 'y', '=======', 'z', '>>>>>>> collection'));
  });

  it('uses the given labels and marker size', () => {
    const result = mergeText(text('a'), text('b'), text('c'), { labels: ['mine', 'old', 'theirs'], markerSize: 3 });
    expect(result.text).toBe(text('<<< mine', 'b', '===', 'c', '>>> theirs'));
  });
});

describe('mergeText: refining conflicts (git\'s zealous-alnum level)', () => {
  it('moves lines both sides share at the edges of a conflict out of it', () => {
    const base = text('x');
    const local = text('same1', 'A', 'same2');
    const remote = text('same1', 'B', 'same2');
    expect(mergeText(base, local, remote).text).toBe(text('same1', '<<<<<<< project', 'A', '=======', 'B', '>>>>>>> collection', 'same2'));
  });

  it('splits a conflict in two around more than three shared lines with letters in them', () => {
    const base = text('x');
    const local = text('A', 'k1', 'k2', 'k3', 'k4', 'B');
    const remote = text('AA', 'k1', 'k2', 'k3', 'k4', 'BB');
    const result = mergeText(base, local, remote);
    expect(result.text).toBe(
      text('<<<<<<< project', 'A', '=======', 'AA', '>>>>>>> collection', 'k1', 'k2', 'k3', 'k4', '<<<<<<< project', 'B', '=======', 'BB', '>>>>>>> collection'),
    );
    expect(result.conflicts).toBe(2);
  });

  it('joins conflicts separated by three lines or fewer', () => {
    const base = text('a', 'k1', 'k2', 'k3', 'b');
    const local = text('A', 'k1', 'k2', 'k3', 'B');
    const remote = text('AA', 'k1', 'k2', 'k3', 'BB');
    const result = mergeText(base, local, remote);
    expect(result.text).toBe(text('<<<<<<< project', 'A', 'k1', 'k2', 'k3', 'B', '=======', 'AA', 'k1', 'k2', 'k3', 'BB', '>>>>>>> collection'));
    expect(result.conflicts).toBe(1);
  });

  it('joins conflicts separated only by lines without letters or digits', () => {
    const base = text('a', '{', '', '}', '', '{', 'b');
    const local = text('A', '{', '', '}', '', '{', 'B');
    const remote = text('AA', '{', '', '}', '', '{', 'BB');
    expect(mergeText(base, local, remote)).toEqual({
      text: text('<<<<<<< project', 'A', '{', '', '}', '', '{', 'B', '=======', 'AA', '{', '', '}', '', '{', 'BB', '>>>>>>> collection'),
      conflicts: 1,
      clean: false,
    });
  });

  it('keeps conflicts apart across more than three lines with letters in them', () => {
    const base = text('a', 'k1', 'k2', 'k3', 'k4', 'b');
    const local = text('A', 'k1', 'k2', 'k3', 'k4', 'B');
    const remote = text('AA', 'k1', 'k2', 'k3', 'k4', 'BB');
    expect(mergeText(base, local, remote).conflicts).toBe(2);
  });
});

describe('mergeText: diff3 style', () => {
  it('shows the base lines between the sides and does not trim shared lines', () => {
    const base = text('x');
    const local = text('same1', 'A', 'same2');
    const remote = text('same1', 'B', 'same2');
    expect(mergeText(base, local, remote, { style: 'diff3' }).text).toBe(
      text('<<<<<<< project', 'same1', 'A', 'same2', '||||||| base', 'x', '=======', 'same1', 'B', 'same2', '>>>>>>> collection'),
    );
  });
});

describe('mergeText: line endings', () => {
  it('writes markers with CRLF in a CRLF file', () => {
    const base = crlf('a', 'b');
    expect(mergeText(base, crlf('a', 'b', 'x'), crlf('a', 'b', 'y')).text).toBe(
      crlf('a', 'b', '<<<<<<< project', 'x', '=======', 'y', '>>>>>>> collection'),
    );
  });

  it('writes LF markers when the base is empty, even between CRLF sides (git cannot tell the style)', () => {
    expect(mergeText('', crlf('a', 'b'), crlf('a', 'c')).text).toBe('a\r\n<<<<<<< project\nb\r\n=======\nc\r\n>>>>>>> collection\n');
  });

  it('ends a conflict side\'s unterminated last line before the next marker', () => {
    const base = text('a', 'b');
    expect(mergeText(base, 'a\nx', text('a', 'y')).text).toBe(text('a', '<<<<<<< project', 'x', '=======', 'y', '>>>>>>> collection'));
  });

  it('ends that line with CRLF in a CRLF file', () => {
    const base = crlf('a', 'b');
    expect(mergeText(base, 'a\r\nx', crlf('a', 'y')).text).toBe(crlf('a', '<<<<<<< project', 'x', '=======', 'y', '>>>>>>> collection'));
  });

  it('treats a line and the same line without its newline as different', () => {
    // local only drops the final newline, which changes its last line as much as remote's edit does
    expect(mergeText(text('a', 'b'), 'a\nb', text('a', 'B')).text).toBe(text('a', '<<<<<<< project', 'b', '=======', 'B', '>>>>>>> collection'));
  });
});

describe('mergeText: the zdiff3 style', () => {
  it('shows the whole base, and moves lines both sides open and close the conflict with out of it', () => {
    const base = text('x');
    const local = text('same1', 'A', 'same2');
    const remote = text('same1', 'B', 'same2');
    expect(mergeText(base, local, remote, { style: 'zdiff3' }).text).toBe(
      text('same1', '<<<<<<< project', 'A', '||||||| base', 'x', '=======', 'B', '>>>>>>> collection', 'same2'),
    );
  });
});

describe('mergeText: conflicts resolved for a side (--ours, --theirs, --union)', () => {
  const base = text('x');
  const local = text('same1', 'A', 'same2');
  const remote = text('same1', 'B', 'same2');

  it('takes local\'s lines with favor ours, and counts no conflict', () => {
    expect(mergeText(base, local, remote, { favor: 'ours' })).toEqual({ text: text('same1', 'A', 'same2'), conflicts: 0, clean: true });
  });

  it('takes remote\'s lines with favor theirs', () => {
    expect(mergeText(base, local, remote, { favor: 'theirs' }).text).toBe(text('same1', 'B', 'same2'));
  });

  it('takes local\'s lines then remote\'s with favor union', () => {
    expect(mergeText(base, local, remote, { favor: 'union' }).text).toBe(text('same1', 'A', 'B', 'same2'));
  });

  it('ends local\'s last line in a union, in the file\'s line ending, and leaves remote\'s as it is', () => {
    expect(mergeText('a\nb', 'a\nx', text('a', 'y'), { favor: 'union' }).text).toBe(text('a', 'x', 'y'));
    expect(mergeText(crlf('a', 'b'), 'a\r\nx', crlf('a', 'y'), { favor: 'union' }).text).toBe(crlf('a', 'x', 'y'));
  });

  it('keeps a favored side\'s missing final newline missing', () => {
    expect(mergeText('l1\nl3', 'l1\nl3x', 'l1\nl3y', { favor: 'ours' }).text).toBe('l1\nl3x');
  });
});

describe('mergeText: labels and marker size', () => {
  it('writes labels as given, line breaks included, as git writes its -L labels', () => {
    expect(mergeText(text('a'), text('b'), text('c'), { labels: ['x\ny', '', 'z'], style: 'diff3' }).text).toBe(
      text('<<<<<<< x', 'y', 'b', '||||||| ', 'a', '=======', 'c', '>>>>>>> z'),
    );
  });

  it('rejects a marker size that is not a positive whole number', () => {
    const attempt = (): unknown => mergeText('a\n', 'b\n', 'c\n', { markerSize: 0 });
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_input' }) as Error);
  });

  it('refuses, as an error to act on, a result too long for a string (a huge marker size)', () => {
    const attempt = (): unknown => mergeText('a\n', 'b\n', 'c\n', { markerSize: 2 ** 29 });
    expect(attempt).toThrow(SkillmeatError);
  });
});
