// Bundles the `skillmeat` command into dist/bundle/ (npm run build:node runs it after tsc).
//
// Why: a process that imports ~300 compiled modules one by one spends most of its start-up finding,
// reading and linking them. One entry file, with each command's heavy parts in chunks loaded only
// when that command runs (dynamic import() in the sources), starts within a few tens of
// milliseconds of plain `node` (bench/startup-bench.js measures it). Dependencies are bundled too,
// except the ones that cannot be: better-sqlite3 (a native addon) and TypeORM (loads drivers by
// name at run time); both are only ever loaded lazily, by the cache.
//
// Chunks sit flat beside the entry so paths taken from import.meta.url stay what they are in dist/
// (the hashing worker beside worker-hasher's code; ../../out/renderer from the `ui` command).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist', 'bundle');

/** Left to Node's resolver at run time: native addons, run-time driver loading, and ws's optional natives. */
const EXTERNAL = [/^better-sqlite3(\/|$)/, /^typeorm(\/|$)/, /^bufferutil$/, /^utf-8-validate$/, /^fsevents$/];

/** Areas of src/core loaded only by the commands that use them; the rest of the core is common. */
const ON_DEMAND = new Set(['cache', 'deploy', 'drift', 'history', 'merge', 'monitor', 'service', 'snapshots', 'sources', 'sync', 'verify', 'versions']);
/**
 * Modules of on-demand areas that common code imports: content hashing reads files as merges do, and
 * listing the collection shows each artifact's upstream record (fetching and exporting stay apart).
 */
const COMMON_FILES = [/src[\\/]core[\\/]merge[\\/](file-map|binary)\.ts$/, /src[\\/]core[\\/]sources[\\/]upstream-record\.ts$/];
/** Modules of common areas that only some commands load (worker threads are costly to load). */
const ON_DEMAND_FILES = new Map([
  [/src[\\/]core[\\/]hash[\\/]worker-hasher\.ts$/, 'drift'],
  [/src[\\/]cli[\\/]render-history\.ts$/, 'history'],
  // Shared with the app, and on the command line only used by the areas they go with.
  [/src[\\/]shared[\\/]history-graph\.ts$/, 'history'],
  [/src[\\/]shared[\\/](socket-frames|contract-names)\.ts$/, 'contract'],
  [/src[\\/]shared[\\/]content-security-policy\.ts$/, 'server'],
]);
/** Dependencies that are large and needed by few commands. */
const ON_DEMAND_PACKAGES = new Set(['zod', '@decimalturn/toml-patch', 'ws', 'chokidar', 'readdirp']);

/** The chunk a module goes in (see codeSplitting above). */
function areaOf(id) {
  const path = id.split('\\').join('/');
  // The entries stay what they are: the command's first file, and the hashing worker.
  if (/\/src\/(cli\/main|core\/hash\/hash-worker)\.ts$/.test(path)) return null;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg !== undefined) return ON_DEMAND_PACKAGES.has(pkg) ? pkg.replace(/^@[^/]+\//, '') : 'common';
  if (COMMON_FILES.some((pattern) => pattern.test(path))) return 'common';
  for (const [pattern, area] of ON_DEMAND_FILES) if (pattern.test(path)) return area;
  const area = /\/src\/(core|shared|cli|server)\/(?:([^/]+)\/)?/.exec(path);
  if (area === null) return 'common';
  if (area[1] === 'server') return 'server';
  // git merge-file's drop-in goes with the merge engine it runs.
  if (area[1] === 'cli' && area[2] === 'merge-file') return 'merge';
  if (area[1] === 'core' && area[2] !== undefined && ON_DEMAND.has(area[2])) return area[2];
  // The shared schemas (zod) are for the app's contract, not for the command line.
  if (area[1] === 'shared' && /\/(results|contract|socket-protocol|merge-results|snapshot-results|history-results|drift-summary)\.ts$/.test(path)) return 'contract';
  return 'common';
}

/**
 * commander requires child_process at load time, for subcommands run as separate executables, which
 * `skillmeat` has none of; loading it costs every command ~5 ms. Its one use is made lazy. The
 * build fails, rather than silently losing the gain, if a new commander spells that line otherwise.
 */
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  transform(code, id) {
    if (!/node_modules[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager)) throw new Error(`${id}: the line to make lazy (${eager}) is not there any more; update scripts/build-cli.js.`);
    // One line for one line: the module's source map stays right.
    return { code: code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), map: null };
  },
};

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
const bundle = await rolldown({
  input: {
    skillmeat: join(root, 'src', 'cli', 'main.ts'),
    'hash-worker': join(root, 'src', 'core', 'hash', 'hash-worker.ts'),
  },
  platform: 'node',
  plugins: [lazyChildProcessInCommander],
  external: (id) => EXTERNAL.some((pattern) => pattern.test(id)),
  transform: { target: 'node20' },
  logLevel: 'warn',
});
await bundle.write({
  dir: outDir,
  format: 'cjs',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  minify: true,
  // import() of a dependency becomes require(): every dependency here is CommonJS, and a chunk
  // compiled from its V8 code cache (bin/code-cache.js) cannot run import() on Node 20.
  dynamicImportInCjs: false,
  // A chunk per area of the code rather than per dynamic import: loading a few dozen tiny files
  // costs more than parsing what they hold. What every command needs is one chunk; each area a
  // command loads on demand (sync, snapshots, history, the web server, …) is one more.
  // Common first (its dependencies come with it), then one chunk per on-demand area.
  codeSplitting: {
    groups: [
      // Its own chunk: the entry imports it for `--version`, and code the entry loads later imports it
      // too; inside the entry, that would be an import cycle through the entry's top-level await.
      { name: 'version', test: /src[\\/]core[\\/]version\.ts$/, priority: 3 },
      // Small leaves every area uses (errors, atomic writes, terminal output): merge-file needs them
      // without the rest of the common chunk.
      { name: 'base', test: /src[\\/](core[\\/](errors|fs[\\/]atomic-write|merge[\\/](binary|file-map))|cli[\\/](terminal-text|process-streams))\.ts$/, priority: 3 },
      // The merge engine before the rest: merge-file loads it and nothing else of the core.
      { name: 'merge', test: (id) => areaOf(id) === 'merge' && !COMMON_FILES.some((pattern) => pattern.test(id)), priority: 2.5 },
      { name: 'common', test: (id) => areaOf(id) === 'common', priority: 2 },
      { name: areaOf, debugName: 'areas', priority: 1 },
    ],
  },
  sourcemap: true,
});
await bundle.close();
// The folder's files are CommonJS, whatever the package's "type" says.
await writeFile(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
await refuseDynamicImports();
await writeCodeCaches();
console.log(`Bundled the CLI into ${outDir} in ${Date.now() - started} ms.`);

/** A chunk run from its code cache cannot import() on Node 20 (bin/code-cache.js): the build fails on one rather than the command at run time. */
async function refuseDynamicImports() {
  for (const name of await readdir(outDir)) {
    if (name.endsWith('.js') && /\bimport\(/.test(await readFile(join(outDir, name), 'utf8'))) {
      throw new Error(`${name} calls import(): make that dependency a require() (see dynamicImportInCjs above), or the command fails when run from its code cache.`);
    }
  }
}

/**
 * Runs a few commands, in a throwaway home, so that the launcher keeps V8's code cache of each chunk
 * they load (bin/code-cache.js). A chunk's cache is the last run's that loaded it: the everyday
 * `list` goes last, so the common chunk's cache holds what it compiled.
 */
async function writeCodeCaches() {
  const scratch = await mkdtemp(join(tmpdir(), 'skillmeat-code-cache-'));
  try {
    const home = join(scratch, 'home');
    const skill = join(scratch, 'skill');
    await mkdir(skill);
    await writeFile(join(skill, 'SKILL.md'), '---\nname: skill\ndescription: A skill\n---\n# Skill\n');
    for (const [name, text] of [['base', 'a\nb\nc\nd\ne\n'], ['local', 'A\nb\nc\nd\ne\n'], ['remote', 'a\nb\nc\nd\nE\n']]) await writeFile(join(scratch, name), text);
    const runs = [['--help'], ['--home', home, 'init'], ['--home', home, 'add', skill], ['merge-file', '-p', 'local', 'base', 'remote'], ['--home', home, 'list']];
    for (const args of runs) {
      const run = spawnSync(process.execPath, [join(root, 'bin', 'skillmeat.js'), ...args], {
        cwd: scratch,
        env: { ...process.env, SKILLMEAT_CODE_CACHE: 'write', SKILLMEAT_HOME: home },
        encoding: 'utf8',
      });
      // merge-file exits with its conflict count (none here); anything else failing is a broken build.
      if (run.status !== 0) throw new Error(`skillmeat ${args.join(' ')} failed while writing the code caches (${run.status}): ${run.stderr}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
