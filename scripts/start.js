// `npm start`: build and launch the desktop app where Electron's binary exists; elsewhere say why it
// cannot start and start web mode (`skillmeat ui --web`), which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliMain = join(root, 'dist', 'cli', 'main.js');

installIfMissing();
const electron = findElectronBinary(join(root, 'node_modules', 'electron'));
if (electron.found) {
  startDesktop(electron.binaryPath);
} else {
  explainNoElectron(electron);
  startWebMode();
}

/** A fresh checkout has no node_modules: install exactly what the lock file says, then go on. */
function installIfMissing() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('Installing dependencies (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Electron's own download is tried apart, so that a machine that cannot reach its host still installs.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
  if (install.status !== 0) {
    console.error('\nnpm ci failed (see above); nothing was started.');
    process.exit(install.status ?? 1);
  }
  if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('Fetching the Electron binary...');
    const download = { ...process.env };
    delete download.ELECTRON_SKIP_BINARY_DOWNLOAD;
    spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'inherit', env: download, timeout: 120_000 });
  }
}

/** Builds what web mode needs and is missing (the CLI and server, the renderer), then runs it until Ctrl+C. */
function startWebMode() {
  buildIfMissing(cliMain, 'build:node', 'the command line and web server');
  buildIfMissing(join(root, 'out', 'renderer', 'index.html'), 'build:app', 'the UI');
  // No --open: the browser would get the URL, token included, on a command line other users can read.
  console.log('Starting web mode instead (npx skillmeat ui --web)...\n');
  runToExit(process.execPath, [cliMain, 'ui', '--web']);
}

/** Runs `npm run <script>` when `output` does not exist yet; stops here if the build fails. */
function buildIfMissing(output, script, what) {
  if (existsSync(output)) return;
  console.log(`Building ${what} (npm run ${script})...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0 || !existsSync(output)) {
    console.error(`\n${what} did not build (see above); nothing was started.`);
    process.exit(build.status || 1);
  }
}

function startDesktop(binaryPath) {
  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('\nThe app did not build (see above); not starting it.');
    process.exit(build.status ?? 1);
  }
  // Some terminals (VS Code's) export this; it would make Electron run as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runToExit(binaryPath, [root], env);
}

function explainNoElectron(electron) {
  console.log(
    [
      'SkillMeat Desktop cannot start here: Electron\'s binary is not installed',
      '(ELECTRON_SKIP_BINARY_DOWNLOAD was set, or there was no network when it was installed).',
      `  Why: ${electron.reason}.`,
      `  Looked at: ${electron.lookedAt}`,
      '  With network access, `node node_modules/electron/install.js` fetches it.',
      '',
      'What works here instead:',
      '  npx skillmeat --help      the command line',
      '  npx skillmeat ui --web    the same UI in your browser',
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
