/* global document, window, MutationObserver */
// The projects view on a large home in Chromium (issue 14; ui.md budget on 50 projects × 25
// deployments: the first load moves ≤ 100 KB over the socket, first useful paint ≤ 500 ms, and a
// drift event after one collection edit carries ≤ 10 KB). A benchmark, not a test: it prints figures.
//
//   npm run build && node bench/projects-view-bench.js      (or: npm run bench -- projects-view)
//
// The home is real and built through the contract in this process (a collection of 100 skills,
// 50 projects each with 25 of them deployed, overlapping so that one skill lives in about 12
// projects); web mode serves it and Debian's Chromium opens the Projects view. Bytes are counted
// in the page, on the socket's messages as they arrive, so "until every row is drawn" is exact.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ContractService } from '../dist/core/service/contract-service.js';
import { startWebUi } from './web-ui.js';
import { median } from './measure.js';

const CHROMIUM = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const SKILLS = 100;
const PROJECTS = 50;
const DEPLOYED_PER_PROJECT = 25;
const RUNS = 7;

export async function runProjectsViewBenchmark() {
  console.log(`\n## Projects view (${PROJECTS} projects × ${DEPLOYED_PER_PROJECT} deployments; web mode, Chromium)\n`);
  const work = await mkdtemp(join(tmpdir(), 'skillmeat-projects-bench-'));
  const home = join(work, 'home');
  let server;
  let browser;
  try {
    await buildHome(work, home);
    server = await startWebUi(home);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.addInitScript(countSocketBytes, PROJECTS);

    const loads = [];
    for (let run = 0; run < RUNS + 1; run++) loads.push(await loadProjectsView(page, server.url));
    // A first visit: a new tab of the running browser with its cache emptied (nothing of the app
    // fetched or compiled yet), as when a user opens the app's address for the first time in a run.
    const firstVisits = [];
    for (let run = 0; run < RUNS; run++) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      const tab = await page.context().newPage();
      await tab.addInitScript(countSocketBytes, PROJECTS);
      firstVisits.push(await loadProjectsView(tab, server.url));
      await tab.close();
    }
    // And in a browser profile of its own: a new renderer process and network context as well.
    const newProfiles = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const fresh = await context.newPage();
      await fresh.addInitScript(countSocketBytes, PROJECTS);
      newProfiles.push(await loadProjectsView(fresh, server.url));
      await context.close();
    }
    // The first load also meets a server whose drift check of every project is still warming up.
    const [cold] = loads.splice(0, 1);
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(
      `Bytes received over the socket until every project row is drawn with its drift: ${kb(median(loads.map((l) => l.bytesAtAllDrawn)))} ` +
        `(median of ${RUNS} fresh pages; the first, server just started: ${kb(cold.bytesAtAllDrawn)}); in ${median(loads.map((l) => l.messagesAtAllDrawn))} messages.`,
    );
    const paints = (of, what) => `${median(of.map((l) => l[what])).toFixed(0)} ms`;
    const all = (of, what) => of.map((l) => l[what].toFixed(0)).join(', ');
    console.log(
      `First useful paint (navigation → every row shows a drift summary), a new page in a browser that opened the app before in this run: ${paints(loads, 'usefulPaintAt')}; ` +
        `every row drawn from this session's check: ${paints(loads, 'allDrawnAt')} (medians of ${RUNS}; all: ${all(loads, 'usefulPaintAt')} / ${all(loads, 'allDrawnAt')}).`,
    );
    console.log(
      `  First visit (a new tab, the browser's cache emptied: nothing of the app fetched or compiled): ${paints(firstVisits, 'usefulPaintAt')}; ` +
        `every row drawn: ${paints(firstVisits, 'allDrawnAt')} (medians of ${RUNS}; all: ${all(firstVisits, 'usefulPaintAt')} / ${all(firstVisits, 'allDrawnAt')}).`,
    );
    console.log(
      `  In a browser profile of its own (a new renderer and network context too): ${paints(newProfiles, 'usefulPaintAt')}; ` +
        `every row drawn: ${paints(newProfiles, 'allDrawnAt')} (medians of ${RUNS}; all: ${all(newProfiles, 'usefulPaintAt')} / ${all(newProfiles, 'allDrawnAt')}).`,
    );

    // One collection edit: the skill deployed in the most projects of this layout gets a new line.
    const edited = 'skill-000';
    const projectsWithIt = layout().filter((names) => names.includes(edited)).length;
    await page.evaluate(() => (window.__projectsBench.driftEvents = []));
    const file = join(home, 'collections', 'default', 'skills', edited, 'SKILL.md');
    await writeFile(file, `${await readFile(file, 'utf8')}A line the collection gained.\n`);
    await page.waitForFunction(() => window.__projectsBench.driftEvents.length > 0, undefined, { timeout: 60_000 });
    // Let any second round of the same edit arrive too (the monitor debounces for 300 ms).
    await page.waitForTimeout(1500);
    const events = await page.evaluate(() => window.__projectsBench.driftEvents);
    console.log(
      `Drift event after one collection edit (${edited}, deployed in ${projectsWithIt} projects): ${events.map((e) => kb(e.bytes)).join(' + ')} ` +
        `(${events.length} event${events.length === 1 ? '' : 's'}, naming ${events.map((e) => e.projects).join(' + ')} projects).`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    // SKILLMEAT_PROJECTS_BENCH_KEEP=1 keeps the home (its path is printed), to look into a figure.
    if (process.env.SKILLMEAT_PROJECTS_BENCH_KEEP === undefined) await rm(work, { recursive: true, force: true });
    else console.log(`Home kept in ${home}.`);
  }
}

/** Opens the Projects view in `page` and waits until every row is drawn; returns the page's figures. */
async function loadProjectsView(page, url) {
  await page.goto('about:blank');
  await page.goto(`${url}#/projects`);
  await page.waitForFunction(() => window.__projectsBench.allDrawnAt !== null, undefined, { timeout: 120_000 });
  return page.evaluate(() => ({ ...window.__projectsBench }));
}

/** Which skills each project deploys: 25 consecutive ones from a start that moves by 2 per project (wrapping), so one skill is in ~12 projects. */
function layout() {
  return Array.from({ length: PROJECTS }, (_, p) => Array.from({ length: DEPLOYED_PER_PROJECT }, (_, k) => `skill-${String((p * 2 + k) % SKILLS).padStart(3, '0')}`));
}

/** The home, built through the contract as the app would: a collection of skills, projects registered and deployed into. */
async function buildHome(work, home) {
  const service = new ContractService({ home });
  const call = async (method, input) => {
    const envelope = await service.call(method, input);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
    return envelope.value;
  };
  try {
    await call('initCollection', { name: 'default' });
    for (let s = 0; s < SKILLS; s++) {
      const name = `skill-${String(s).padStart(3, '0')}`;
      const source = join(work, 'sources', name);
      await mkdir(join(source, 'scripts'), { recursive: true });
      await writeFile(join(source, 'SKILL.md'), `---\nname: ${name}\ndescription: Skill number ${s}, for the benchmark.\n---\n# ${name}\n\nSteps to follow.\n`);
      await writeFile(join(source, 'scripts', 'run.sh'), `#!/bin/sh\necho ${name}\n`);
      await call('addArtifact', { source_path: source });
    }
    for (const [p, names] of layout().entries()) {
      const project = join(work, 'projects', `project-${String(p).padStart(2, '0')}`);
      await mkdir(project, { recursive: true });
      await call('addProject', { path: project });
      await call('deploy', { project, names });
    }
    // The cache holds a check of every project, as after any earlier session.
    await call('checkAllDrift', {});
  } finally {
    await service.close();
  }
}

/**
 * Runs in the page before its own scripts: counts the bytes of every socket message as it arrives,
 * notes drift events, and watches the Projects list for the moments every row shows a summary
 * (first useful paint) and every row is drawn from this session's check (no row still checking).
 */
function countSocketBytes(projects) {
  const bench = { bytes: 0, messages: 0, usefulPaintAt: null, allDrawnAt: null, bytesAtAllDrawn: null, messagesAtAllDrawn: null, driftEvents: [] };
  window.__projectsBench = bench;
  const encoder = new TextEncoder();
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        const bytes = encoder.encode(event.data).length;
        bench.bytes += bytes;
        bench.messages += 1;
        if (event.data.includes('"drift.changed"')) {
          const payload = JSON.parse(event.data).event.payload;
          bench.driftEvents.push({ bytes, projects: (payload.projects ?? payload.reports ?? []).length });
        }
      });
    }
  };
  const look = () => {
    const rows = [...document.querySelectorAll('ul[aria-label="Projects"] > li')];
    if (rows.length !== projects) return;
    const summarized = rows.every((row) => row.querySelector('[data-drift], .chip') !== null);
    if (summarized && bench.usefulPaintAt === null) bench.usefulPaintAt = performance.now();
    const checking = document.querySelector('ul[aria-label="Projects"] [aria-label="Checking drift"]') !== null;
    if (summarized && !checking && bench.allDrawnAt === null) {
      bench.allDrawnAt = performance.now();
      bench.bytesAtAllDrawn = bench.bytes;
      bench.messagesAtAllDrawn = bench.messages;
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
