// Each test is one row of the per-file table (versioning spec section 5), or one case around it:
// three small trees in, and a projection of the result out — the merged files as text, the outcome
// of each path, and the conflicts as "path: kind".
import { describe, expect, it } from 'vitest';
import type { FileMap } from './file-map.js';
import { mergeTrees, type TreeMergeInput, type TreeMergeResult } from './tree-merge.js';

/** A tree from path → content (text is UTF-8 encoded). */
function tree(files: Readonly<Record<string, string | Uint8Array>>): FileMap {
  return new Map(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? new TextEncoder().encode(content) : content]));
}

/** The merged files as text, the outcome of each path, and the conflicts as "path: kind". */
function view(result: TreeMergeResult): { files: Record<string, string>; outcomes: Record<string, string>; conflicts: string[] } {
  return {
    files: Object.fromEntries([...result.files].map(([path, bytes]) => [path, Buffer.from(bytes as Uint8Array).toString('utf8')])),
    outcomes: Object.fromEntries(result.decisions.map((d) => [d.path, d.outcome])),
    conflicts: result.conflicts.map((c) => `${c.path}: ${c.kind}`),
  };
}

function merge(base: Record<string, string | Uint8Array> | undefined, local: Record<string, string | Uint8Array>, remote: Record<string, string | Uint8Array>, options: Partial<TreeMergeInput> = {}) {
  const result = mergeTrees({ base: base && tree(base), local: tree(local), remote: tree(remote), ...options });
  return { result, ...view(result) };
}

const SKILL = { 'SKILL.md': '# Skill\n' };
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01);
const PNG2 = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x02);
const PNG3 = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x03);

describe('mergeTrees: the per-file table', () => {
  it('leaves a file nobody changed', () => {
    expect(merge(SKILL, SKILL, SKILL)).toMatchObject({ files: SKILL, outcomes: { 'SKILL.md': 'unchanged' }, conflicts: [] });
  });

  it('takes a file added on the local side only', () => {
    expect(merge(SKILL, { ...SKILL, 'notes.md': 'mine\n' }, SKILL)).toMatchObject({ files: { ...SKILL, 'notes.md': 'mine\n' }, outcomes: { 'notes.md': 'added' } });
  });

  it('takes a file added on the remote side only', () => {
    expect(merge(SKILL, SKILL, { ...SKILL, 'new.md': 'theirs\n' })).toMatchObject({ files: { ...SKILL, 'new.md': 'theirs\n' }, outcomes: { 'new.md': 'added' } });
  });

  it('takes a file added identically on both sides', () => {
    const both = { ...SKILL, 'same.md': 'same\n' };
    expect(merge(SKILL, both, both)).toMatchObject({ files: both, outcomes: { 'same.md': 'added' }, conflicts: [] });
  });

  it('line-merges a file added differently on both sides against an empty base: a conflict when the lines differ', () => {
    const { result, outcomes, conflicts } = merge(SKILL, { ...SKILL, 'x.md': 'a\nmine\n' }, { ...SKILL, 'x.md': 'a\ntheirs\n' });
    expect(outcomes['x.md']).toBe('conflict');
    expect(conflicts).toEqual(['x.md: content']);
    expect(result.conflicts[0]?.markers).toBe('a\n<<<<<<< project\nmine\n=======\ntheirs\n>>>>>>> collection\n');
  });

  it('line-merges a file added differently on both sides against an empty base: clean when one side added it empty', () => {
    expect(merge(SKILL, { ...SKILL, 'x.md': '' }, { ...SKILL, 'x.md': 'theirs\n' })).toMatchObject({ files: { 'x.md': 'theirs\n' }, outcomes: { 'x.md': 'merged' }, conflicts: [] });
  });

  it('deletes a file deleted locally and unchanged remotely', () => {
    const base = { ...SKILL, 'old.md': 'old\n' };
    expect(merge(base, SKILL, base)).toMatchObject({ files: SKILL, outcomes: { 'old.md': 'deleted' }, conflicts: [] });
  });

  it('deletes a file deleted remotely and unchanged locally', () => {
    const base = { ...SKILL, 'old.md': 'old\n' };
    expect(merge(base, base, SKILL)).toMatchObject({ files: SKILL, outcomes: { 'old.md': 'deleted' }, conflicts: [] });
  });

  it('makes a file deleted locally and changed remotely a deletion conflict, leaving it absent as locally', () => {
    const { result, files, outcomes, conflicts } = merge({ ...SKILL, 'old.md': 'old\n' }, SKILL, { ...SKILL, 'old.md': 'edited\n' });
    expect(conflicts).toEqual(['old.md: deletion']);
    expect(outcomes['old.md']).toBe('conflict');
    expect(files).toEqual(SKILL);
    expect(result.conflicts[0]).toMatchObject({ local: undefined, count: 1 });
  });

  it('makes a file changed locally and deleted remotely a deletion conflict, keeping the local bytes', () => {
    const { files, conflicts } = merge({ ...SKILL, 'old.md': 'old\n' }, { ...SKILL, 'old.md': 'edited\n' }, SKILL);
    expect(conflicts).toEqual(['old.md: deletion']);
    expect(files['old.md']).toBe('edited\n');
  });

  it('deletes a file deleted on both sides', () => {
    expect(merge({ ...SKILL, 'old.md': 'old\n' }, SKILL, SKILL)).toMatchObject({ files: SKILL, outcomes: { 'old.md': 'deleted' }, conflicts: [] });
  });

  it('takes a change made on the local side only', () => {
    expect(merge(SKILL, { 'SKILL.md': '# Mine\n' }, SKILL)).toMatchObject({ files: { 'SKILL.md': '# Mine\n' }, outcomes: { 'SKILL.md': 'took_local' } });
  });

  it('takes a change made on the remote side only', () => {
    expect(merge(SKILL, SKILL, { 'SKILL.md': '# Theirs\n' })).toMatchObject({ files: { 'SKILL.md': '# Theirs\n' }, outcomes: { 'SKILL.md': 'took_remote' } });
  });

  it('takes a change made identically on both sides', () => {
    const both = { 'SKILL.md': '# Both\n' };
    expect(merge(SKILL, both, both)).toMatchObject({ files: both, outcomes: { 'SKILL.md': 'took_local' }, conflicts: [] });
  });

  it('line-merges a file changed differently on both sides, inside a folder', () => {
    const base = { 'SKILL.md': '# Skill\n', 'docs/guide.md': 'one\ntwo\nthree\nfour\n' };
    const local = { ...base, 'docs/guide.md': 'ONE\ntwo\nthree\nfour\n' };
    const remote = { ...base, 'docs/guide.md': 'one\ntwo\nthree\nFOUR\n' };
    expect(merge(base, local, remote)).toMatchObject({ files: { 'docs/guide.md': 'ONE\ntwo\nthree\nFOUR\n' }, outcomes: { 'docs/guide.md': 'merged' }, conflicts: [] });
  });

  it('reports overlapping changes as a content conflict with git-style markers labelled project / base / collection', () => {
    const { result, files } = merge({ 'SKILL.md': 'a\nb\nc\n' }, { 'SKILL.md': 'a\nours\nc\n' }, { 'SKILL.md': 'a\ntheirs\nc\n' });
    const markers = 'a\n<<<<<<< project\nours\n=======\ntheirs\n>>>>>>> collection\nc\n';
    expect(result.conflicts).toEqual([{ path: 'SKILL.md', kind: 'content', base: expect.any(Uint8Array), local: expect.any(Uint8Array), remote: expect.any(Uint8Array), markers, count: 1 }]);
    expect(files['SKILL.md']).toBe(markers);
    expect(result.clean).toBe(false);
  });

  it('counts each conflict hunk (hunks more than three lines apart stay separate, as in git)', () => {
    const { result } = merge({ f: '1\n2\n3\n4\n5\n6\n' }, { f: 'A\n2\n3\n4\n5\nA\n' }, { f: 'B\n2\n3\n4\n5\nB\n' });
    expect(result.conflicts[0]?.count).toBe(2);
  });

  it('uses the labels and the diff3 style it is given', () => {
    const { result } = merge({ f: 'b\n' }, { f: 'ours\n' }, { f: 'theirs\n' }, { labels: ['mine', 'old', 'theirs'], style: 'diff3' });
    expect(result.conflicts[0]?.markers).toBe('<<<<<<< mine\nours\n||||||| old\nb\n=======\ntheirs\n>>>>>>> theirs\n');
  });
});

describe('mergeTrees: binary files', () => {
  it('never line-merges a binary file changed differently on both sides: a binary conflict keeping the local bytes', () => {
    const { result, outcomes, conflicts } = merge({ 'logo.png': PNG }, { 'logo.png': PNG2 }, { 'logo.png': PNG3 });
    expect(conflicts).toEqual(['logo.png: binary']);
    expect(outcomes['logo.png']).toBe('conflict');
    expect(result.files.get('logo.png')).toEqual(PNG2);
    expect(result.conflicts[0]).toMatchObject({ base: PNG, local: PNG2, remote: PNG3, count: 1 });
    expect(result.conflicts[0]?.markers).toBeUndefined();
  });

  it('takes a binary file changed on one side only, without a conflict', () => {
    const { result, outcomes } = merge({ 'logo.png': PNG }, { 'logo.png': PNG }, { 'logo.png': PNG2 });
    expect(outcomes['logo.png']).toBe('took_remote');
    expect(result.files.get('logo.png')).toEqual(PNG2);
    expect(result.clean).toBe(true);
  });

  it('makes a text file that became binary on one side, and changed on the other, a binary conflict', () => {
    expect(merge({ f: 'a\n' }, { f: PNG }, { f: 'b\n' }).conflicts).toEqual(['f: binary']);
  });

  it('makes a binary file added differently on both sides a binary conflict', () => {
    expect(merge({}, { 'logo.png': PNG2 }, { 'logo.png': PNG3 }).conflicts).toEqual(['logo.png: binary']);
  });

  it('line-merges bytes that are not valid UTF-8 byte for byte, never corrupting them', () => {
    const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1'); // é is the single byte 0xE9
    const { result } = merge({ f: latin1('café\nb\nc\nd\n') }, { f: latin1('cafè\nb\nc\nd\n') }, { f: latin1('café\nb\nc\nnaïve\n') });
    expect(result.clean).toBe(true);
    expect(result.files.get('f')).toEqual(latin1('cafè\nb\nc\nnaïve\n'));
  });

  it('writes UTF-8 labels as UTF-8 into the markers of a file that is not valid UTF-8', () => {
    const { result } = merge({ f: Buffer.from('a\n', 'latin1') }, { f: Buffer.from('é\n', 'latin1') }, { f: Buffer.from('è\n', 'latin1') }, { labels: ['projét', 'base', 'collection'] });
    expect(Buffer.from(result.files.get('f') as Uint8Array)).toEqual(Buffer.concat([Buffer.from('<<<<<<< projét\n'), Buffer.from('é\n=======\nè\n', 'latin1'), Buffer.from('>>>>>>> collection\n')]));
  });
});

describe('mergeTrees: no base known', () => {
  it('takes a file both sides hold identically', () => {
    expect(merge(undefined, SKILL, SKILL)).toMatchObject({ files: SKILL, outcomes: { 'SKILL.md': 'unchanged' }, conflicts: [] });
  });

  it('auto-merges nothing: a file that differs is a no_base conflict, even one a line merge would settle', () => {
    const { files, conflicts } = merge(undefined, { f: 'A\nb\nc\nd\n' }, { f: 'a\nb\nc\nD\n' });
    expect(conflicts).toEqual(['f: no_base']);
    expect(files).toEqual({ f: 'A\nb\nc\nd\n' });
  });

  it('makes a file present on one side only a no_base conflict, keeping the local side', () => {
    const { files, conflicts, outcomes } = merge(undefined, { ...SKILL, 'mine.md': 'm\n' }, { ...SKILL, 'theirs.md': 't\n' });
    expect(conflicts).toEqual(['mine.md: no_base', 'theirs.md: no_base']);
    expect(outcomes).toEqual({ 'SKILL.md': 'unchanged', 'mine.md': 'conflict', 'theirs.md': 'conflict' });
    expect(files).toEqual({ ...SKILL, 'mine.md': 'm\n' });
  });
});

describe('mergeTrees: shape of the result', () => {
  it('merges a file artifact as the single path ""', () => {
    expect(merge({ '': 'a\nb\nc\nd\n' }, { '': 'A\nb\nc\nd\n' }, { '': 'a\nb\nc\nD\n' })).toMatchObject({ files: { '': 'A\nb\nc\nD\n' }, outcomes: { '': 'merged' } });
  });

  it('decides every path of the union once, in hash path order', () => {
    const { result } = merge({ 'a-b.md': 'x', 'gone.md': 'g' }, { 'a-b.md': 'x', 'a/z.md': 'z' }, { 'a-b.md': 'x', 'B.md': 'b' });
    expect(result.decisions.map((d) => d.path)).toEqual(['B.md', 'a/z.md', 'a-b.md', 'gone.md']);
    expect([...result.files.keys()]).toEqual(['B.md', 'a/z.md', 'a-b.md']);
  });

  it('is clean when there is no conflict', () => {
    expect(merge(SKILL, { 'SKILL.md': '# Mine\n' }, { ...SKILL, 'new.md': 'n\n' }).result.clean).toBe(true);
  });
});
