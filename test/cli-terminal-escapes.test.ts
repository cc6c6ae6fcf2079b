import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, writeTree } from './support/fixtures.js';

// Nothing read from a file or a name reaches the terminal raw: in human output controls and
// bidirectional characters are shown as escapes; with --json the document is exact and still safe.

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

const ESC = '\u001b';
const RLO = '\u202e';
const CSI = '\u009b';
/** What a terminal must never receive from us raw. */
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Runs the built `skillmeat` command (npm test builds it first) with a home of its own. */
function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A home whose collection holds skill "canvas", its SKILL.md declaring `version`. */
async function homeWithVersion(version: string): Promise<string> {
  const home = await tempDir('skillmeat-home-');
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': `---\nversion: ${version}\n---\n# Canvas\n` });
  expect(skillmeat(home, 'init').code).toBe(0);
  expect(skillmeat(home, 'add', join(src, 'canvas')).code).toBe(0);
  return home;
}

describe('CLI output of text from files', () => {
  it('list shows a front-matter version holding an escape sequence and a bidi override escaped', async () => {
    const home = await homeWithVersion(`1.0${ESC}[2J${RLO}${CSI}31m`);
    const run = skillmeat(home, 'list');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
    expect(run.stdout).toMatch(/canvas\s+1\.0\\x1b\[2J\\u202e\\x9b31m\s/);
  });

  it('list --json keeps the version exact, with DEL, C1 and bidi characters written as JSON escapes', async () => {
    const version = `1.0${ESC}[2J${RLO}${CSI}31m\u007f`;
    const home = await homeWithVersion(version);
    const run = skillmeat(home, 'list', '--json');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
    expect(run.stdout).toContain('\\u202e');
    expect((JSON.parse(run.stdout) as { artifacts: { version: string }[] }).artifacts[0]?.version).toBe(version);
  });

  it('sync shows a conflicted file whose name holds an escape sequence and a bidi override escaped', async () => {
    const home = await tempDir('skillmeat-home-');
    const project = await tempDir('skillmeat-project-');
    const src = await tempDir();
    const file = `notes${ESC}]0;owned\u0007${RLO}.md`; // a window-title sequence, then an override
    await writeTree(src, { 'canvas/SKILL.md': '# Canvas\n', [`canvas/${file}`]: 'one\ntwo\nthree\n' });
    skillmeat(home, 'init');
    expect(skillmeat(home, 'add', join(src, 'canvas')).code).toBe(0);
    expect(skillmeat(home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    await writeFile(join(home, 'collections/default/skills/canvas', file), 'one\nTWO in the collection\nthree\n');
    await writeFile(join(project, '.claude/skills/canvas', file), 'one\ntwo in the project\nthree\n');
    const run = skillmeat(home, 'sync', project);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
    expect(run.stdout).toContain('canvas/notes\\x1b]0;owned\\x07\\u202e.md: content conflict');
  });

  it('snapshots shows a stored message holding controls escaped', async () => {
    const home = await homeWithVersion('1.0');
    expect(skillmeat(home, 'snapshot', `before ${ESC}[2Jcleanup${RLO}`).code).toBe(0);
    const run = skillmeat(home, 'snapshots');
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
    expect(run.stdout).toContain('before \\x1b[2Jcleanup\\u202e');
  });

  it('an error quoting a name read from collection.toml is escaped on stderr', async () => {
    const home = await homeWithVersion('1.0');
    const manifest = join(home, 'collections/default/collection.toml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('name = "canvas"', 'name = "canvas\\u202Etxt.exe\\u009B2J"'));
    const run = skillmeat(home, 'list');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(manifest);
    expect(run.stderr).not.toMatch(RAW_UNSAFE);
  });
});
