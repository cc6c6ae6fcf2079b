// The built CLI and its web mode, as the Chromium benchmarks drive them.
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'bin/skillmeat.js');

/** Runs `skillmeat --home HOME ARGS…` and returns its stdout; a last argument `{ allowExit: N }` accepts that exit code too. */
export function cli(home, ...args) {
  const options = typeof args.at(-1) === 'object' ? args.pop() : {};
  const run = spawnSync(process.execPath, [CLI, '--home', home, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== options.allowExit) throw new Error(`skillmeat ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** `skillmeat ui --web` on a free port; resolves with its URL and a stop function. */
export function startWebUi(home) {
  const child = spawn(process.execPath, [CLI, '--home', home, 'ui', '--web', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /SkillMeat web UI: (\S+)/.exec(out);
      if (match) {
        resolvePromise({
          url: match[1],
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGINT');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`web mode exited (${code}) before printing its URL: ${out}`)));
  });
}
