// `npm start`: bring the build up to date and launch the desktop app where Electron's binary exists;
// elsewhere say in one paragraph why it cannot start, and start web mode (`skillmeat ui --web`),
// which prints the URL to open.
//
// "Up to date" is decided by a fingerprint of the build's inputs kept beside each output
// (build-stamp.js): a source change rebuilds on the next start; nothing changed costs milliseconds.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputFingerprint, isBuildCurrent, markBuilt } from './build-stamp.js';
import { findElectronBinary } from './electron-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliEntry = join(root, 'bin', 'skillmeat.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const download = installIfMissing();
const electron = findElectronBinary(join(root, 'node_modules', 'electron'));
if (electron.found) {
  buildIfStale('out', 'build:app', 'the app');
  startDesktop(electron.binaryPath);
} else {
  explainNoElectron(electron, download);
  buildIfStale('dist', 'build:node', 'the command line and web server');
  buildIfStale('out', 'build:app', 'the UI');
  // No --open: the browser would get the URL, token included, on a command line other users can read.
  console.log('Starting web mode (node bin/skillmeat.js ui --web)...\n');
  runToExit(process.execPath, [cliEntry, 'ui', '--web']);
}

/**
 * A fresh checkout has no node_modules: install exactly what the lock file says, then try to fetch
 * Electron's binary (Electron 45 fetches it on first use, not at install). Returns why that fetch
 * failed, if it did; its own output (a stack trace when offline) is kept out of the terminal.
 */
function installIfMissing() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return undefined;
  console.log('Installing dependencies (npm ci, a few minutes: better-sqlite3 compiles from source)...');
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (install.status !== 0) {
    console.error('\nnpm ci failed (see above); nothing was started.');
    process.exit(install.status ?? 1);
  }
  if (findElectronBinary(join(root, 'node_modules', 'electron')).found) return undefined;
  console.log("Fetching Electron's binary...");
  const fetch = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (fetch.status === 0) return undefined;
  const said = `${fetch.stderr ?? ''}\n${fetch.stdout ?? ''}`;
  return /fetch failed|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|getaddrinfo/i.test(said) || fetch.error?.code === 'ETIMEDOUT' ? 'the download failed: no network access to its host' : 'the download failed';
}

/** Runs `npm run <script>` when the inputs changed since `outputDir` was last built (or it was never built). */
function buildIfStale(outputDir, script, what) {
  const fingerprint = inputFingerprint(root);
  if (isBuildCurrent(root, outputDir, fingerprint)) return;
  console.log(`Building ${what} (npm run ${script})...`);
  const build = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error(`\n${what} did not build (see above); nothing was started.`);
    process.exit(build.status || 1);
  }
  // The fingerprint taken before the build: a file changed during it rebuilds next time.
  markBuilt(root, outputDir, fingerprint);
}

function startDesktop(binaryPath) {
  // Some terminals (VS Code's) export this; it would make Electron run as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runToExit(binaryPath, [root], env);
}

function explainNoElectron(electron, download) {
  const why = download ?? electron.reason;
  console.log(
    [
      `SkillMeat Desktop's window needs Electron's binary, which is not on this machine (${why}; looked at ${electron.lookedAt}).`,
      'With network access, `node node_modules/electron/install.js` fetches it, and `npm start` then opens the app.',
      'Meanwhile the same UI runs in your browser (web mode, starting below), and the command line works as it is: `node bin/skillmeat.js --help`.',
      '',
    ].join('\n'),
  );
}

/** Runs a child with this terminal, passes Ctrl-C on, and exits with its code. */
function runToExit(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
