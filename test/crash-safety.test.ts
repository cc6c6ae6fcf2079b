/**
 * The crash harness (issue 4): each writing operation runs in a child process of the real, built
 * core, which is killed with SIGKILL just before its Nth file-system write (test/crash/kill-at-write.js).
 * After each kill the home is re-opened and checked: every side (collections, manual snapshots,
 * the project's .claude/) is wholly in its old or its new state, in commit order; `verify` finds
 * nothing wrong; whatever a kill during a lock's acquisition or release left (a lock of the dead
 * process, a holder file never linked) is taken over by the next process and nothing of it stays;
 * and running the operation again completes it. `npm test` tries a few kill points per operation;
 * `npm run stress:crash` tries every one.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SkillMeat } from '../src/core/skillmeat.js';
import { withWriteLock } from '../src/core/locks/write-lock.js';
import { readTree, workDir, writeTree, type Tree } from './support/fixtures.js';

const CHILD = join(import.meta.dirname, 'crash/crash-child.js');
const KILLER = join(import.meta.dirname, 'crash/kill-at-write.js');
const EVERY_POINT = process.env['SKILLMEAT_CRASH_POINTS'] === 'all';
const SAMPLED_POINTS = 6;
const SIDES = ['collections', 'manual snapshots', 'project'] as const;
type Side = (typeof SIDES)[number];
type State = Record<Side, Tree>;

interface Scenario {
  readonly op: string;
  /** Brings a fresh home and project to the state the operation starts from. */
  readonly setup: (core: SkillMeat, paths: WorkPaths) => Promise<unknown>;
}
interface WorkPaths {
  readonly work: string;
  readonly home: string;
  readonly project: string;
}

const SKILL = '# Alpha\nline 1\nline 2\nline 3\nline 4\nline 5\n';

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}
const inProject = (p: WorkPaths, rel: string) => join(p.project, '.claude', rel);
const inCollection = (p: WorkPaths, rel: string) => join(p.home, 'collections/default', rel);

const deployAlpha = (core: SkillMeat, p: WorkPaths) => core.deploy({ project: p.project, names: ['alpha'] });

const SCENARIOS: readonly Scenario[] = [
  { op: 'deploy', setup: async () => undefined },
  { op: 'undeploy', setup: deployAlpha },
  {
    op: 'sync',
    setup: async (core, p) => {
      await deployAlpha(core, p);
      await edit(inProject(p, 'skills/alpha/SKILL.md'), 'line 1', 'line 1 (project)');
      await edit(inCollection(p, 'skills/alpha/SKILL.md'), 'line 5', 'line 5 (collection)');
    },
  },
  {
    op: 'resolve',
    setup: async (core, p) => {
      await deployAlpha(core, p);
      await edit(inProject(p, 'skills/alpha/SKILL.md'), 'line 3', 'line 3 (project)');
      await edit(inCollection(p, 'skills/alpha/SKILL.md'), 'line 3', 'line 3 (collection)');
      await core.sync({ project: p.project });
    },
  },
  {
    op: 'push',
    setup: async (core, p) => {
      await deployAlpha(core, p);
      await edit(inProject(p, 'skills/alpha/SKILL.md'), 'line 1', 'line 1 (project)');
      await edit(inCollection(p, 'skills/alpha/SKILL.md'), 'line 5', 'line 5 (collection)');
    },
  },
  { op: 'snapshot', setup: deployAlpha },
  {
    op: 'rollback',
    setup: async (core, p) => {
      await core.snapshot('before changes');
      await core.addArtifact(join(p.work, 'sources/delta'));
      await edit(inCollection(p, 'skills/alpha/SKILL.md'), 'line 2', 'line 2 (later)');
    },
  },
  { op: 'add', setup: async () => undefined },
  { op: 'remove', setup: async () => undefined },
];

/** A home with collection "default" (skills alpha, beta; command gamma) and an empty project, built at `work`. */
async function prepare(scenario: Scenario, work: string): Promise<WorkPaths> {
  const paths = { work, home: join(work, 'home'), project: join(work, 'project') };
  await writeTree(join(work, 'sources'), {
    'alpha/SKILL.md': SKILL,
    'alpha/scripts/run.sh': 'echo alpha\n',
    'beta/SKILL.md': '# Beta\n',
    'commands/gamma.md': '# Gamma command\n',
    'delta/SKILL.md': '# Delta\n',
  });
  await chmod(join(work, 'sources/alpha/scripts/run.sh'), 0o755);
  await writeTree(paths.project, { 'README.md': 'a project\n' });
  const core = new SkillMeat({ home: paths.home, now: () => new Date('2026-02-01T08:00:00Z') });
  try {
    await core.init();
    for (const source of ['alpha', 'beta', 'commands/gamma.md']) await core.addArtifact(join(work, 'sources', source));
    await scenario.setup(core, paths);
  } finally {
    await core.close();
  }
  return paths;
}

/** Runs the operation in a child; `killAt` 0 runs it to the end. Resolves to how it ended and the writes it counted. */
function runChild(scenario: Scenario, paths: WorkPaths, killAt: number): Promise<{ signal: NodeJS.Signals | null; code: number | null; writes: number | undefined; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', KILLER, CHILD, JSON.stringify({ ...paths, op: scenario.op })], {
      env: { ...process.env, SKILLMEAT_KILL_AT: String(killAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const counted = /WRITES (\d+)/.exec(stdout);
      resolve({ code, signal, writes: counted ? Number(counted[1]) : undefined, stderr });
    });
  });
}

/** Settles any interrupted operation (as the next writer would), then reads every side and runs `verify`. */
async function recoverAndRead(paths: WorkPaths): Promise<{ state: State; problems: string[] }> {
  const core = new SkillMeat({ home: paths.home });
  try {
    await core.recover([paths.project]);
    const manual = (await core.snapshots()).filter((s) => !s.automatic);
    const verified = await core.verify();
    return {
      state: {
        collections: await readTree(join(paths.home, 'collections')),
        'manual snapshots': Object.fromEntries(manual.map((s) => [s.message, String(s.size_bytes !== null)])),
        // Lock files are not content: takeOverLeftLocks checks them by their own rule.
        project: withoutLockFiles(await readTree(join(paths.project, '.claude'))),
      },
      problems: verified.problems.map((p) => `${p.kind}: ${p.message}`),
    };
  } finally {
    await core.close();
  }
}

/** Kill points to try among `writes`: all of them, or a few spread evenly (always including the first and last). */
function killPoints(writes: number): number[] {
  if (EVERY_POINT || writes <= SAMPLED_POINTS) return Array.from({ length: writes }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: SAMPLED_POINTS }, (_, i) => 1 + Math.round((i * (writes - 1)) / (SAMPLED_POINTS - 1))))];
}

/** Which state each side is in; throws if a side is in neither, or sides are out of commit order. */
function phasesOf(state: State, before: State, after: State): ('old' | 'new')[] {
  const phases = SIDES.filter((side) => !isEqual(before[side], after[side])).map((side) => {
    if (isEqual(state[side], after[side])) return 'new' as const;
    if (isEqual(state[side], before[side])) return 'old' as const;
    throw new Error(`${side} is in neither its old nor its new state:\n${JSON.stringify(state[side], null, 1)}`);
  });
  // Sides are committed in order (collections first): once one is old, every later one must be.
  const firstOld = phases.indexOf('old');
  if (firstOld >= 0 && phases.slice(firstOld).includes('new')) throw new Error(`sides out of commit order: ${phases.join(', ')}`);
  return phases;
}

/** A write lock (`*.lock`, but not a collection's `collection.lock` record) or one of its side files; the match is the lock's name. */
const LOCK_FILE = /^(?!collection\.lock$)(.+\.lock)$|^\.(.+\.lock)\.\d+\.[0-9a-f]{8}\.new$|^\.(.+\.lock)\.[0-9a-f]{32}\.takeover$/;

function withoutLockFiles(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).filter(([path]) => !LOCK_FILE.test(basename(path))));
}

async function lockFilesIn(paths: WorkPaths): Promise<string[]> {
  const found: string[] = [];
  for (const root of [paths.home, paths.project]) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (LOCK_FILE.test(entry.name)) found.push(join(entry.parentPath, entry.name));
    }
  }
  return found.sort();
}

/**
 * Takes every lock the killed child left (as the next process to want it would) and checks that
 * nothing of them stays. A lock that cannot be taken — unreadable, or naming a live process — fails
 * the test with its busy error. Returns how many lock files there were.
 */
async function takeOverLeftLocks(paths: WorkPaths): Promise<number> {
  const left = await lockFilesIn(paths);
  const locks = new Set(left.map((path) => {
    const [, lock, temp, claim] = LOCK_FILE.exec(basename(path))!;
    return join(dirname(path), (lock ?? temp ?? claim)!);
  }));
  for (const lock of locks) await withWriteLock(lock, 'next process', async () => undefined);
  expect(await lockFilesIn(paths)).toEqual([]);
  return left.length;
}

function isEqual(a: Tree, b: Tree): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('crash safety: SIGKILL at file-system writes', () => {
  const figures: string[] = [];

  for (const scenario of SCENARIOS) {
    it(`${scenario.op}: every kill leaves old or new state, verify clean, and a re-run completes it`, { timeout: EVERY_POINT ? 3_600_000 : 120_000 }, async () => {
      const root = workDir('skillmeat-crash-');
      const template = join(root, 'template');
      const work = join(root, 'work');
      // Built once at the path every trial uses (records hold absolute paths), then kept as a template.
      const paths = await prepare(scenario, work);
      execFileSync('cp', ['-a', work, template]);
      const restore = async () => {
        await rm(work, { recursive: true, force: true });
        execFileSync('cp', ['-a', template, work]);
      };

      // Setups edit collection files by hand (lock mismatches verify rightly reports); a kill may add no problem of its own.
      const { state: before, problems: problemsBefore } = await recoverAndRead(paths);
      const reference = await runChild(scenario, paths, 0);
      expect(reference, reference.stderr).toMatchObject({ code: 0, signal: null });
      const after = await recoverAndRead(paths);
      const known = new Set([...problemsBefore, ...after.problems]);
      expect(isEqual(after.state.collections, before.collections) && isEqual(after.state.project, before.project) && isEqual(after.state['manual snapshots'], before['manual snapshots'])).toBe(false);

      const points = killPoints(reference.writes!);
      let killed = 0;
      let undone = 0;
      let lockLeft = 0;
      for (const point of points) {
        await restore();
        const run = await runChild(scenario, paths, point);
        if (run.signal !== 'SIGKILL') expect(run, `kill point ${point}: ${run.stderr}`).toMatchObject({ code: 0 });
        else killed++;
        const { state, problems } = await recoverAndRead(paths);
        expect(problems.filter((p) => !known.has(p)), `kill point ${point}`).toEqual([]);
        const phases = phasesOf(state, before, after.state);
        if ((await takeOverLeftLocks(paths)) > 0) lockLeft++;
        if (phases.includes('old')) {
          undone++;
          const rerun = await runChild(scenario, paths, 0);
          expect(rerun, `re-run after kill point ${point}: ${rerun.stderr}`).toMatchObject({ code: 0, signal: null });
          expect((await recoverAndRead(paths)).state, `re-run after kill point ${point}`).toEqual(after.state);
        }
      }
      figures.push(`${scenario.op}: ${reference.writes} writes, ${points.length} kill points tried, ${killed} killed, ${undone} undone then completed by a re-run, ${lockLeft} left lock files the next process took over, 0 losses`);
      console.log(`crash harness: ${figures.at(-1)}`);
    });
  }
});
