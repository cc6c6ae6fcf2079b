import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SkillmeatError } from '../core/errors.js';
import type { WebServer } from '../server/web-server.js';
import { printError } from './output.js';
import { operationGate } from './operation-gate.js';

interface UiOptions {
  readonly web?: boolean;
  readonly port: number;
  readonly open?: boolean;
  readonly rendererDir?: string;
}

/** The built renderer, relative to this file both as dist/cli/ui-command.js and as src/cli/ui-command.ts. */
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const REPEATED_SIGNAL_MS = 1000;

/**
 * Adds `ui`: `skillmeat ui --web` serves the UI and the app contract on 127.0.0.1 until Ctrl+C
 * (docs/web-mode.md). The desktop app itself needs Electron and starts with `npm start`.
 */
export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description('serve the SkillMeat UI to your browser on 127.0.0.1 (with --web); the desktop app starts with `npm start`')
    .option('--web', 'serve the UI and its API on 127.0.0.1 for a browser, until Ctrl+C')
    .option('--port <n>', 'port to listen on (0: a free one)', parsePort, 0)
    .option('--open', 'also open the page in the default browser (puts the URL, token included, on a command line)')
    .addOption(new Option('--renderer-dir <dir>', 'built renderer to serve').hideHelp())
    .action(async (options: UiOptions, command: Command) => {
      if (options.web !== true) {
        throw new SkillmeatError(
          'invalid_input',
          'The desktop app does not start from the command line: run `npm start` in the SkillMeat folder. For the same UI in your browser, run `skillmeat ui --web`.',
        );
      }
      const globals = command.optsWithGlobals<{ home?: string; json?: boolean }>();
      await serveWebUi(options, globals);
    });
}

/** Runs web mode until a stop signal, then closes the server and the service. */
async function serveWebUi(options: UiOptions, globals: { home?: string; json?: boolean }): Promise<void> {
  const onBackgroundError = printError;
  // Loaded here, not at the top: every other command would otherwise pay for the server, ws and the contract.
  const [{ ContractService }, { startWebServer }] = await Promise.all([import('../core/service/contract-service.js'), import('../server/web-server.js')]);
  const beforeOperation = operationGate();
  const service = new ContractService({ ...(globals.home !== undefined ? { home: globals.home } : {}), ...(beforeOperation ? { beforeOperation } : {}), watch: true, onBackgroundError });
  // Listening before start-up so that a Ctrl+C during the first drift check still closes cleanly.
  const stopped = stopSignal();
  let server: WebServer | undefined;
  try {
    server = await startWebServer({ service, rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR, port: options.port, onError: onBackgroundError });
    await service.start();
  } catch (error) {
    await server?.close();
    await service.close();
    throw error;
  }

  if (globals.json === true) {
    process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
    process.stderr.write('Ctrl+C to stop.\n');
  } else {
    // Scripts (and npm start) read this one line; keep its wording.
    process.stdout.write(`SkillMeat web UI: ${server.url}\nOpen it in your browser; Ctrl+C to stop.\n`);
  }
  if (options.open === true) openInBrowser(server.url);

  await stopped;
  process.stderr.write('Stopping SkillMeat web UI...\n');
  await server.close();
  await service.close();
}

/**
 * Resolves on the first stop signal. A Ctrl+C reaches this process once from the terminal and again
 * from wrappers that forward it (npm start), so repeats within a second are the same request; a later
 * one exits at once, without waiting for running work.
 */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      const first = Date.now();
      for (const signal of STOP_SIGNALS) {
        process.off(signal, onSignal);
        process.on(signal, () => {
          if (Date.now() - first > REPEATED_SIGNAL_MS) process.exit(130);
        });
      }
      resolve();
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  });
}

/** Asks the desktop to open `url`; on failure says to open it by hand. Never waits for the browser. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  // child_process is loaded only here: every other command starts without it.
  void import('node:child_process').then(({ spawn }) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', (error) => process.stderr.write(`skillmeat: could not open a browser (${error.message}); open the URL above yourself.\n`));
    child.unref();
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0: a free one).');
  return port;
}
