#!/usr/bin/env node
// Web mode under a flood (issue 9, item 8): one client sends many small calls, never reads an
// answer, then goes away. Prints the server's resident memory (at rest and at its peak), whether
// the server closed the connection, how many calls the back end ran, and how long the server kept
// working after the client left. A measurement, not a test: it prints figures and never fails.
//
//   npm run build:node && node bench/web-flood.js [--calls 2000] [--method listArtifacts] [--stay 3] [--dist dist]
//
// The server runs in a child process so that its memory is its own; `--dist` picks the build to
// measure (for example a build of an older commit, to compare).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

const SKILLS = 60; // artifacts in the collection, so that each answer is a few kilobytes
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);

if (argv[0] === '--serve') await serve(resolve(argv[1]));
else await flood({ calls: Number(option('calls', '2000')), method: option('method', 'listArtifacts'), stayMs: Number(option('stay', '3')) * 1000, dist: resolve(option('dist', 'dist')) });

/** The parent: starts the server, floods it, watches its memory and CPU time. */
async function flood({ calls, method, stayMs, dist }) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dist], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ url }] = await once(child, 'message');
  const rest = await memory(child.pid);
  const token = new URL(url).searchParams.get('token');
  const origin = new URL(url).origin;
  const socket = new WebSocket(`${origin.replace('http:', 'ws:')}/rpc?token=${token}`, { origin });
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  await once(socket, 'message'); // hello
  socket.pause(); // from here on the client reads nothing
  for (let id = 1; id <= calls; id += 1) socket.send(JSON.stringify({ type: 'call', id, method, input: {} }));

  // The client stays a few seconds, then leaves (as a closed tab would), while the server samples.
  let peak = rest;
  for (let waited = 0; waited < stayMs; waited += 100) {
    await sleep(100);
    peak = Math.max(peak, await memory(child.pid));
  }
  socket.resume(); // lets the client notice a close the server made
  await sleep(200);
  const closedByServer = closed;
  socket.terminate();
  const leftAt = process.hrtime.bigint();
  const after = await whileBusy(child.pid, async () => (peak = Math.max(peak, await memory(child.pid))));
  const busyAfterMs = after === null ? 0 : Number(after - leftAt) / 1e6;
  child.send('stats');
  const [stats] = await once(child, 'message');
  child.kill();

  const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
  console.log(`web flood: ${calls} × ${method} from a client that never reads and leaves after ${stayMs / 1000} s (${dist})`);
  console.log(`  server memory at rest                 ${mb(rest)}`);
  console.log(`  server peak memory (VmHWM)            ${mb(Math.max(peak, stats.hwmKb))}`);
  console.log(`  connection closed by the server       ${closedByServer ? 'yes' : 'no'}`);
  console.log(`  calls the back end ran                ${stats.calls} of ${calls}`);
  console.log(`  most calls in flight at once          ${stats.maxInFlight}`);
  console.log(`  server kept working after client left ${(busyAfterMs / 1000).toFixed(1)} s`);
}

/** Runs `sample` every 100 ms until the process has used no CPU for a second; when it last did (null: never). */
async function whileBusy(pid, sample) {
  let lastCpu = await cpuTicks(pid);
  let lastBusy = null;
  let idleSince = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - idleSince) / 1e6 < 1000) {
    await sleep(100);
    await sample();
    const cpu = await cpuTicks(pid);
    if (cpu > lastCpu + 1) {
      lastBusy = process.hrtime.bigint();
      idleSince = lastBusy;
    }
    lastCpu = cpu;
  }
  return lastBusy;
}

/** Resident memory of `pid`, in kB. */
async function memory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** User + system CPU time of `pid`, in clock ticks. */
async function cpuTicks(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The child: a web server over a real service and a temporary home holding a collection. */
async function serve(dist) {
  const { ContractService } = await import(pathToFileURL(join(dist, 'core/service/contract-service.js')).href);
  const { startWebServer } = await import(pathToFileURL(join(dist, 'server/web-server.js')).href);
  const root = await mkdtemp(join(tmpdir(), 'skillmeat-bench-flood-'));
  const home = join(root, 'home');
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>\n');
  const service = new ContractService({ home });
  await service.call('initCollection', { name: 'work' });
  for (let i = 0; i < SKILLS; i += 1) {
    const source = join(root, 'sources', `skill-${i}`);
    await mkdir(source, { recursive: true });
    await writeFile(join(source, 'SKILL.md'), `---\nname: skill-${i}\ndescription: Skill number ${i} of the flood fixture.\n---\n\nDo thing ${i}.\n`);
    const added = await service.call('addArtifact', { source_path: source });
    if (!added.ok) throw new Error(added.error.message);
  }
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const backend = {
    call: async (method, input) => {
      calls += 1;
      maxInFlight = Math.max(maxInFlight, (inFlight += 1));
      try {
        return await service.call(method, input);
      } finally {
        inFlight -= 1;
      }
    },
    subscribe: (listener) => service.subscribe(listener),
  };
  const server = await startWebServer({ service: backend, rendererDir });
  process.on('message', async () => {
    const status = await readFile('/proc/self/status', 'utf8');
    process.send({ calls, maxInFlight, hwmKb: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) });
  });
  process.on('SIGTERM', async () => {
    await server.close();
    await service.close();
    await rm(root, { recursive: true, force: true });
    process.exit(0);
  });
  process.send({ url: server.url });
}
