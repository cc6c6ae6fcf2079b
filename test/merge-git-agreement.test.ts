// mergeText must agree with `git merge-file` (2.39): same verdict (exit code = number of conflict
// hunks, capped at 127) and the same merged bytes. The cases are generated deterministically: real
// Markdown and JavaScript files from node_modules (a fixed, sorted list) as bases, seeded random
// edits on each side — scattered, sometimes overlapping, sometimes identical, sometimes whole
// blocks — plus CRLF files and missing final newlines.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeText } from '../src/core/merge/merge-text.js';
import type { MergeStyle } from '../src/core/merge/line-merge.js';
import { tempDir } from './support/fixtures.js';
import { packageTextCorpus, seeded } from './support/merge-corpus.js';

const CASES = 400;
const PARALLEL_GITS = 8;

interface MergeCase {
  readonly name: string;
  readonly base: string;
  readonly local: string;
  readonly remote: string;
}

interface Outcome {
  readonly name: string;
  readonly agrees: boolean;
  readonly gitConflicts: number;
  readonly ourConflicts: number;
}

describe('mergeText agrees with git merge-file', () => {
  for (const style of ['merge', 'diff3'] as const) {
    it(`on ${CASES} generated merges in the ${style} style`, async () => {
      const outcomes = await compareWithGit(generateCases(CASES), style);
      const conflicted = outcomes.filter((o) => o.gitConflicts > 0).length;
      const agreed = outcomes.filter((o) => o.agrees).length;
      console.info(`git merge-file agreement, ${style} style: ${agreed}/${outcomes.length} (${conflicted} with conflicts)`);
      expect(outcomes.filter((o) => !o.agrees)).toEqual([]);
      expect(conflicted).toBeGreaterThan(CASES / 5); // the corpus really exercises conflicts
    }, 60_000);
  }

  it('on edge cases: empty files, missing final newlines, CRLF, one-line files', async () => {
    const outcomes = [...(await compareWithGit(edgeCases(), 'merge')), ...(await compareWithGit(edgeCases(), 'diff3'))];
    expect(outcomes.filter((o) => !o.agrees)).toEqual([]);
  });
});

/** Runs every case through git merge-file and mergeText, in parallel folders. */
async function compareWithGit(cases: readonly MergeCase[], style: MergeStyle): Promise<Outcome[]> {
  const root = await tempDir('skillmeat-merge-agreement-');
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (slot: number): Promise<void> => {
    const dir = join(root, `slot-${slot}`);
    await mkdir(dir);
    while (next < cases.length) {
      const mergeCase = cases[next++]!;
      await writeFile(join(dir, 'base'), mergeCase.base);
      await writeFile(join(dir, 'local'), mergeCase.local);
      await writeFile(join(dir, 'remote'), mergeCase.remote);
      const git = await gitMergeFile(dir, style);
      const ours = mergeText(mergeCase.base, mergeCase.local, mergeCase.remote, { style });
      outcomes.push({
        name: mergeCase.name,
        agrees: git.status === Math.min(ours.conflicts, 127) && git.stdout.equals(Buffer.from(ours.text)),
        gitConflicts: git.status,
        ourConflicts: ours.conflicts,
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_GITS }, (_, slot) => worker(slot)));
  return outcomes;
}

function gitMergeFile(dir: string, style: MergeStyle): Promise<{ status: number; stdout: Buffer }> {
  const args = ['merge-file', '-p', ...(style === 'diff3' ? ['--diff3'] : []), '-L', 'project', '-L', 'base', '-L', 'collection', 'local', 'base', 'remote'];
  // No user or system config (merge.conflictStyle would change the output), no repository above.
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: dirname(dir) };
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, env });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === null || status > 127) reject(new Error(`git merge-file failed (${status}): ${stderr}`));
      else resolve({ status, stdout: Buffer.concat(chunks) });
    });
  });
}



function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** An edit both sides may make, so that some changes are identical on both. */
interface SharedEdit {
  readonly at: number;
  readonly remove: number;
  readonly insert: readonly string[];
}

function generateCases(count: number): MergeCase[] {
  const texts = packageTextCorpus(['README.md', 'index.js'], 'utf8');
  const cases: MergeCase[] = [];
  for (let n = 0; n < count; n++) {
    const random = seeded(1_000 + n);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const all = lines(pick(texts));
    const from = Math.floor(random() * Math.max(1, all.length - 60));
    let baseLines = all.slice(from, from + 10 + Math.floor(random() * 190));
    const crlfFile = random() < 0.1;
    if (crlfFile) baseLines = baseLines.map((line) => line.replace(/\r?\n$/, '\r\n'));
    const eol = crlfFile ? '\r\n' : '\n';
    const pool = baseLines.length > 0 ? baseLines : [`x${eol}`];
    const newLine = (): string => {
      const roll = random();
      if (roll < 0.15) return eol; // blank lines and braces: what the "alnum" rule is about
      if (roll < 0.25) return `}${eol}`;
      if (roll < 0.5) return pick(pool); // a copy of an existing line: ambiguous alignments
      return `edited line ${Math.floor(random() * 1_000)}${eol}`;
    };
    const shared: SharedEdit[] = Array.from({ length: 3 }, () => ({
      at: Math.floor(random() * (baseLines.length + 1)),
      remove: Math.floor(random() * 3),
      insert: Array.from({ length: Math.floor(random() * 3) }, newLine),
    }));
    const edit = (): string[] => {
      const out = baseLines.slice();
      const edits = 1 + Math.floor(random() * 7);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (out.length + 1));
        const roll = random();
        if (roll < 0.3) out.splice(at, 1, newLine());
        else if (roll < 0.55) out.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 3) }, newLine));
        else if (roll < 0.75) out.splice(at, 1 + Math.floor(random() * 3));
        else if (roll < 0.8) out.splice(at, 5 + Math.floor(random() * 20), ...Array.from({ length: 5 + Math.floor(random() * 20) }, newLine));
        else {
          const s = pick(shared);
          out.splice(Math.min(s.at, out.length), s.remove, ...s.insert);
        }
      }
      return out;
    };
    const local = edit();
    const remote = edit();
    const dropFinalNewline = (text: string): string => (random() < 0.1 ? text.replace(/\r?\n$/, '') : text);
    cases.push({ name: `case ${n}`, base: dropFinalNewline(baseLines.join('')), local: dropFinalNewline(local.join('')), remote: dropFinalNewline(remote.join('')) });
  }
  return cases;
}

/** Small hand-picked inputs at the edges of the line model. */
function edgeCases(): MergeCase[] {
  const triples: [string, string, string][] = [
    ['', '', ''],
    ['', 'a\n', ''],
    ['', 'a\n', 'b\n'],
    ['', 'a', 'b'],
    ['', 'a\nb\n', 'a\nc\n'],
    ['', 'a\r\nb\r\n', 'a\r\nc\r\n'],
    ['a\n', '', ''],
    ['a\n', '', 'b\n'],
    ['a\n', 'a', 'b\n'],
    ['a\n', 'a', 'a'],
    ['a', 'a\n', 'b'],
    ['a', 'b', 'c'],
    ['a\nb', 'a\nx', 'a\ny'],
    ['a\nb\n', 'a\nx', 'a\ny\n'],
    ['a\r\nb\r\n', 'a\r\nx', 'a\r\ny\r\n'],
    ['a\r\nb\r\n', 'a\r\nb\r\nx\r\n', 'a\r\nb\r\ny\r\n'],
    ['a\r\nb\r\n', 'a\nb\nx\n', 'a\r\nb\r\ny\r\n'],
    ['a\r\nb\r\n', 'x\r\na\r\nb\r\n', 'y\r\na\r\nb\r\n'],
    ['a\nb\nc\n', 'a\r\nb\r\nc\r\n', 'a\nB\nc\n'],
    ['a\nb\nc\nd\n', 'a\nB\nc\nd\n', 'a\nb\nC\nd\n'],
    ['a\nb\n', 'x\na\nb\n', 'y\na\nb\n'],
    ['a\nb\n', 'a\nb\nx\n', 'a\nb\ny\n'],
    ['a\nb\n', 'a\nb\nx\n', 'a\nb\nx\n'],
    ['a\nb\nc\n', 'a\nc\n', 'a\nc\n'],
    ['a\nb\nc\n', 'a\nc\n', 'a\nb\nb2\nc\n'],
    ['\n\n\n', '\n\nx\n\n', '\ny\n\n\n'],
    ['}\n}\n}\n', '}\nx\n}\n}\n', '}\n}\ny\n}\n'],
    ['a\rb\n', 'a\rc\n', 'a\rb\nd\n'],
    ['héllo\nwörld\n', 'héllo\nwörld!\n', 'hallo\nwörld\n'],
  ];
  return triples.map(([base, local, remote], n) => ({ name: `edge ${n}: ${JSON.stringify([base, local, remote])}`, base, local, remote }));
}
