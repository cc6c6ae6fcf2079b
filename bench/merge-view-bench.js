/* global window, location, requestAnimationFrame */
// The merge view in Chromium (issue 10; ui.md budget: a 5,000-line file with 50 conflicts is
// interactive ≤ 300 ms after its data arrives; a 50,000-line file opens and scrolls), and the size
// of the app's first bundle against the Monaco chunk. A benchmark, not a test: it prints figures.
//
//   npm run build && node bench/merge-view-bench.js      (or: npm run bench -- merge-view)
//
// A real home is built with the CLI, a sync stops on the conflicts, web mode serves the built
// renderer, and Debian's Chromium opens #/merge/… . The renderer marks `skillmeat:merge-data`
// when the merge document arrives and `skillmeat:merge-interactive` when the panes are drawn and
// their buttons work; the figure is the time between the two, read from the page's own clock.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { cli, ROOT, startWebUi } from './web-ui.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;

export async function runMergeViewBenchmark() {
  console.log('\n## Merge view (Chromium, web mode)\n');
  await printBundleSizes();
  const sizes = [
    { lines: 5_000, conflicts: 50 },
    { lines: 50_000, conflicts: 500 },
  ];
  // `node bench/merge-view-bench.js 50000` measures one size only.
  const only = Number(process.argv.find((arg) => /^\d+$/.test(arg)));
  for (const { lines, conflicts } of sizes) if (!only || only === lines) await measure(lines, conflicts);
}

/** The renderer's first bundle (what index.html loads) and every other chunk, Monaco's included. */
async function printBundleSizes() {
  const dir = join(ROOT, 'out/renderer');
  const html = await readFile(join(dir, 'index.html'), 'utf8').catch(() => undefined);
  if (html === undefined) throw new Error('out/renderer is missing: run `npm run build` first.');
  const first = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]));
  const assets = await readdir(join(dir, 'assets'));
  const rows = [];
  for (const name of assets) rows.push({ name, bytes: (await stat(join(dir, 'assets', name))).size, first: first.has(`assets/${name}`) });
  rows.sort((a, b) => Number(b.first) - Number(a.first) || b.bytes - a.bytes);
  console.log('| asset | bytes | loaded at start |\n|---|---:|---|');
  for (const row of rows.slice(0, 8)) console.log(`| ${row.name} | ${row.bytes.toLocaleString('en')} | ${row.first ? 'yes' : 'no (on demand)'} |`);
  const startup = rows.filter((r) => r.first).reduce((sum, r) => sum + r.bytes, 0);
  console.log(`\nLoaded at start: ${startup.toLocaleString('en')} bytes in ${rows.filter((r) => r.first).length} file(s); everything else loads when a merge or diff view opens.\n`);
}

/** Builds a home whose skill has `lines` lines and `conflicts` conflicts, opens its merge view RUNS times, and scrolls it. */
async function measure(lines, conflicts) {
  const work = await mkdtemp(join(tmpdir(), 'skillmeat-merge-view-bench-'));
  const home = join(work, 'home');
  const project = join(work, 'project');
  const server = { stop: async () => undefined };
  let browser;
  try {
    await buildConflictedHome(work, home, project, lines, conflicts);
    Object.assign(server, await startWebUi(home));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const route = `${server.url}#/merge/${encodeURIComponent(project)}/canvas`;
    const interactive = [];
    const sinceStart = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(route);
      await page.waitForFunction(() => performance.getEntriesByName('skillmeat:merge-interactive').length > 0, undefined, { timeout: 120_000 });
      const marks = await page.evaluate(() => ({
        data: performance.getEntriesByName('skillmeat:merge-data')[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName('skillmeat:merge-interactive')[0]?.startTime ?? NaN,
      }));
      interactive.push(marks.ready - marks.data);
      sinceStart.push(marks.ready);
    }
    // Opened again in the same page (Monaco's code already loaded): the view's own work.
    const warm = [];
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => {
        performance.clearMarks();
        location.hash = '#/projects';
      });
      await page.getByRole('heading', { name: 'Projects' }).first().waitFor();
      await page.evaluate((hash) => (location.hash = hash), new URL(route).hash);
      await page.waitForFunction(() => performance.getEntriesByName('skillmeat:merge-interactive').length > 0, undefined, { timeout: 120_000 });
      warm.push(await page.evaluate(() => performance.getEntriesByName('skillmeat:merge-interactive')[0].startTime - performance.getEntriesByName('skillmeat:merge-data')[0].startTime));
    }
    const scroll = await scrollFrames(page);
    const mid = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(
      `${lines.toLocaleString('en')} lines, ${conflicts} conflicts: interactive ${mid(warm).toFixed(0)} ms after its data arrived when Monaco is loaded ` +
        `(median of ${RUNS}; all: ${warm.map((v) => v.toFixed(0)).join(', ')}); on a page's first open, which also loads Monaco's code, ` +
        `${mid(interactive).toFixed(0)} ms after the data (all: ${interactive.map((v) => v.toFixed(0)).join(', ')}) and ${mid(sinceStart).toFixed(0)} ms after navigation; ` +
        `scrolling the result: ${scroll.frames} frames, 95th percentile ${scroll.p95.toFixed(1)} ms, longest ${scroll.max.toFixed(1)} ms.`,
    );
  } finally {
    await browser?.close();
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** Scrolls the Result editor from top to bottom with the mouse wheel and times every frame meanwhile. */
async function scrollFrames(page) {
  const result = page.getByRole('region', { name: 'Result' });
  const box = await result.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const times = [];
    window.__frames = times;
    const tick = (t) => {
      times.push(t);
      if (times.length < 100_000 && !window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 2_000);
  const times = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames;
  });
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return { frames: gaps.length, p95: gaps[Math.floor(gaps.length * 0.95)] ?? NaN, max: gaps[gaps.length - 1] ?? NaN };
}

/** A collection with skill "canvas" of `lines` lines deployed in `project`; both copies then edited so that a sync meets `conflicts` conflicts. */
async function buildConflictedHome(work, home, project, lines, conflicts) {
  const source = join(work, 'source/canvas');
  const base = Array.from({ length: lines }, (_, i) => `line ${i + 1}: the quick brown fox jumps over the lazy dog`);
  await writeTreeFile(join(source, 'SKILL.md'), `${base.join('\n')}\n`);
  cli(home, 'init');
  cli(home, 'add', source);
  await writeTreeFile(join(project, '.keep'), '');
  cli(home, 'deploy', 'canvas', '--project', project);
  const every = Math.floor(lines / conflicts);
  const edit = (side) => base.map((line, i) => (i % every === every / 2 ? `${line} (${side})` : i % every === 1 && side === 'collection' ? `${line} (collection only)` : line));
  await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), `${edit('project').join('\n')}\n`);
  await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), `${edit('collection').join('\n')}\n`);
  const sync = cli(home, 'sync', project, '--json', { allowExit: 1 });
  const conflicted = JSON.parse(sync).artifacts[0]?.action;
  if (conflicted !== 'conflict') throw new Error(`the sync did not stop on conflicts: ${sync}`);
}

async function writeTreeFile(path, text) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

if (import.meta.url === `file://${process.argv[1]}`) await runMergeViewBenchmark();
