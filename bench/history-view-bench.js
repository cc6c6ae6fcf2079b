/* global document */
// The history view in Chromium (issue 12; ui.md budget: history with 10,000 versions — first render
// ≤ 300 ms, scrolling at 60 fps, 95th-percentile frame ≤ 16.7 ms). A benchmark, not a test: it prints figures.
//
//   npm run build && node bench/history-view-bench.js      (or: npm run bench -- history-view)
//
// The home is real: a collection and a registered project made with the CLI, then 10,000 versions
// of one skill across the collection and four projects (pushes, syncs, merges with two parents),
// their blobs and version files written with the store's own functions (recording them one by one
// through the store takes minutes: each is made durable on its own). The first listing indexes
// every version file, as for a home whose cache was deleted; every figure after that goes through
// the real contract in web mode, in Debian's Chromium.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { cli, startWebUi } from './web-ui.js';
import { median, seeded } from './measure.js';
import { openView, scrollToEnd, staticList, wheelFrames } from './frames.js';
import { ContractService } from '../dist/core/service/contract-service.js';
import { homePaths } from '../dist/core/home/home-paths.js';
import { writeBlob } from '../dist/core/versions/object-store.js';
import { versionFilePath } from '../dist/core/versions/version-files.js';
import { serializeVersion, versionId } from '../dist/core/versions/version-record.js';
import { hashFileMap } from '../dist/core/hash/content-hash.js';

const CHROMIUM = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const VERSIONS = 10_000;
const RUNS = 5;

export async function runHistoryViewBenchmark() {
  console.log('\n## History view (10,000 versions of one skill; web mode, Chromium)\n');
  // SKILLMEAT_HISTORY_HOME=<folder> keeps the home there and reuses it on the next run (to iterate on the view).
  const kept = process.env.SKILLMEAT_HISTORY_HOME;
  const work = kept ?? (await mkdtemp(join(tmpdir(), 'skillmeat-history-bench-')));
  const home = join(work, 'home');
  let server;
  let browser;
  try {
    if (kept === undefined || !existsSync(join(home, 'collections'))) {
      await buildHome(work, home);
      const indexing = await firstPage(home);
      console.log(`First page after a cold start, indexing all ${VERSIONS.toLocaleString('en')} version files (once; the index is kept): ${(indexing / 1000).toFixed(1)} s.`);
    }
    const pages = await pageTimes(home);
    console.log(`historyPage in-process, warm: the first page (200 rows) ${pages.first.toFixed(0)} ms, a page deep in the list (offset 9,800) ${pages.deep.toFixed(0)} ms (medians of ${RUNS}).`);

    server = await startWebUi(home);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const opens = [];
    const afterData = [];
    for (let run = 0; run < RUNS + 1; run++) {
      await page.goto('about:blank');
      await page.goto(`${server.url}#/projects`);
      await page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Connected' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
      const figures = await page.evaluate(openView, { hash: '#/history/skill/canvas', rowSelector: '.history-entry[data-row-index]', dataMark: 'skillmeat:history-data' });
      opens.push(figures.open);
      afterData.push(figures.afterData);
    }
    // The first run meets the server's caches cold; the figures are the fresh pages after it.
    const [coldOpen = NaN] = opens.splice(0, 1);
    afterData.splice(0, 1);
    const scroll = await scrollToEnd(page, { scrollerSelector: '.history-scroller', lastRowSelector: `.history-entry[data-row-index="${VERSIONS - 1}"]`, rowSelector: '.timeline-row' });
    const again = [];
    const plain = [];
    for (let round = 0; round < 3; round++) {
      again.push(await wheelFrames(page, '.history-scroller', round % 2 === 0 ? -4_000 : 4_000));
      plain.push(await wheelFrames(page, await staticList(page, VERSIONS, '<div style="height:40px;border-bottom:1px solid #ddd;padding:0 12px;white-space:nowrap"><code>0123456789ab</code> push project webapp #</div>'), 4_000));
      await page.evaluate(() => document.getElementById('bench-static-list')?.remove());
    }
    console.log(
      `First render (#/history/skill/canvas from the projects view → the frame that shows version rows, the first page included): ${median(opens).toFixed(0)} ms ` +
        `(median of ${RUNS} fresh pages; all: ${opens.map((v) => v.toFixed(0)).join(', ')}); of which after the first page arrived: ${median(afterData).toFixed(0)} ms. ` +
        `The very first, with the server's history cache cold: ${coldOpen.toFixed(0)} ms.`,
    );
    console.log(
      `Scrolling the list top to bottom with the wheel, pages read on the way: ${scroll.frames} frames, 95th percentile ${scroll.p95.toFixed(1)} ms, longest ${scroll.max.toFixed(1)} ms, ${scroll.rendered} rows in the page at the end. ` +
        `Every page read, ${again.length} runs of 100 wheel turns: 95th percentile ${again.map((r) => r.p95.toFixed(1)).join(', ')} ms (longest ${Math.max(...again.map((r) => r.max)).toFixed(0)} ms); ` +
        `a static list of ${VERSIONS.toLocaleString('en')} plain rows scrolled the same way: ${plain.map((r) => r.p95.toFixed(1)).join(', ')} ms (longest ${Math.max(...plain.map((r) => r.max)).toFixed(0)} ms).`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    if (kept === undefined) await rm(work, { recursive: true, force: true });
  }
}

/** Skill canvas in the collection and deployed into one registered project; then 10,000 versions across five places. */
async function buildHome(work, home) {
  cli(home, 'init');
  const source = join(work, 'sources', 'canvas');
  await mkdir(source, { recursive: true });
  await writeFile(join(source, 'SKILL.md'), '---\nname: canvas\n---\n# canvas\n\nline a\n');
  cli(home, 'add', source);
  const project = join(work, 'projects', 'webapp');
  await mkdir(project, { recursive: true });
  cli(home, 'deploy', 'canvas', '--project', project);
  cli(home, 'projects', 'add', project);

  const { objectsDir } = homePaths(home);
  await mkdir(join(objectsDir, 'versions'), { recursive: true });
  const artifact = { collection: 'default', name: 'canvas', type: 'skill' };
  const places = [{ kind: 'collection', name: 'default' }, ...['webapp', 'docs', 'site', 'tools'].map((name) => ({ kind: 'project', path: join(work, 'projects', name, '.claude', 'skills', 'canvas') }))];
  const heads = new Array(places.length).fill(undefined);
  const random = seeded(12);
  const start = Date.now() - VERSIONS * 60_000;
  for (let i = 0; i < VERSIONS; i++) {
    const at = places.length * random();
    const where = Math.floor(at);
    const parents = [];
    let operation;
    if (where === 0) {
      // The collection: a push from a project (after its own head), or a hand edit kept by a sync.
      const from = 1 + Math.floor(random() * (places.length - 1));
      if (heads[0] !== undefined) parents.push(heads[0]);
      if (heads[from] !== undefined && random() < 0.5) parents.push(heads[from]);
      operation = parents.length === 2 ? 'merge' : 'push';
    } else {
      if (heads[where] !== undefined) parents.push(heads[where]);
      if (heads[0] !== undefined && (parents.length === 0 || random() < 0.3)) parents.push(heads[0]);
      operation = parents.length === 2 ? 'merge' : heads[where] === undefined ? 'deploy' : random() < 0.5 ? 'sync' : 'overwritten';
    }
    const files = new Map([['SKILL.md', new TextEncoder().encode(`---\nname: canvas\n---\n# canvas\n\nline a, edit ${i}\n`)]]);
    const contentHash = await hashFileMap(files, 'folder');
    const id = versionId(artifact, contentHash);
    const blob = await writeBlob(objectsDir, files.get('SKILL.md'));
    const record = {
      id,
      artifact,
      content_hash: contentHash,
      files: { 'SKILL.md': blob },
      executable: [],
      parents,
      created_at: new Date(start + i * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      created_by: 'system',
      merge_strategy: operation,
      scope: places[where],
      version_tag: null,
      snapshot_id: null,
      metadata: {},
    };
    await writeFile(versionFilePath(objectsDir, id), serializeVersion(record));
    heads[where] = id;
  }
}

/** The first page in-process: the store indexes every version file first (its index is behind them). */
async function firstPage(home) {
  const service = new ContractService({ home });
  try {
    const start = performance.now();
    const envelope = await service.call('historyPage', { name: 'canvas', limit: 200 });
    if (!envelope.ok) throw new Error(`historyPage failed: ${envelope.error.message}`);
    if (envelope.value.versions_stored < VERSIONS) throw new Error(`indexed ${envelope.value.versions_stored} versions, not ${VERSIONS}`);
    return performance.now() - start;
  } finally {
    await service.close();
  }
}

/** The contract's historyPage in-process, after a first call: milliseconds for the first page and a deep one. */
async function pageTimes(home) {
  const service = new ContractService({ home });
  const timed = async (input) => {
    const start = performance.now();
    const envelope = await service.call('historyPage', input);
    if (!envelope.ok) throw new Error(`historyPage failed: ${envelope.error.message}`);
    return performance.now() - start;
  };
  try {
    await timed({ name: 'canvas', limit: 200 });
    const first = [];
    const deep = [];
    for (let run = 0; run < RUNS; run++) {
      first.push(await timed({ name: 'canvas', limit: 200 }));
      deep.push(await timed({ name: 'canvas', offset: 9_800, limit: 200 }));
    }
    return { first: median(first), deep: median(deep) };
  } finally {
    await service.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runHistoryViewBenchmark();
