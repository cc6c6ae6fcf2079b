// A lock-stress child: one of N processes working on the same home and project through the real
// (built) core, each on skills of its own, so that every change it makes must survive whatever the
// others do. Each round, for skill `p<id>r<round>`:
//   add (v1) → snapshot → deploy → edit the project copy (v2) → push → selective rollback to the
//   snapshot (collection files back to v1) → sync (project back to v1) → edit (v3) → push →
//   [even rounds] undeploy → remove. (The second push also brings the skill's collection.lock entry,
//   which a selective rollback leaves as it was, back in line with its files.)
// `adds-only` mode just adds the skills. An operation that finds a lock busy is retried
// after a short pause (waiting can help: a live holder); every other error is reported.
// An operation told that the collection, or the snapshot this child just made, does not exist is
// retried too and counted (`tornReads`): such reads happen without the lock, and a concurrent
// rollback or snapshot has the collection folder or snapshots.toml briefly moved aside (a read
// matter, not a lock one; nothing was written). An operation that reports it did not do what was
// asked (a push or sync that skipped the skill, say) is an error: that would be a silent loss.
// Prints one JSON line: { operations, busyRetries, tornReads, errors, kept, removed }.
// Usage: node [--import lock-probe.js] operations-child.js '{"home":…,"project":…,"work":…,"id":…,"rounds":…,"mode":"mixed"|"adds-only"}'
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// SKILLMEAT_CORE_MODULE runs another build instead (to compare with an older one).
const { SkillMeat } = await import(process.env['SKILLMEAT_CORE_MODULE'] ?? '../../dist/core/skillmeat.js');
const { home, project, work, id, rounds, mode } = JSON.parse(process.argv[2]);
const core = new SkillMeat({ home });
const figures = { operations: 0, busyRetries: 0, tornReads: 0, errors: [], kept: [], removed: [] };
const MAX_RETRIES = 100_000;

// A busy error without a reason (an older build's) counts as waitable.
const isWaitableBusy = (error) => error?.code === 'busy' && ['held', 'contended'].includes(error.details?.reason ?? 'held');

const missingCollection = (error) => error?.code === 'not_found' && String(error.message).startsWith('Collection "default" does not exist');

/**
 * Runs one operation, retrying while a lock is busy (or the read was torn, see above); `check` says
 * what is wrong with its result, if anything. False when it failed (recorded).
 */
async function operation(name, run, { check = () => undefined, isTornRead = missingCollection } = {}) {
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    try {
      const problem = check(await run());
      if (problem !== undefined) {
        figures.errors.push(`${name}: ${problem}`);
        return false;
      }
      figures.operations++;
      return true;
    } catch (error) {
      if (isTornRead(error)) figures.tornReads++;
      else if (isWaitableBusy(error)) figures.busyRetries++;
      else {
        figures.errors.push(`${name}: ${error?.message ?? error}`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5)); // spare the holder some CPU
    }
  }
  figures.errors.push(`${name}: still busy after ${MAX_RETRIES} tries`);
  return false;
}

const content = (name, version) => `# ${name}\n${version}\n`;

async function source(name) {
  const dir = join(work, 'sources', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'SKILL.md'), content(name, 'v1'));
  return dir;
}

/** A sync or push result's problem, unless it updated `name`. */
const updated = (name) => (result) => {
  const mine = result.artifacts.find((a) => a.name === name);
  return mine?.action === 'updated' ? undefined : `${mine ? `${mine.action} (${mine.reason})` : 'not in the result'}, not updated`;
};

async function round(name, keep) {
  const dir = await source(name);
  if (!(await operation(`add ${name}`, () => core.addArtifact(dir)))) return;
  if (mode === 'adds-only') return figures.kept.push(name);
  let snapshot;
  if (!(await operation(`snapshot for ${name}`, async () => (snapshot = await core.snapshot(`before ${name}`))))) return;
  const deployed = (result) => (result.deployed.some((d) => d.name === name && d.action === 'deployed') ? undefined : `not deployed: ${JSON.stringify(result.deployed)}`);
  if (!(await operation(`deploy ${name}`, () => core.deploy({ project, names: [name] }), { check: deployed }))) return;
  await writeFile(join(project, '.claude/skills', name, 'SKILL.md'), content(name, 'v2'));
  if (!(await operation(`push ${name}`, () => core.push({ project, artifacts: [name], strategy: 'overwrite' }), { check: updated(name) }))) return;
  const snapshotMissing = (error) => missingCollection(error) || (error?.code === 'not_found' && String(error.message).includes(snapshot.id));
  const restored = (result) => (result.files_restored.includes(`skills/${name}/SKILL.md`) ? undefined : `restored ${JSON.stringify(result.files_restored)}`);
  if (!(await operation(`rollback ${name}`, () => core.rollback(snapshot.id, { paths: [`skills/${name}`] }), { check: restored, isTornRead: snapshotMissing }))) return;
  if (!(await operation(`sync ${name}`, () => core.sync({ project, artifacts: [name] }), { check: updated(name) }))) return;
  await writeFile(join(project, '.claude/skills', name, 'SKILL.md'), content(name, 'v3'));
  if (!(await operation(`push ${name} again`, () => core.push({ project, artifacts: [name], strategy: 'overwrite' }), { check: updated(name) }))) return;
  if (keep) return figures.kept.push(name);
  if (!(await operation(`undeploy ${name}`, () => core.undeploy({ project, name })))) return;
  if (!(await operation(`remove ${name}`, () => core.removeArtifact(name)))) return;
  figures.removed.push(name);
}

try {
  for (let r = 0; r < rounds; r++) await round(`p${id}r${r}`, r % 2 === 1);
} finally {
  await core.close();
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
