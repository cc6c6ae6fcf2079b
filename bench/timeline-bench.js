/* global document */
// The snapshot timeline in Chromium (issue 11; ui.md budget: 10,000 snapshots — listing them
// through the contract, paged, ≤ 100 ms; the view's first render ≤ 300 ms; scrolling at 60 fps,
// 95th-percentile frame ≤ 16.7 ms). A benchmark, not a test: it prints figures.
//
//   npm run build && node bench/timeline-bench.js      (or: npm run bench -- timeline)
//
// The home is real: a collection built with the CLI and a few real snapshots taken with it, whose
// archives are then copied to make 10,000 snapshots in snapshots.toml (the metadata is written
// directly: taking 10,000 through the CLI would take minutes). Nothing else is faked: the first
// listing builds each snapshot's index from its archive, as for snapshots the Python tool wrote,
// and every figure after that goes through the real contract — over web mode's WebSocket for the
// listing, and in Debian's Chromium for the view.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { cli, startWebUi } from './web-ui.js';
import WebSocket from 'ws';
import { ContractService } from '../dist/core/service/contract-service.js';
import { median, seeded } from './measure.js';
import { openView, scrollToEnd, staticList, wheelFrames, WHEELS } from './frames.js';

const CHROMIUM = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const SNAPSHOTS = 10_000;
/** Distinct real snapshots whose archives the 10,000 reuse, so consecutive snapshots differ. */
const VARIANTS = 12;
const RUNS = 5;
/** What the view asks for per call (src/renderer/src/actions/snapshot-actions.ts). */
const VIEW_PAGE = 100;

export async function runTimelineBenchmark() {
  console.log('\n## Snapshot timeline (10,000 snapshots; web mode, Chromium)\n');
  // SKILLMEAT_TIMELINE_HOME=<folder> keeps the home there and reuses it on the next run (to iterate on the view).
  const kept = process.env.SKILLMEAT_TIMELINE_HOME;
  const work = kept ?? (await mkdtemp(join(tmpdir(), 'skillmeat-timeline-bench-')));
  const home = join(work, 'home');
  let server;
  let browser;
  try {
    if (kept === undefined || !existsSync(join(home, 'snapshots', 'default', 'snapshots.toml'))) {
      await buildHome(work, home);
      const indexing = await firstListing(home);
      console.log(`First listing, every index built from its archive (once; then kept beside it): ${(indexing / 1000).toFixed(1)} s.`);
    }

    server = await startWebUi(home);
    const listing = await listThroughSocket(server.url);
    console.log(
      `Listing through the contract over web mode's socket: the view's first page (${VIEW_PAGE}) ${listing.firstPage.toFixed(1)} ms, ` +
        `a page deep in the list (offset 9,000) ${listing.deepPage.toFixed(1)} ms, all ${SNAPSHOTS.toLocaleString('en')} in pages of 1,000 ${listing.all.toFixed(0)} ms ` +
        `(medians of ${RUNS}).`,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Each run a fresh page (nothing of the timeline read yet); the first run also meets a server
    // that has not read any snapshot index into memory.
    const opens = [];
    const afterData = [];
    for (let run = 0; run < RUNS + 1; run++) {
      await page.goto('about:blank');
      await page.goto(`${server.url}#/projects`);
      await page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Connected' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
      const figures = await page.evaluate(openView, { hash: '#/snapshots', rowSelector: '.timeline-entry[data-snapshot-index]', dataMark: 'skillmeat:timeline-data' });
      opens.push(figures.open);
      afterData.push(figures.afterData);
    }
    const [coldOpen = NaN] = opens.splice(0, 1);
    afterData.splice(0, 1);
    const scroll = await scrollToEnd(page, { scrollerSelector: '.timeline-scroller', lastRowSelector: `.timeline-entry[data-snapshot-index="${SNAPSHOTS - 1}"]`, rowSelector: '.timeline-row' });
    // Every page read: the view's own cost, against a plain static list of as many rows scrolled the
    // same way in the same page (what this machine manages at the moment, with nothing to virtualize).
    const again = [];
    const plain = [];
    for (let round = 0; round < 3; round++) {
      again.push(await wheelFrames(page, '.timeline-scroller', round % 2 === 0 ? -4_000 : 4_000));
      plain.push(await wheelFrames(page, await staticList(page, SNAPSHOTS, '<div style="height:70px;border-bottom:1px solid #ddd;padding:8px 12px"><b>Snapshot message #</b><br><code>20260101_120000_abc</code> 3 artifacts · 1.2 KB · +1 ~2</div>'), 4_000));
      await page.evaluate(() => document.getElementById('bench-static-list')?.remove());
    }
    console.log(
      `First render (the Snapshots link followed → the frame that shows rows of snapshots, listing included): ${median(opens).toFixed(0)} ms ` +
        `(median of ${RUNS} fresh pages; all: ${opens.map((v) => v.toFixed(0)).join(', ')}); of which after the first page of snapshots arrived: ${median(afterData).toFixed(0)} ms. ` +
        `The very first, with the server's index cache cold: ${coldOpen.toFixed(0)} ms.`,
    );
    console.log(
      `Scrolling the timeline top to bottom with the wheel, pages read on the way: ${scroll.frames} frames, 95th percentile ${scroll.p95.toFixed(1)} ms, longest ${scroll.max.toFixed(1)} ms, ${scroll.rendered} rows in the page at the end. ` +
        `Every page read, ${again.length} runs of ${WHEELS} wheel turns: 95th percentile ${again.map((r) => r.p95.toFixed(1)).join(', ')} ms (longest ${Math.max(...again.map((r) => r.max)).toFixed(0)} ms); ` +
        `a static list of ${SNAPSHOTS.toLocaleString('en')} plain rows scrolled the same way: ${plain.map((r) => r.p95.toFixed(1)).join(', ')} ms (longest ${Math.max(...plain.map((r) => r.max)).toFixed(0)} ms).`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    if (kept === undefined) await rm(work, { recursive: true, force: true });
  }
}

/** A collection of three skills, VARIANTS real snapshots of it as it changes, then 10,000 snapshots made of their archives. */
async function buildHome(work, home) {
  cli(home, 'init');
  const source = join(work, 'sources');
  const skills = ['canvas-design', 'code-review', 'release-notes'];
  for (const skill of skills) {
    await writeTree(join(source, skill, 'SKILL.md'), `---\nname: ${skill}\nversion: 1.0.0\n---\n# ${skill}\n\nline a\nline b\nline c\n`);
    cli(home, 'add', join(source, skill));
  }
  const collection = join(home, 'collections', 'default');
  const folder = join(home, 'snapshots', 'default');
  const variants = [];
  for (let v = 0; v < VARIANTS; v++) {
    const skill = skills[v % skills.length];
    const file = join(collection, 'skills', skill, 'SKILL.md');
    await writeFile(file, `${await readFile(file, 'utf8')}edit ${v}\n`);
    variants.push(JSON.parse(cli(home, '--json', 'snapshot', `variant ${v}`)).tarball_path);
  }

  const random = seeded(11);
  // Over the last 400 days, up to an hour ago.
  const step = Math.floor((400 * 24 * 3600 * 1000) / SNAPSHOTS);
  const start = Date.now() - 3600_000 - SNAPSHOTS * step;
  const entries = [];
  const operations = ['push', 'sync', 'merge', 'rollback', 'remove'];
  const messages = ['Before the redesign', 'Weekly tidy-up', 'New review checklist', 'Release notes for 2.4', 'Palette experiment', 'Before upgrading skills'];
  for (let i = 0; i < SNAPSHOTS; i++) {
    const at = new Date(start + i * step + Math.floor(random() * (step / 2)));
    const id = `${at.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15)}_${i.toString(36).padStart(3, '0').slice(-3)}`;
    const kind = random();
    const automatic = kind < 0.6;
    const message = automatic ? (kind < 0.5 ? `Safety snapshot before ${operations[i % operations.length]}` : `[auto] Nightly ${i}`) : `${messages[i % messages.length]} (#${i})`;
    await copyFile(variants[i % VARIANTS], join(folder, `${id}.tar.gz`));
    entries.push(
      `[[snapshots]]\nid = "${id}"\ntimestamp = ${at.toISOString()}\nmessage = ${JSON.stringify(message)}\ncollection_name = "default"\nartifact_count = ${skills.length}\ntarball_path = "${id}.tar.gz"\nautomatic = ${automatic}\n`,
    );
  }
  await writeFile(join(folder, 'snapshots.toml'), entries.join('\n'));
}

/** Lists every snapshot once in-process, which builds (and keeps) each snapshot's index; milliseconds. */
async function firstListing(home) {
  const service = new ContractService({ home });
  try {
    const start = performance.now();
    for (let offset = 0; offset < SNAPSHOTS; offset += 1000) {
      const envelope = await service.call('snapshotPage', { limit: 1000, offset });
      if (!envelope.ok) throw new Error(`snapshotPage failed: ${envelope.error.message}`);
    }
    return performance.now() - start;
  } finally {
    await service.close();
  }
}

/** Times snapshotPage over web mode's WebSocket, as the page calls it. */
async function listThroughSocket(pageUrl) {
  const url = new URL(pageUrl);
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`, { origin: `http://${url.host}` });
  const waiting = new Map();
  let nextId = 1;
  const hello = new Promise((done) => socket.once('message', done));
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'result') waiting.get(message.id)?.(message.envelope);
  });
  await hello;
  const call = (method, input) =>
    new Promise((done, fail) => {
      const id = nextId++;
      waiting.set(id, (envelope) => (envelope.ok ? done(envelope.value) : fail(new Error(envelope.error.message))));
      socket.send(JSON.stringify({ type: 'call', id, method, input }));
    });
  const timed = async (work) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const firstPage = [];
  const deepPage = [];
  const all = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      firstPage.push(await timed(() => call('snapshotPage', { limit: VIEW_PAGE, offset: 0 })));
      deepPage.push(await timed(() => call('snapshotPage', { limit: VIEW_PAGE + 1, offset: 8_999 })));
      all.push(
        await timed(async () => {
          let total = 0;
          for (let offset = 0; offset < SNAPSHOTS; offset += 1000) total += (await call('snapshotPage', { limit: 1000, offset })).snapshots.length;
          if (total !== SNAPSHOTS) throw new Error(`listed ${total} snapshots, not ${SNAPSHOTS}`);
        }),
      );
    }
  } finally {
    socket.close();
  }
  return { firstPage: median(firstPage), deepPage: median(deepPage), all: median(all) };
}

async function writeTree(path, text) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

if (import.meta.url === `file://${process.argv[1]}`) await runTimelineBenchmark();
