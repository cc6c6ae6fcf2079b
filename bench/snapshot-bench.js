// Snapshot archives at scale: a ~50 MB collection of ~20,000 small files, archived and restored by
// SkillMeat against GNU `tar czf` / `tar xzf` on the same tree with the same root name
// (issue 4's targets: create ≤ 1.0×, restore ≤ 1.25× of tar's time).
import { spawnSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchive } from '../dist/core/snapshots/archive-writer.js';
import { extractArchive } from '../dist/core/snapshots/archive-reader.js';
import { buildSnapshotIndex } from '../dist/core/snapshots/snapshot-index-builder.js';
import { SkillMeat } from '../dist/core/skillmeat.js';
import { fmt, median, ratio, time, timeAsync } from './measure.js';

const FOLDERS = 20;
const FILES_PER_FOLDER = 1_000; // 1–4 KB each
const LARGE_FILES = 5; // 1 MB each
const ROOT = 'default';
const RUNS = 3;

/** Builds the fixture, times tar and SkillMeat on it, prints the ratios and archive sizes. */
export async function runSnapshotBenchmark() {
  // SKILLMEAT_BENCH_DIR=/dev/shm measures CPU cost alone, without the disk.
  const work = await mkdtemp(join(process.env.SKILLMEAT_BENCH_DIR ?? tmpdir(), 'skillmeat-bench-snapshot-'));
  try {
    const { collection, files, bytes } = await buildCollection(join(work, 'collections'));
    console.log(`snapshot: one collection of ${files.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(1)} MB, in ${work}`);

    const tarArchive = join(work, 'tar.tar.gz');
    const ourArchive = join(work, 'ours.tar.gz');
    const tarCreate = [];
    const ourCreate = [];
    // Alternating who goes first, with dirty pages flushed before each timing: the disk's writeback
    // of one run must not be billed to the next.
    for (let run = 0; run < RUNS; run++) {
      const tarRun = async () => {
        await rm(tarArchive, { force: true });
        flush();
        tarCreate.push(time(() => tar('czf', tarArchive, '-C', join(collection, '..'), ROOT)));
      };
      const ourRun = async () => {
        flush();
        ourCreate.push(await timeAsync(() => writeArchive(collection, ourArchive, ROOT)));
      };
      for (const step of run % 2 === 0 ? [tarRun, ourRun] : [ourRun, tarRun]) await step();
    }

    const tarExtract = [];
    const ourExtract = [];
    for (let run = 0; run < RUNS; run++) {
      const tarOut = join(work, `tar-out-${run}`);
      const ourOut = join(work, `ours-out-${run}`);
      const tarRun = async () => {
        await mkdir(tarOut);
        flush();
        tarExtract.push(time(() => tar('xzf', ourArchive, '-C', tarOut)));
      };
      const ourRun = async () => {
        flush();
        ourExtract.push(await timeAsync(() => extractArchive(ourArchive, ourOut, ROOT)));
      };
      for (const step of run % 2 === 0 ? [tarRun, ourRun] : [ourRun, tarRun]) await step();
      await rm(tarOut, { recursive: true, force: true });
      await rm(ourOut, { recursive: true, force: true });
    }

    const tc = median(tarCreate);
    const oc = median(ourCreate);
    const tx = median(tarExtract);
    const ox = median(ourExtract);
    console.log(`  tar czf (median of ${RUNS})                          ${fmt(tc)}   archive ${mb((await stat(tarArchive)).size)}`);
    console.log(`  skillmeat writeArchive (median of ${RUNS})           ${fmt(oc)}  ${ratio(oc, tc)}  (target ≤ 1.0×)   archive ${mb((await stat(ourArchive)).size)}`);
    console.log(`  tar xzf (median of ${RUNS}, same archive)            ${fmt(tx)}`);
    console.log(`  skillmeat extractArchive (median of ${RUNS})         ${fmt(ox)}  ${ratio(ox, tx)}  (target ≤ 1.25×)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** 20 folders × 1,000 text-like files of 1–5 KB, plus a few 1 MB files: ~50 MB in all. */
async function buildCollection(root) {
  const collection = join(root, ROOT);
  let seed = 42;
  // mulberry32: text with the entropy of real prose (a weak generator repeats, and gzip then flatters both tools).
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words = ['skill', 'agent', 'deploy', 'context', 'prompt', 'tool', 'review', 'merge', 'drift', 'snapshot', 'the', 'a', 'with', 'for', 'and'];
  const text = (length) => {
    let out = '';
    while (out.length < length) out += `${words[Math.floor(random() * words.length)]}${random() < 0.1 ? '\n' : ' '}${random() < 0.05 ? Math.floor(random() * 1e9).toString(36) : ''}`;
    return out.slice(0, length);
  };
  let files = 0;
  let bytes = 0;
  await mkdir(collection, { recursive: true });
  await writeFile(join(collection, 'collection.toml'), '[collection]\nname = "default"\n');
  for (let f = 0; f < FOLDERS; f++) {
    const folder = join(collection, 'skills', `skill-group-${f}`);
    await mkdir(folder, { recursive: true });
    for (let i = 0; i < FILES_PER_FOLDER; i++) {
      const content = text(1024 + Math.floor(random() * 3072));
      await writeFile(join(folder, `file-${i}.md`), content);
      files += 1;
      bytes += content.length;
    }
  }
  for (let i = 0; i < LARGE_FILES; i++) {
    const content = text(1 << 20);
    await writeFile(join(collection, `large-${i}.txt`), content);
    files += 1;
    bytes += content.length;
  }
  return { collection, files, bytes };
}

function tar(...args) {
  const result = spawnSync('tar', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
}

function flush() {
  spawnSync('sync');
}

const mb = (size) => `${(size / 1e6).toFixed(2)} MB`;

const CHILD = fileURLToPath(new URL('./snapshot-call-child.js', import.meta.url));
const TIMELINE_SNAPSHOTS = 10_000;
const DISTINCT_ARCHIVES = 20;

/** A new process calls `method` `runs` times: its first call is cold (nothing in memory), the others warm. */
function callInChild(home, method, input, runs) {
  const result = spawnSync(process.execPath, [CHILD, home, method, JSON.stringify(input), String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${method} in a child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const warmOf = (run) => median(run.ms.slice(1));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The timeline (issue 11): 10,000 snapshots of a small collection listed through the contract, a
 * page of 100 at a time. The archives are 20 real snapshots, each linked under 500 ids (an archive's
 * content is what matters, not its inode). Cold = a new process; "first ever" = no index sidecars yet.
 */
export async function runSnapshotTimelineBenchmark() {
  const work = await mkdtemp(join(process.env.SKILLMEAT_BENCH_DIR ?? tmpdir(), 'skillmeat-bench-timeline-'));
  try {
    const home = join(work, 'home');
    const core = new SkillMeat({ home });
    await core.init();
    const sources = join(work, 'sources');
    for (let i = 0; i < 5; i++) {
      const skill = join(sources, `skill-${i}`);
      await mkdir(join(skill, 'scripts'), { recursive: true });
      await writeFile(join(skill, 'SKILL.md'), `# Skill ${i}\n`);
      await writeFile(join(skill, 'scripts/run.sh'), 'echo hi\n');
      await core.addArtifact(skill);
    }
    const real = [];
    for (let i = 0; i < DISTINCT_ARCHIVES; i++) {
      await writeFile(join(home, `collections/default/skills/skill-${i % 5}/SKILL.md`), `# Skill ${i % 5}, edit ${i}\n`);
      real.push(await core.snapshot(`real ${i}`));
    }
    await core.close();

    const folder = join(home, 'snapshots/default');
    const start = Date.now() - TIMELINE_SNAPSHOTS * 15 * 60_000;
    const entries = [];
    for (let i = 0; i < TIMELINE_SNAPSHOTS; i++) {
      const at = new Date(start + i * 15 * 60_000);
      const id = `${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_')}_${(i % 46656).toString(36).padStart(3, '0')}`;
      const manual = i % 5 === 0;
      const message = manual ? `manual ${i}` : `Safety snapshot before ${i % 2 === 0 ? 'push' : 'sync'}`;
      await link(real[i % DISTINCT_ARCHIVES].tarball_path, join(folder, `${id}.tar.gz`));
      entries.push(`[[snapshots]]\nid = "${id}"\ntimestamp = ${at.toISOString().slice(0, 19)}Z\nmessage = "${message}"\ncollection_name = "default"\nartifact_count = 5\ntarball_path = "${id}.tar.gz"\nautomatic = ${!manual}\n`);
    }
    for (const name of await readdir(folder)) if (real.some((r) => name.startsWith(r.id))) await rm(join(folder, name));
    await writeFile(join(folder, 'snapshots.toml'), entries.join('\n'));
    const bytes = (await stat(join(folder, 'snapshots.toml'))).size;
    // The parsed-metadata cache trusts a file only once it is older than its racy margin (2 s).
    await sleep(2100);
    console.log(`snapshot timeline: ${TIMELINE_SNAPSHOTS.toLocaleString('en')} snapshots (snapshots.toml ${mb(bytes)}), pages of 100, in ${work}`);

    const firstEver = callInChild(home, 'snapshotPage', { limit: 100 }, 4);
    console.log(`  first page, first ever (indexes built from 101 archives)   ${fmt(firstEver.ms[0])}`);
    const all = callInChild(home, 'snapshotPage', { limit: 100, artifact: { name: 'skill-0', type: 'skill' } }, 4);
    console.log(`  artifact filter over all, first ever (10,000 indexes built) ${fmt(all.ms[0])}   (${all.summary.total} match)`);
    console.log(`  artifact filter over all, warm (median of 3)               ${fmt(warmOf(all))}  (target ≤ 100 ms)`);
    const first = callInChild(home, 'snapshotPage', { limit: 100 }, 6);
    console.log(`  first page, cold (new process, sidecars on disk)           ${fmt(first.ms[0])}`);
    console.log(`  first page, warm (median of 5)                             ${fmt(warmOf(first))}  (target ≤ 100 ms)`);
    const middle = callInChild(home, 'snapshotPage', { limit: 100, offset: 5000 }, 6);
    console.log(`  middle page (offset 5,000), cold                           ${fmt(middle.ms[0])}`);
    console.log(`  middle page (offset 5,000), warm (median of 5)             ${fmt(warmOf(middle))}  (target ≤ 100 ms)`);
    const safety = callInChild(home, 'snapshotPage', { limit: 100, offset: 4000, kinds: ['safety'] }, 6);
    console.log(`  safety snapshots only, a middle page, warm (median of 5)   ${fmt(warmOf(safety))}  (target ≤ 100 ms)`);
  } finally {
    // SKILLMEAT_BENCH_KEEP=1 leaves the home for profiling.
    if (process.env.SKILLMEAT_BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
  }
}

/**
 * `snapshots diff` of two snapshots of the ~20,000-file collection, against the time GNU tar takes
 * just to extract one of them (what a diff by unpacking would cost at the very least).
 */
export async function runSnapshotDiffBenchmark() {
  const work = await mkdtemp(join(process.env.SKILLMEAT_BENCH_DIR ?? tmpdir(), 'skillmeat-bench-diff-'));
  try {
    const home = join(work, 'home');
    const { collection, files } = await buildCollection(join(home, 'collections'));
    const manifest = ['[collection]', 'name = "default"', ''];
    for (let f = 0; f < FOLDERS; f++) manifest.push('[[artifacts]]', `name = "skill-group-${f}"`, 'type = "skill"', `path = "skills/skill-group-${f}"`, 'origin = "local"', 'added = 2026-01-01T00:00:00Z', '');
    await writeFile(join(collection, 'collection.toml'), manifest.join('\n'));
    const core = new SkillMeat({ home });
    let a;
    const createMs = await timeAsync(async () => (a = await core.snapshot('A')));
    const indexMs = await timeAsync(() => buildSnapshotIndex({ archivePath: a.tarball_path, root: ROOT, snapshotId: a.id, collection: ROOT, tarballSize: a.size_bytes }));
    for (let i = 0; i < 10; i++) await writeFile(join(collection, `skills/skill-group-${i % 3}/file-${i}.md`), `edited ${i}\n`);
    await writeFile(join(collection, 'skills/skill-group-4/new.md'), 'new\n');
    await rm(join(collection, 'skills/skill-group-5/file-0.md'));
    const b = await core.snapshot('B');
    await writeFile(join(collection, 'skills/skill-group-7/file-7.md'), 'after B\n');
    await core.close();
    console.log(`snapshot diff: two snapshots of a ${files.toLocaleString('en')}-file collection (${mb(a.size_bytes)} archive), in ${work}`);
    console.log(`  snapshot (archive + its index), for reference            ${fmt(createMs)}   of which indexing the archive ≈ ${fmt(indexMs).trim()}`);

    const tarTimes = [];
    for (let run = 0; run < RUNS; run++) {
      const out = join(work, `tar-out-${run}`);
      await mkdir(out);
      flush();
      tarTimes.push(time(() => tar('-xzf', a.tarball_path, '-C', out)));
      await rm(out, { recursive: true, force: true });
    }
    const tx = median(tarTimes);
    console.log(`  tar -xzf of one snapshot (median of ${RUNS})                  ${fmt(tx)}`);

    const sidecars = callInChild(home, 'snapshotDiff', { from: a.id, to: b.id }, 4);
    console.log(`  diff A→B, cold (new process, sidecars on disk)           ${fmt(sidecars.ms[0])}  ${ratio(sidecars.ms[0], tx)}   (${sidecars.summary.artifacts} artifacts, ${sidecars.summary.files} files differ)`);
    console.log(`  diff A→B, warm (median of 3)                             ${fmt(warmOf(sidecars))}  ${ratio(warmOf(sidecars), tx)}`);
    for (const name of await readdir(join(home, 'snapshots/default'))) if (name.endsWith('.index.json')) await rm(join(home, 'snapshots/default', name));
    const lazy = callInChild(home, 'snapshotDiff', { from: a.id, to: b.id }, 1);
    console.log(`  diff A→B, first ever (both indexes built from archives)  ${fmt(lazy.ms[0])}  ${ratio(lazy.ms[0], tx)}`);
    const now = callInChild(home, 'snapshotDiff', { from: a.id }, 4);
    console.log(`  diff A→now, cold (hashes the collection)                 ${fmt(now.ms[0])}  ${ratio(now.ms[0], tx)}   (${now.summary.artifacts} artifacts differ)`);
    console.log(`  diff A→now, warm (hash cache; median of 3)               ${fmt(warmOf(now))}  ${ratio(warmOf(now), tx)}`);
    const left = (await readdir(home, { recursive: true })).filter((name) => name.includes('staging') || name.includes('.tmp'));
    console.log(`  staging or temporary entries left in the home: ${left.length}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const which = process.argv[2] ?? 'archive';
  if (which === 'timeline') await runSnapshotTimelineBenchmark();
  else if (which === 'diff') await runSnapshotDiffBenchmark();
  else await runSnapshotBenchmark();
}
