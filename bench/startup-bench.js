// CLI start-up: each `skillmeat` command's whole-process time against `node -e 0` (the floor any
// Node program pays), measured in the same run, interleaved so that load on the machine hits both
// alike. Targets (issue 15): ≤ 1.3× for `--version` and `list`. And `merge-file` on a 50,000-line
// merge against `git merge-file`'s whole process: ≤ 1.5×.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, seeded } from './measure.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
const RUNS = 21;
const MERGE_RUNS = 15;
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

export async function runStartupBenchmark() {
  const root = await mkdtemp(join(tmpdir(), 'skillmeat-bench-startup-'));
  try {
    const home = join(root, 'home');
    await homeWithArtifacts(home, 12);
    const small = join(root, 'small');
    await writeThree(small, 'a\nb\nc\n', 'a\nB\nc\n', 'a\nb\nC\n');
    const commands = {
      '--version': [BIN, '--version'],
      list: [BIN, '--home', home, 'list'],
      'merge-file (3 lines)': [BIN, 'merge-file', '-p', 'local', 'base', 'remote'],
    };
    const floor = [];
    const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      floor.push(wholeProcess(process.execPath, ['-e', '0'], small));
      for (const [name, args] of Object.entries(commands)) times[name].push(wholeProcess(process.execPath, args, small));
    }
    const node = median(floor);
    console.log(`startup: whole-process time of each command vs \`node -e 0\` (median of ${RUNS}, interleaved; the ratio is the median of each run's)`);
    console.log(`  node -e 0                 ${fmt(node)}`);
    for (const [name, values] of Object.entries(times)) {
      const target = name === 'merge-file (3 lines)' ? '' : '   (target ≤ 1.30×)';
      console.log(`  skillmeat ${name.padEnd(16)}${fmt(median(values))}   ${pairedRatio(values, floor).toFixed(2)}×${target}`);
    }
    await compareLargeMerge(join(root, 'large'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** `merge-file -p` on a 50,000-line merge with scattered edits: our whole process against git's. */
async function compareLargeMerge(dir) {
  const random = seeded(50_000);
  const base = [];
  for (let i = 0; i < 50_000; i++) base.push(`  line ${i}: value_${Math.floor(random() * 10_000)} = compute(${i});\n`);
  const edit = (tag) => base.map((line, i) => (i % 100 === (tag === 'ours' ? 3 : 61) ? `  ${tag} ${i}\n` : line));
  await writeThree(dir, base.join(''), edit('ours').join(''), edit('theirs').join(''));
  const args = ['merge-file', '-p', 'local', 'base', 'remote'];
  const ours = [];
  const git = [];
  for (let run = 0; run < MERGE_RUNS; run++) {
    ours.push(wholeProcess(process.execPath, [BIN, ...args], dir));
    git.push(wholeProcess('git', args, dir, GIT_ENV));
  }
  const same = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 1 << 28 }).stdout.equals(spawnSync('git', args, { cwd: dir, env: GIT_ENV, maxBuffer: 1 << 28 }).stdout);
  console.log(`  merge-file, 50,000 lines, 500 scattered edits per side (median of ${MERGE_RUNS})`);
  console.log(`    git ${fmt(median(git))}   skillmeat ${fmt(median(ours))}   ${pairedRatio(ours, git).toFixed(2)}× (target ≤ 1.50×)   ${same ? 'same output as git' : 'OUTPUT DIFFERS FROM GIT'}`);
}

/**
 * The median of run-by-run ratios of `times` to `reference` (each pair measured back to back): on a
 * shared machine whose speed drifts during a run, steadier than a ratio of the two medians.
 */
function pairedRatio(times, reference) {
  return median(times.map((time, run) => time / reference[run]));
}

/** Milliseconds from spawn to exit, stdout and stderr taken (and dropped). */
function wholeProcess(command, args, cwd, env = process.env) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, env, maxBuffer: 1 << 28 });
  const elapsed = performance.now() - start;
  if (result.status === null || result.status > 127) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return elapsed;
}

async function writeThree(dir, base, local, remote) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'base'), base);
  await writeFile(join(dir, 'local'), local);
  await writeFile(join(dir, 'remote'), remote);
}

/** A home with a collection of `count` small skills, made with the CLI itself. */
async function homeWithArtifacts(home, count) {
  const sources = join(home, '..', 'sources');
  const run = (...args) => {
    const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`skillmeat ${args.join(' ')} failed: ${result.stderr}`);
  };
  run('init');
  for (let i = 0; i < count; i++) {
    const skill = join(sources, `skill-${i}`);
    await mkdir(skill, { recursive: true });
    await writeFile(join(skill, 'SKILL.md'), `---\nname: skill-${i}\ndescription: Skill number ${i}\n---\n# Skill ${i}\n`);
    run('add', skill);
  }
}
