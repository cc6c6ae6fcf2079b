// Drift at scale: 100 projects × 50 artifacts (~25,000 deployed files), checked by SkillMeat
// against 100 sequential `git status` runs over the same files (issue 2's targets: warm ≤ 0.25×,
// cold ≤ 0.75× of git's time).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { SkillMeat } from '../dist/core/skillmeat.js';
import { fmt, median, ratio, time } from './measure.js';

const PROJECTS = 100;
const SKILLS = 40; // × 6 files
const COMMANDS = 6;
const AGENTS = 4; // 40 + 6 + 4 = 50 artifacts, 256 files per project
const CHECKER = fileURLToPath(new URL('./drift-check-child.js', import.meta.url));

/** Builds the fixture, times git and SkillMeat on it, prints the ratios. */
export async function runDriftBenchmark() {
  const root = await mkdtemp(join(tmpdir(), 'skillmeat-bench-drift-'));
  try {
    const { home, projects, files } = await buildFixture(root);
    console.log(`drift: ${PROJECTS} projects × ${SKILLS + COMMANDS + AGENTS} artifacts (${files.toLocaleString('en')} deployed files)`);

    for (const project of projects) gitInit(project);
    for (const project of projects) git(project, 'status', '--porcelain'); // warm git's index, as a user's would be
    // Files younger than the hash cache's racy window are (rightly) never trusted; let them age, as real files are.
    await sleep(2_500);

    const gitMs = median(Array.from({ length: 5 }, () => time(() => { for (const p of projects) git(p, 'status', '--porcelain'); })));
    // First ever: nothing known, every byte read. It leaves the hash index behind, as any use does.
    const first = checkInNewProcess(home);
    // Cold: a new process (the CLI, or the app after a restart) with the hash index of earlier runs.
    const colds = [checkInNewProcess(home), checkInNewProcess(home), checkInNewProcess(home)];
    const cold = median(colds.map((c) => c.coldMs));
    const warm = median(colds.flatMap((c) => c.warmMs));
    const refresh = median(colds.flatMap((c) => c.refreshMs.slice(1)));

    console.log(`  git status × ${PROJECTS} (sequential, median of 5)                  ${fmt(gitMs)}`);
    console.log(`  skillmeat drift, warm (same process, median of 15 rounds)      ${fmt(warm)}  ${ratio(warm, gitMs)}  (target ≤ 0.25×)`);
    console.log(`  skillmeat drift, cold (new process, hash index on disk, med 3) ${fmt(cold)}  ${ratio(cold, gitMs)}  (target ≤ 0.75×)`);
    console.log(`  skillmeat drift, first ever (nothing known: every byte read)   ${fmt(first.coldMs)}  ${ratio(first.coldMs, gitMs)}`);
    console.log(`  cache database refresh behind each round (warm, median)        ${fmt(refresh)}  (not in the times above)`);
    console.log(`  (${first.needsAction} projects report drift needing action, as planted)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** A home with one collection of 50 artifacts, deployed into 100 projects; 10 projects get local edits. */
async function buildFixture(root) {
  const home = join(root, 'home');
  const sources = join(root, 'sources');
  const core = new SkillMeat({ home });
  await core.init();
  const names = [];
  for (let i = 0; i < SKILLS; i++) {
    const dir = join(sources, `skill-${i}`);
    await writeFiles(dir, {
      'SKILL.md': `---\nname: skill-${i}\nversion: 1.0.${i}\n---\n# Skill ${i}\n${'Instructions line.\n'.repeat(40)}`,
      'reference.md': `# Reference ${i}\n${'Detail.\n'.repeat(120)}`,
      'examples/one.md': `Example one of ${i}\n`,
      'examples/two.md': `Example two of ${i}\n`,
      'scripts/run.sh': `#!/bin/sh\necho skill ${i}\n`,
      'scripts/helper.py': `print("helper ${i}")\n`,
    });
    names.push((await core.addArtifact(dir)).name);
  }
  for (let i = 0; i < COMMANDS; i++) {
    const file = join(sources, 'commands', `command-${i}.md`);
    await writeFiles(join(sources, 'commands'), { [`command-${i}.md`]: `# Command ${i}\n${'Step.\n'.repeat(30)}` });
    names.push((await core.addArtifact(file, { type: 'command' })).name);
  }
  for (let i = 0; i < AGENTS; i++) {
    const file = join(sources, 'agents', `agent-${i}.md`);
    await writeFiles(join(sources, 'agents'), { [`agent-${i}.md`]: `---\nname: agent-${i}\n---\n${'Role.\n'.repeat(30)}` });
    names.push((await core.addArtifact(file, { type: 'agent' })).name);
  }
  const projects = [];
  let files = 0;
  for (let p = 0; p < PROJECTS; p++) {
    const project = join(root, 'projects', `project-${p}`);
    await mkdir(project, { recursive: true });
    await core.deploy({ names, project });
    await core.addProject(project);
    if (p % 10 === 0) await writeFile(join(project, '.claude/skills/skill-3/SKILL.md'), '# edited locally\n');
    projects.push(project);
    files += SKILLS * 6 + COMMANDS + AGENTS;
  }
  await core.close();
  return { home, projects, files };
}

/** Runs the checker in a fresh process: one cold round, then five warm ones. */
function checkInNewProcess(home) {
  const child = spawnSync(process.execPath, [CHECKER, home, '6'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`drift checker failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

async function writeFiles(root, tree) {
  for (const [rel, content] of Object.entries(tree)) {
    const path = join(root, rel);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content);
  }
}

function gitInit(project) {
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'deployed');
}

function git(cwd, ...args) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
}
