// Three-way line merge: SkillMeat's mergeText against `git merge-file -p` on the same three files.
// git's time includes starting its process (as a caller shelling out to git would pay); its time on
// three empty files is printed too, to show how much of that is process start. Targets: ≤ 1.0× git
// on scattered edits, ≤ 2× on the whole-file rewrite (one side converts to CRLF).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeText } from '../dist/core/merge/merge-text.js';
import { median, seeded } from './measure.js';

const GIT_RUNS = 9;
const OUR_RUNS = 15;

/** Builds the three fixtures, times git and mergeText on each, prints the ratios. */
export async function runMergeBenchmark() {
  const root = await mkdtemp(join(tmpdir(), 'skillmeat-bench-merge-'));
  try {
    console.log('merge: mergeText vs git merge-file -p (median of runs; git includes process start)');
    const empty = await timeGit(root, '', '', '');
    console.log(`  git merge-file on empty files (process overhead)        ${fmt(empty)}`);
    for (const lines of [5_000, 50_000]) {
      const random = seeded(lines);
      const base = sourceLikeLines(lines, random);
      const local = scatterEdits(base, lines / 100, random, 'ours');
      const remote = scatterEdits(base, lines / 100, random, 'theirs');
      await compare(root, `${lines.toLocaleString('en')} lines, ${lines / 100} scattered edits per side`, base, local, remote, 1.0);
    }
    const random = seeded(7);
    const base = sourceLikeLines(50_000, random);
    const local = base.map((line) => line.replace(/\n$/, '\r\n'));
    const remote = scatterEdits(base, 20, random, 'theirs');
    await compare(root, '50,000 lines, one side converts to CRLF, other edits 20', base, local, remote, 2.0);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function compare(root, title, baseLines, localLines, remoteLines, target) {
  const [base, local, remote] = [baseLines.join(''), localLines.join(''), remoteLines.join('')];
  const gitMs = await timeGit(root, base, local, remote);
  const expected = runGit(root).stdout;
  let result;
  const ourTimes = [];
  for (let run = 0; run < OUR_RUNS; run++) {
    const start = performance.now();
    result = mergeText(base, local, remote);
    ourTimes.push(performance.now() - start);
  }
  // The first run includes compiling the code for this input's shape; a long-lived app pays it once.
  const ours = median(ourTimes.slice(1));
  const agrees = result.text === expected ? 'same output as git' : 'OUTPUT DIFFERS FROM GIT';
  console.log(`  ${title}`);
  console.log(`    git ${fmt(gitMs)}   skillmeat ${fmt(ours)}   ${(ours / gitMs).toFixed(2)}× (target ≤ ${target.toFixed(1)}×)   first run ${fmt(ourTimes[0])}`);
  console.log(`    ${result.conflicts} conflicts, ${agrees}`);
}

async function timeGit(root, base, local, remote) {
  await writeFile(join(root, 'base'), base);
  await writeFile(join(root, 'local'), local);
  await writeFile(join(root, 'remote'), remote);
  const times = [];
  for (let run = 0; run < GIT_RUNS; run++) {
    const start = performance.now();
    runGit(root);
    times.push(performance.now() - start);
  }
  return median(times);
}

function runGit(root) {
  const result = spawnSync('git', ['merge-file', '-p', '-L', 'project', '-L', 'base', '-L', 'collection', 'local', 'base', 'remote'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  if (result.status === null || result.status < 0 || result.status > 127) throw new Error(`git merge-file failed: ${result.stderr}`);
  return result;
}

/** Lines that look like source code: indented statements, some blank lines and closing braces. */
function sourceLikeLines(count, random) {
  const words = ['const', 'value', 'return', 'if', 'item', 'result', 'await', 'options', 'name', 'length', 'map', 'filter'];
  const lines = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.1) lines.push('\n');
    else if (roll < 0.15) lines.push('  }\n');
    else {
      const indent = '  '.repeat(1 + Math.floor(random() * 3));
      const pick = () => words[Math.floor(random() * words.length)];
      lines.push(`${indent}${pick()} ${pick()}_${Math.floor(random() * 10_000)} = ${pick()}(${i});\n`);
    }
  }
  return lines;
}

/**
 * `count` single-line edits (replace, insert or delete) spread evenly; the sides edit different
 * stripes of the file, except that every tenth edit lands in the other side's stripe (some conflict).
 */
function scatterEdits(lines, count, random, side) {
  const out = lines.slice();
  const stride = Math.floor(lines.length / count);
  for (let k = count - 1; k >= 0; k--) {
    const stripe = side === 'ours' || k % 10 === 0 ? 0 : Math.floor(stride / 2);
    const at = k * stride + stripe + Math.floor(random() * (stride / 4));
    const roll = random();
    if (roll < 0.5) out[at] = `    edited by ${side} ${k}\n`;
    else if (roll < 0.8) out.splice(at, 0, `    added by ${side} ${k}\n`);
    else out.splice(at, 1);
  }
  return out;
}

function fmt(ms) {
  return `${ms.toFixed(1).padStart(7)} ms`;
}
