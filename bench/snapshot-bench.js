// Snapshot archives at scale: a ~50 MB collection of ~20,000 small files, archived and restored by
// SkillMeat against GNU `tar czf` / `tar xzf` on the same tree with the same root name
// (issue 4's targets: create ≤ 1.0×, restore ≤ 1.25× of tar's time).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArchive } from '../dist/core/snapshots/archive-writer.js';
import { extractArchive } from '../dist/core/snapshots/archive-reader.js';
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

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await runSnapshotBenchmark();
