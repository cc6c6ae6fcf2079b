import { access } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A test hook of web mode, off unless the process that starts `skillmeat ui --web` sets this
 * variable to a folder (the end-to-end fixture does, e2e/fixtures/web-ui.ts). Then a writing
 * operation, once announced, waits while `<folder>/<method>.hold` exists, so a test holds it open
 * for as long as it needs, however fast the machine. Read once, from the environment, at start:
 * no page or other client of web mode can turn it on.
 */
export const OPERATION_GATE_ENV = 'SKILLMEAT_TEST_OPERATION_GATE';

/** How long the gate waits between two looks at a hold file. */
const POLL_MS = 50;

/**
 * The gate `env` asks for, or undefined (no gate: operations run at once). `pause` is what it
 * waits on between two looks (tests pass their own).
 */
export function operationGate(env: NodeJS.ProcessEnv = process.env, pause: () => Promise<unknown> = () => new Promise((resolve) => setTimeout(resolve, POLL_MS))): ((method: string) => Promise<void>) | undefined {
  const folder = env[OPERATION_GATE_ENV];
  if (folder === undefined || folder === '') return undefined;
  // The method is a contract method name (checked before any operation starts): a plain word.
  return async (method) => {
    while (await exists(join(folder, `${method}.hold`))) await pause();
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
