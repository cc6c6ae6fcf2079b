// What a short command loads is what its start-up costs (bench/startup-bench.js): `list` loads
// neither node:crypto (it needs it only to hash a copy the hash index does not vouch for) nor the
// app's contract schemas (zod) nor the TOML patcher; `--version` loads the entry and the version
// only. A module that drags one of them into the common chunk fails here, not just in a benchmark.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

const PROBE = fileURLToPath(new URL('./support/load-probe.cjs', import.meta.url));

/** Runs the CLI and reports the bundle chunks and Node built-ins it loaded. */
function loadsOf(...args: string[]): { chunks: string[]; builtins: string[] } {
  const result = spawnSync(process.execPath, ['-r', PROBE, BIN, ...args], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return JSON.parse(result.stderr.split('\n@@').pop()!) as { chunks: string[]; builtins: string[] };
}

describe('what a short command loads', () => {
  it('--version: the entry and the version, nothing else', async () => {
    const { chunks } = loadsOf('--version');
    expect(chunks.sort()).toEqual(['skillmeat.js', 'version']);
  });

  it('list: no crypto, no schemas, no TOML patcher until it has to hash something', async () => {
    const home = join(await tempDir('skillmeat-loads-home-'), 'home');
    expect(spawnSync(process.execPath, [BIN, '--home', home, 'init']).status).toBe(0);
    const { chunks, builtins } = loadsOf('--home', home, 'list');
    // Nor node:module, which brings Node's ES-module loader (bin/code-cache.js, core/lazy-crypto.ts).
    expect(builtins.filter((name) => /crypto|perf_hooks|^stream$|^module$|esm\/loader/.test(name))).toEqual([]);
    expect(chunks.filter((chunk) => /contract|zod|toml-patch|merge|snapshots|history|server|sources/.test(chunk))).toEqual([]);
    expect(chunks).toContain('common');
  });

  it('the common chunk every command loads holds no schemas, TOML patcher, web server, merge engine or git fetching', async () => {
    const bundle = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
    const map = (await readdir(bundle)).find((name) => /^common-.*\.js\.map$/.test(name))!;
    const { sources } = JSON.parse(await readFile(join(bundle, map), 'utf8')) as { sources: string[] };
    expect(sources.filter((source) => /node_modules\/(zod|@decimalturn|ws|chokidar)\/|src\/(server|core\/merge\/line-)/.test(source))).toEqual([]);
    // Nor what fetches upstream sources (git, tree export): listing shows an artifact's upstream record only.
    expect(sources.filter((source) => /src\/core\/sources\/(?!upstream-record)/.test(source))).toEqual([]);
  });
});
