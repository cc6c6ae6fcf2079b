/**
 * The write lock under real concurrency (issue 9, item 1): separate processes of the built core
 * contend for the same locks, and nothing may overlap or get lost. `npm test` runs small figures;
 * `npm run stress:locks` runs the same tests big (SKILLMEAT_LOCK_STRESS=big) and prints the figures.
 * Nothing here depends on timing: every child retries a busy lock until it has done all its work.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SkillMeat } from '../src/core/skillmeat.js';
import { withWriteLock } from '../src/core/locks/write-lock.js';
import { workDir } from './support/fixtures.js';

const BIG = process.env['SKILLMEAT_LOCK_STRESS'] === 'big';
const HAMMER = join(import.meta.dirname, 'stress/lock-hammer-child.js');
const OPERATIONS = join(import.meta.dirname, 'stress/operations-child.js');
const PROBE = join(import.meta.dirname, 'stress/lock-probe.js');
const TIMEOUT = BIG ? 3_600_000 : 180_000;

/** Runs a node script to its end and parses the JSON line it prints. */
function runChild<T>(args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}:\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T);
    });
  });
}

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

interface HammerFigures {
  acquired: number;
  abandoned: number;
  busy: number;
  overlaps: number;
  errors: string[];
}
interface OperationFigures {
  operations: number;
  busyRetries: number;
  tornReads: number;
  errors: string[];
  kept: string[];
  removed: string[];
}
interface ProbeFigures {
  acquisitions: number;
  overlaps: number;
  takeovers: number;
  overlapped: string[];
}

/** A home with collection "default" and a registered, empty project. */
async function sharedHomeAndProject(root: string): Promise<{ home: string; project: string }> {
  const home = join(root, 'home');
  const project = join(root, 'project');
  await mkdir(project, { recursive: true });
  const core = new SkillMeat({ home });
  try {
    await core.init();
    await core.addProject(project);
  } finally {
    await core.close();
  }
  return { home, project };
}

/** Runs `processes` operation children on one home and project, each under the lock probe. */
async function runOperations(root: string, mode: 'adds-only' | 'mixed', processes: number, rounds: number) {
  const { home, project } = await sharedHomeAndProject(root);
  const probe = join(root, 'probe');
  await mkdir(probe);
  const children = await Promise.all(
    Array.from({ length: processes }, (_, id) =>
      runChild<OperationFigures>(['--import', PROBE, OPERATIONS, JSON.stringify({ home, project, work: join(root, `work-${id}`), id, rounds, mode })], { SKILLMEAT_LOCK_PROBE: probe }),
    ),
  );
  const probes = await Promise.all((await readdir(probe)).filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(probe, name), 'utf8')) as ProbeFigures));
  return { home, project, children, probes };
}

/** What the next process finds: artifacts, files, drift, verify; and every way it differs from what the children expect. */
async function losses(home: string, project: string, kept: readonly string[], removed: readonly string[], version: string): Promise<{ losses: string[]; problems: string[] }> {
  const core = new SkillMeat({ home });
  try {
    const found: string[] = [];
    const listed = new Set((await core.listArtifacts()).map((a) => a.name));
    const [drift] = await core.checkDrift([project]);
    const inSync = new Set(drift!.in_sync.map((entry) => entry.name));
    for (const name of kept) {
      if (!listed.has(name)) found.push(`${name}: missing from the collection`);
      const text = `# ${name}\n${version}\n`;
      const inCollection = await readFile(join(home, 'collections/default/skills', name, 'SKILL.md'), 'utf8').catch(() => 'missing');
      if (inCollection !== text) found.push(`${name}: collection copy is ${JSON.stringify(inCollection)}`);
      if (version !== 'v1') {
        const inProject = await readFile(join(project, '.claude/skills', name, 'SKILL.md'), 'utf8').catch(() => 'missing');
        if (inProject !== text) found.push(`${name}: project copy is ${JSON.stringify(inProject)}`);
        if (!inSync.has(name)) found.push(`${name}: not deployed in sync`);
      }
    }
    for (const name of removed) if (listed.has(name) || inSync.has(name)) found.push(`${name}: still there after remove`);
    for (const name of listed) if (!kept.includes(name)) found.push(`${name}: in the collection, but no child kept it`);
    for (const entry of drift!.drift) found.push(`${entry.name}: drift ${entry.drift_type}`);
    const problems = (await core.verify()).problems.map((p) => `${p.kind}: ${p.message}`);
    return { losses: found, problems };
  } finally {
    await core.close();
  }
}

/** Lock files or lock side files left anywhere under `root` (locks are all released by now). */
async function lockLitter(...roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (/\.lock$|\.lock\.\d+\.[0-9a-f]{8}\.new$|\.lock\.[0-9a-f]{32}\.takeover$/.test(entry.name) && entry.name !== 'collection.lock') found.push(join(entry.parentPath, entry.name));
    }
  }
  return found;
}

describe('the write lock across processes', () => {
  it('many processes hammering one lock never overlap, also while racing to take over locks left by dead holders', { timeout: TIMEOUT }, async () => {
    const [processes, times, abandonEvery] = BIG ? [8, 1_000, 10] : [4, 60, 4];
    const dir = workDir('skillmeat-hammer-');
    const lock = join(dir, 'x.lock');
    const children = await Promise.all(Array.from({ length: processes }, () => runChild<HammerFigures>([HAMMER, lock, join(dir, 'inside'), String(times), String(abandonEvery)])));

    expect(children.flatMap((c) => c.errors)).toEqual([]);
    expect(sum(children, (c) => c.overlaps)).toBe(0);
    expect(sum(children, (c) => c.acquired)).toBe(processes * times);
    // The last holder may have left as a dead one would: the next takes its lock over, and nothing stays.
    await withWriteLock(lock, 'after', async () => undefined);
    expect(await readdir(dir)).toEqual([]);
    console.log(
      `lock hammer: ${processes} processes × ${times} acquisitions = ${sum(children, (c) => c.acquired)} held, ` +
        `${sum(children, (c) => c.abandoned)} left by a "dead" holder and taken over, ${sum(children, (c) => c.busy)} busy retries, 0 overlaps`,
    );
  });

  it('processes adding their own skills at the same time lose none, and verify is clean', { timeout: TIMEOUT }, async () => {
    const [processes, rounds] = BIG ? [8, 25] : [6, 8];
    const root = workDir('skillmeat-add-race-');
    const { home, project, children, probes } = await runOperations(root, 'adds-only', processes, rounds);

    expect(children.flatMap((c) => c.errors)).toEqual([]);
    expect(sum(probes, (p) => p.overlaps)).toBe(0);
    const kept = children.flatMap((c) => c.kept);
    expect(kept).toHaveLength(processes * rounds);
    expect(await losses(home, project, kept, [], 'v1')).toEqual({ losses: [], problems: [] });
    expect(await lockLitter(home, project)).toEqual([]);
    console.log(`add race: ${processes} processes × ${rounds} adds, ${sum(children, (c) => c.busyRetries)} busy retries, ${sum(probes, (p) => p.acquisitions)} lock acquisitions, 0 overlaps, 0 losses, verify clean`);
  });

  it('processes running add, snapshot, deploy, push, rollback, sync, undeploy and remove on one home and project lose nothing', { timeout: TIMEOUT }, async () => {
    const [processes, rounds] = BIG ? [6, 6] : [3, 2];
    const root = workDir('skillmeat-mixed-');
    const { home, project, children, probes } = await runOperations(root, 'mixed', processes, rounds);

    const errors = children.flatMap((c) => c.errors);
    const overlaps = sum(probes, (p) => p.overlaps);
    const takeovers = sum(probes, (p) => p.takeovers);
    const { losses: lost, problems } = await losses(home, project, children.flatMap((c) => c.kept), children.flatMap((c) => c.removed), 'v3');
    const litter = await lockLitter(home, project);
    console.log(
      `lock stress: ${processes} processes × ${rounds} rounds, ${sum(children, (c) => c.operations)} operations ` +
        `(add, snapshot, deploy, push, rollback, sync, push, undeploy, remove), ${sum(children, (c) => c.busyRetries)} busy retries, ` +
        `${sum(children, (c) => c.tornReads)} retries after an unlocked read found the collection or a snapshot missing, ` +
        `${sum(probes, (p) => p.acquisitions)} lock acquisitions, ${overlaps} overlaps, ${takeovers} takeovers, ${lost.length} losses, ` +
        `${problems.length} verify problems, ${errors.length} errors, ${litter.length} lock files left`,
    );
    expect(errors).toEqual([]);
    expect({ overlaps, takeovers, lost, problems, litter }).toEqual({ overlaps: 0, takeovers: 0, lost: [], problems: [], litter: [] });
    expect(children.flatMap((c) => [...c.kept, ...c.removed])).toHaveLength(processes * rounds);
  });
});
