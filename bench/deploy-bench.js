// Large artifacts (issue 9, items 6 and 7): a 20,000-file, ~79 MB skill added and deployed by the
// `skillmeat` command against `cp -a` of the same tree (targets: add ≤ 2×, first deploy ≤ 2×,
// re-deploy ≤ 1.5×), and the peak memory of `skillmeat sync` taking a 500 MB file (target: well
// under 400 MB). Every SkillMeat step is a whole CLI process, as `cp` is.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, ratio, seeded, time } from './measure.js';

const FOLDERS = 20;
const FILES_PER_FOLDER = 1_000; // 1–7 KB each: ~79 MB in all
const RUNS = 3;
const BIG_FILE_BYTES = 500 * 1024 * 1024;
const CLI = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
const PEAK_MEMORY = fileURLToPath(new URL('./peak-memory.js', import.meta.url));

/** Builds the fixtures, times cp and SkillMeat, measures sync's memory, prints the ratios. */
export async function runDeployBenchmark() {
  const work = await mkdtemp(join(process.env.SKILLMEAT_BENCH_DIR ?? tmpdir(), 'skillmeat-bench-deploy-'));
  try {
    const { skill, files, bytes } = await buildSkill(join(work, 'source'));
    console.log(`deploy: one skill of ${files.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(1)} MB, in ${work}`);
    const cp = [];
    const add = [];
    const first = [];
    const again = [];
    const unchanged = [];
    for (let run = 0; run < RUNS; run++) {
      const home = join(work, `home-${run}`);
      const copy = join(work, `cp-${run}`);
      await mkdir(join(work, `first-${run}`));
      await mkdir(join(work, `again-${run}`));
      flush();
      cp.push(time(() => command('cp', ['-a', skill, copy])));
      flush();
      skillmeat(home, ['init']);
      add.push(time(() => skillmeat(home, ['add', skill])));
      flush();
      first.push(time(() => skillmeat(home, ['deploy', 'big', '--project', join(work, `first-${run}`)])));
      flush();
      // The same content into another project: every blob is already stored.
      again.push(time(() => skillmeat(home, ['deploy', 'big', '--project', join(work, `again-${run}`)])));
      flush();
      unchanged.push(time(() => skillmeat(home, ['deploy', 'big', '--project', join(work, `again-${run}`)])));
      for (const done of [copy, home, join(work, `first-${run}`), join(work, `again-${run}`)]) await rm(done, { recursive: true, force: true });
    }
    const c = median(cp);
    console.log(`  cp -a (median of ${RUNS})                                   ${fmt(c)}`);
    console.log(`  skillmeat add                                          ${fmt(median(add))}  ${ratio(median(add), c)}  (target ≤ 2×)`);
    console.log(`  skillmeat deploy, first (every blob stored)            ${fmt(median(first))}  ${ratio(median(first), c)}  (target ≤ 2×)`);
    console.log(`  skillmeat deploy, again into another project           ${fmt(median(again))}  ${ratio(median(again), c)}  (target ≤ 1.5×)`);
    console.log(`  skillmeat deploy, again into the same project (unchanged) ${fmt(median(unchanged))}  ${ratio(median(unchanged), c)}`);
    await rm(join(work, 'source'), { recursive: true, force: true });
    await measureSyncMemory(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Peak memory of `skillmeat sync` bringing a changed 500 MB file into a project (and of `push` sending one back). */
async function measureSyncMemory(work) {
  const home = join(work, 'home-big');
  const project = join(work, 'project-big');
  const source = join(work, 'big-file');
  await mkdir(source, { recursive: true });
  await writeFile(join(source, 'SKILL.md'), '# A skill with a large data file\n');
  await writeLarge(join(source, 'data.bin'), BIG_FILE_BYTES, 1);
  await mkdir(project);
  skillmeat(home, ['init']);
  skillmeat(home, ['add', source]);
  skillmeat(home, ['deploy', 'big-file', '--project', project]);
  await writeLarge(join(home, 'collections/default/skills/big-file/data.bin'), BIG_FILE_BYTES, 2);
  const sync = peakMemory(home, ['sync', project]);
  await writeLarge(join(project, '.claude/skills/big-file/data.bin'), BIG_FILE_BYTES, 3);
  const push = peakMemory(home, ['push', project]);
  console.log(`  skillmeat sync of a ${BIG_FILE_BYTES / 1024 / 1024} MB file: peak memory ${sync.toFixed(0)} MB  (target well under 400 MB)`);
  console.log(`  skillmeat push of a ${BIG_FILE_BYTES / 1024 / 1024} MB file: peak memory ${push.toFixed(0)} MB`);
}

/** 20 folders × 1,000 text-like files of 1–7 KB, plus SKILL.md. */
async function buildSkill(root) {
  const skill = join(root, 'big');
  const random = seeded(9);
  const words = ['skill', 'agent', 'deploy', 'context', 'prompt', 'tool', 'review', 'merge', 'drift', 'snapshot', 'the', 'a', 'with', 'for', 'and'];
  const text = (length) => {
    let out = '';
    while (out.length < length) out += `${words[Math.floor(random() * words.length)]}${random() < 0.1 ? '\n' : ' '}`;
    return out.slice(0, length);
  };
  let files = 1;
  let bytes = 0;
  await mkdir(skill, { recursive: true });
  await writeFile(join(skill, 'SKILL.md'), '# Big\n');
  for (let f = 0; f < FOLDERS; f++) {
    const folder = join(skill, `part-${f}`);
    await mkdir(folder);
    for (let i = 0; i < FILES_PER_FOLDER; i++) {
      const content = text(1024 + Math.floor(random() * 6144));
      await writeFile(join(folder, `file-${i}.md`), content);
      files += 1;
      bytes += content.length;
    }
  }
  return { skill, files, bytes };
}

/** Writes `size` bytes of a repeating pattern seeded by `seed` (streamed: the benchmark itself stays small). */
async function writeLarge(path, size, seed) {
  const block = Buffer.alloc(1 << 20);
  const random = seeded(seed);
  for (let i = 0; i < block.length; i++) block[i] = Math.floor(random() * 256);
  const out = createWriteStream(path);
  for (let written = 0; written < size; written += block.length) {
    if (!out.write(block.subarray(0, Math.min(block.length, size - written)))) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

function skillmeat(home, args) {
  command(process.execPath, [CLI, '--home', home, ...args]);
}

/** Peak resident memory, in MB, of one `skillmeat` process. */
function peakMemory(home, args) {
  const report = join(home, 'peak-memory.txt');
  command(process.execPath, ['--import', PEAK_MEMORY, CLI, '--home', home, ...args], { SKILLMEAT_PEAK_MEMORY_FILE: report });
  return Number(readFileSync(report, 'utf8')) / 1024;
}

function command(file, args, env = {}) {
  const result = spawnSync(file, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0 && !(result.status === 1 && file === process.execPath)) throw new Error(`${file} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

function flush() {
  spawnSync('sync');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await runDeployBenchmark();
