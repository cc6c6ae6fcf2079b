import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterThisTest, tempDir, writeTree } from './support/temp-files.js';
import { RENDERER_FILES, inbox } from './support/web-mode.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

/** A running `skillmeat ui --web` over a fresh home and a tiny renderer, and the URL it printed. */
async function startUi(): Promise<{ child: ChildProcessWithoutNullStreams; url: string; home: string; stderr: () => string }> {
  const home = await tempDir('skillmeat-home-');
  const rendererDir = await tempDir('skillmeat-renderer-');
  await writeTree(rendererDir, RENDERER_FILES);
  const child = spawn(process.execPath, [BIN, '--home', home, 'ui', '--web', '--port', '0', '--renderer-dir', rendererDir]);
  afterThisTest(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^SkillMeat web UI: (\S+)$/m.exec(stdout);
      if (line) resolve(line[1]!);
    });
    child.on('exit', (code) => reject(new Error(`skillmeat ui --web exited (${code}) before printing its URL: ${stderr}`)));
  });
  return { child, url, home, stderr: () => stderr };
}

describe('skillmeat ui --web', () => {
  it('prints the URL of a page served with the CSP, whose socket answers calls against --home', async () => {
    const { url, home } = await startUi();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    const { host, searchParams } = new URL(url);
    const socket = new WebSocket(`ws://${host}/rpc?token=${searchParams.get('token')}`, { origin: `http://${host}` });
    afterThisTest(() => socket.terminate());
    const messages = inbox(socket);
    await messages.waitFor((m) => m.type === 'hello');
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'appInfo', input: {} }));
    expect(await messages.waitFor((m) => m.type === 'result')).toMatchObject({ envelope: { ok: true, value: { home, monitor: { running: true } } } });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s with exit code 0', async (signal) => {
    const { child, url, stderr } = await startUi();
    child.kill(signal);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain('Stopping');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('without --web, says the desktop app starts with npm start and exits 2', async () => {
    const home = await tempDir('skillmeat-home-');
    const run = spawnSync(process.execPath, [BIN, '--home', home, 'ui'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm start');
    expect(run.stderr).toContain('skillmeat ui --web');
  });

  it('without a built renderer, says to run npm run build:app and exits 2', async () => {
    const home = await tempDir('skillmeat-home-');
    const run = spawnSync(process.execPath, [BIN, '--home', home, 'ui', '--web', '--renderer-dir', join(home, 'no-renderer')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run build:app');
  });

  it('refuses a port that is not a number with exit 2', async () => {
    const home = await tempDir('skillmeat-home-');
    const run = spawnSync(process.execPath, [BIN, '--home', home, 'ui', '--web', '--port', 'eighty'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('port');
  });
});
