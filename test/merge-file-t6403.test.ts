// git's own test script for merge-file, t6403-merge-file.sh of git 2.39.5, run against `skillmeat
// merge-file` and, in the same test, against git itself: every case git passes must pass, and every
// file the cases leave behind must be byte for byte the file git's run leaves. The script is a copy
// of git's (GPLv2, attribution in its header) under test/fixtures/git-t6403/, with a small test
// library of ours in place of git's.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';

const SCRIPT = fileURLToPath(new URL('fixtures/git-t6403/t6403-merge-file.sh', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
/** The cases t6403 of git 2.39 holds, and the ones git marks as known breakages (test_expect_failure). */
const CASES = 28;
const KNOWN_BREAKAGES = ['merge without conflict (missing LF at EOF)', 'merge result added missing LF'];
/** Files holding an error message, where ours says more than git's: the case itself checks that git's words are in it. */
const MESSAGE_FILES = ['merge.err'];

interface CaseResult {
  readonly number: number;
  readonly title: string;
  readonly passed: boolean;
}

interface ScriptRun {
  readonly cases: readonly CaseResult[];
  /** Every file the cases left in their folder (but the repository and the logs), by name. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly output: string;
}

/** Runs the script in a fresh folder with `mergeFile` ("git", or the skillmeat bin) as the command under test. */
async function runScript(mergeFile: string): Promise<ScriptRun> {
  const root = await tempDir('skillmeat-t6403-');
  const trash = join(root, 'trash');
  const testDirectory = join(root, 'test-directory');
  await mkdir(trash);
  await mkdir(testDirectory);
  // git's t/test-binary-1.png stands in for any binary file: a PNG header, NUL bytes included.
  await writeFile(join(testDirectory, 'test-binary-1.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
  // What git's test library sets: no user or system configuration, a home of its own, no repository above.
  const env = {
    ...process.env,
    HOME: root,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CEILING_DIRECTORIES: root,
    LC_ALL: 'C',
    TEST_DIRECTORY: testDirectory,
    MERGE_FILE: mergeFile,
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('sh', [SCRIPT], { cwd: trash, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const cases = [...output.matchAll(/^(ok|not ok) (\d+) - (.*?)(?: # TODO .*)?$/gm)].map((m) => ({ number: Number(m[2]), title: m[3]!, passed: m[1] === 'ok' }));
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(trash, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = path.slice(trash.length + 1);
    if (entry.isFile() && !name.startsWith('.git/') && !/^case-\d+\.log$/.test(name)) files.set(name, await readFile(path));
  }
  return { cases, files, output };
}

describe("git's t6403-merge-file.sh", () => {
  it('passes every case git 2.39 passes, leaving the same files as git', async () => {
    const [git, ours] = await Promise.all([runScript('git'), runScript(BIN)]);
    const passedByGit = git.cases.filter((c) => c.passed);
    const passedByUs = ours.cases.filter((c) => c.passed);
    console.info(`t6403 with skillmeat merge-file: ${passedByUs.length} of ${ours.cases.length} cases pass; with git merge-file: ${passedByGit.length}`);

    // git's run is as git's own test suite records it: all cases pass but its two known breakages.
    expect(git.cases.map((c) => c.number)).toEqual(Array.from({ length: CASES }, (_, i) => i + 1));
    expect(git.cases.filter((c) => !c.passed).map((c) => c.title)).toEqual(KNOWN_BREAKAGES);

    expect(ours.cases.map((c) => c.title)).toEqual(git.cases.map((c) => c.title));
    expect(passedByGit.filter((c) => !ours.cases[c.number - 1]!.passed).map((c) => c.title), ours.output).toEqual([]);
    expect([...ours.files.keys()].sort()).toEqual([...git.files.keys()].sort());
    const differing = [...git.files].filter(([name, bytes]) => !MESSAGE_FILES.includes(name) && !ours.files.get(name)?.equals(bytes)).map(([name]) => name);
    expect(differing).toEqual([]);
  }, 120_000);
});
