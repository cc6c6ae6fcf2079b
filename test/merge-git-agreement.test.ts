// mergeText (strings) and mergeBytes (bytes, what `merge-file` and tree merges run) must agree
// with `git merge-file` (2.39): same verdict (exit code = number of conflict
// hunks, capped at 127) and the same merged bytes, in every conflict style (merge, diff3, zdiff3),
// with every way of resolving conflicts for a side (--ours, --theirs, --union, in each style that
// changes where conflicts fall) and other marker sizes. The cases are generated deterministically:
// real Markdown and JavaScript files from node_modules (a fixed, sorted list) as bases, seeded
// random edits on each side — scattered, sometimes overlapping, sometimes identical, sometimes
// whole blocks — plus CRLF files and missing final newlines. git runs once per case folder, for
// every variant in one shell, which keeps the thousands of git runs quick.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinPieces, mergeBytes } from '../src/core/merge/merge-bytes.js';
import { mergeText, type MergeTextOptions } from '../src/core/merge/merge-text.js';
import { packageTextCorpus, seeded } from './support/merge-corpus.js';

const CASES = 400;
const PARALLEL_SHELLS = 4;

interface MergeCase {
  readonly name: string;
  readonly base: string;
  readonly local: string;
  readonly remote: string;
}

/** One way of running the merge: git merge-file's options and mergeText's equivalent. */
interface Variant {
  readonly name: string;
  readonly gitArgs: readonly string[];
  readonly options: MergeTextOptions;
}

const VARIANTS: readonly Variant[] = [
  { name: 'merge style', gitArgs: [], options: {} },
  { name: 'diff3 style', gitArgs: ['--diff3'], options: { style: 'diff3' } },
  { name: 'zdiff3 style', gitArgs: ['--zdiff3'], options: { style: 'zdiff3' } },
  { name: 'conflicts resolved --ours', gitArgs: ['--ours'], options: { favor: 'ours' } },
  { name: 'conflicts resolved --theirs', gitArgs: ['--theirs'], options: { favor: 'theirs' } },
  { name: 'conflicts resolved --union', gitArgs: ['--union'], options: { favor: 'union' } },
  { name: 'conflicts resolved --union in the diff3 style', gitArgs: ['--union', '--diff3'], options: { favor: 'union', style: 'diff3' } },
  { name: 'conflicts resolved --union in the zdiff3 style', gitArgs: ['--union', '--zdiff3'], options: { favor: 'union', style: 'zdiff3' } },
  { name: 'conflicts resolved --theirs in the zdiff3 style', gitArgs: ['--theirs', '--zdiff3'], options: { favor: 'theirs', style: 'zdiff3' } },
  { name: 'marker size 3, zdiff3 style', gitArgs: ['--marker-size=3', '--zdiff3'], options: { markerSize: 3, style: 'zdiff3' } },
  { name: 'marker size 12', gitArgs: ['--marker-size=12'], options: { markerSize: 12 } },
];

/** What git merge-file printed and its exit code, for one case and one variant. */
interface GitResult {
  readonly status: number;
  readonly stdout: Buffer;
}

describe('mergeText and mergeBytes agree with git merge-file', () => {
  const generated = generateCases(CASES);
  const edges = edgeCases();
  let root: string;
  // gitResults.get(case name)[variant index]
  let gitResults: Map<string, GitResult[]>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'skillmeat-merge-agreement-'));
    gitResults = await runGit(root, [...generated, ...edges]);
  }, 300_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  VARIANTS.forEach((variant, v) => {
    it(`on ${CASES} generated merges, ${variant.name}`, () => {
      const outcomes = generated.map((mergeCase) => compare(mergeCase, variant, gitResults.get(mergeCase.name)![v]!));
      // Cases with conflicts in the default merge: the ones each variant writes (or resolves) differently.
      const conflicted = generated.filter((mergeCase) => gitResults.get(mergeCase.name)![0]!.status > 0).length;
      console.info(`git merge-file agreement, ${variant.name}: ${outcomes.filter((o) => o.agrees).length}/${outcomes.length} (${conflicted} with conflicts)`);
      expect(outcomes.filter((o) => !o.agrees)).toEqual([]);
      expect(conflicted).toBeGreaterThan(CASES / 5); // the corpus really exercises conflicts
    });
  });

  it('on a corpus where the variants really differ: zdiff3 trims conflicts diff3 leaves whole, --union in the diff3 style joins other lines', () => {
    const differing = (a: string, b: string): number => {
      const [x, y] = [VARIANTS.findIndex((variant) => variant.name === a), VARIANTS.findIndex((variant) => variant.name === b)];
      return generated.filter((mergeCase) => !gitResults.get(mergeCase.name)![x]!.stdout.equals(gitResults.get(mergeCase.name)![y]!.stdout)).length;
    };
    console.info(`zdiff3 differs from diff3 on ${differing('zdiff3 style', 'diff3 style')} cases, --union in the diff3 style from --union on ${differing('conflicts resolved --union in the diff3 style', 'conflicts resolved --union')}`);
    expect(differing('zdiff3 style', 'diff3 style')).toBeGreaterThan(CASES / 20);
    expect(differing('conflicts resolved --union in the diff3 style', 'conflicts resolved --union')).toBeGreaterThan(CASES / 20);
  });

  it('on edge cases (empty files, missing final newlines, CRLF, one-line files), in every variant', () => {
    const outcomes = edges.flatMap((mergeCase) => VARIANTS.map((variant, v) => compare(mergeCase, variant, gitResults.get(mergeCase.name)![v]!)));
    expect(outcomes.filter((o) => !o.agrees)).toEqual([]);
  });
});

interface Outcome {
  readonly name: string;
  readonly agrees: boolean;
}

function compare(mergeCase: MergeCase, variant: Variant, git: GitResult): Outcome {
  const options = { ...variant.options, labels: ['project', 'base', 'collection'] } as const;
  const ours = mergeText(mergeCase.base, mergeCase.local, mergeCase.remote, options);
  const asBytes = mergeBytes(Buffer.from(mergeCase.base), Buffer.from(mergeCase.local), Buffer.from(mergeCase.remote), options);
  const agrees =
    git.status === Math.min(ours.conflicts, 127) &&
    git.stdout.equals(Buffer.from(ours.text)) &&
    git.status === Math.min(asBytes.conflicts, 127) &&
    git.stdout.equals(joinPieces(asBytes.pieces));
  return { name: `${mergeCase.name}, ${variant.name}`, agrees };
}

/** Runs git merge-file on every case, each in its own folder, with every variant. */
async function runGit(root: string, cases: readonly MergeCase[]): Promise<Map<string, GitResult[]>> {
  const results = new Map<string, GitResult[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const n = next++;
      const mergeCase = cases[n]!;
      const dir = join(root, `case-${n}`);
      await mkdir(dir);
      await writeFile(join(dir, 'base'), mergeCase.base);
      await writeFile(join(dir, 'local'), mergeCase.local);
      await writeFile(join(dir, 'remote'), mergeCase.remote);
      results.set(mergeCase.name, await gitMergeFileVariants(dir));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_SHELLS }, worker));
  return results;
}

/** One shell runs git merge-file for every variant in `dir`; each output and exit code goes to files. */
async function gitMergeFileVariants(dir: string): Promise<GitResult[]> {
  const script = VARIANTS.map(
    (variant, v) => `git merge-file -p ${variant.gitArgs.join(' ')} -L project -L base -L collection local base remote >out-${v}; echo $? >status-${v}`,
  ).join('\n');
  // No user or system config (merge.conflictStyle would change the output), no repository above.
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: dirname(dir) };
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd: dir, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sh exited ${code} in ${dir}`))));
  });
  return Promise.all(
    VARIANTS.map(async (_, v) => {
      const status = Number((await readFile(join(dir, `status-${v}`), 'utf8')).trim());
      if (!(status >= 0 && status <= 127)) throw new Error(`git merge-file failed (${status}) in ${dir}, variant ${v}`);
      return { status, stdout: await readFile(join(dir, `out-${v}`)) };
    }),
  );
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
