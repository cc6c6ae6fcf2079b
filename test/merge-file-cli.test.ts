// `skillmeat merge-file` must be a drop-in for `git merge-file` (2.39): the same options read by
// the same rules (abbreviations, negations, bundles), the same bytes on stdout or in CURRENT, the
// same messages on a usage error, the same exit code (the number of conflicts, 127 at most; 255 on
// failure; 129 on a usage error), and merge.conflictStyle taken from git's configuration inside a
// repository. Generated cases as in merge-git-agreement.test.ts, fewer (each spawn costs ~0.1-0.3
// s), worked on as bytes: CRLF files, missing final newlines and bytes that are not valid UTF-8.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMergeFileArgs } from '../src/cli/merge-file/merge-file-options.js';
import { tempDir } from './support/fixtures.js';
import { packageTextCorpus, seeded } from './support/merge-corpus.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
const CASES_PER_VARIANT = 10;
const PARALLEL = 6;
const FILES = ['local', 'base', 'remote'] as const;

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a command in `cwd`, with no git configuration that could change merge output (unless `env` brings some). */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const fullEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: dirname(cwd), ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(chunks), stderr }));
  });
}

const skillmeat = (cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv) => run(process.execPath, [BIN, 'merge-file', ...args], cwd, env);
const git = (cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv) => run('git', ['merge-file', ...args], cwd, env);

/** git's usage and messages name git's command; ours name ours, and are otherwise the same. */
function asOurs(text: string): string {
  return text.replaceAll('git merge-file', 'skillmeat merge-file');
}

/** Writes local, base and remote into `dir`; text is taken as one byte per character (latin1). */
async function writeCase(dir: string, mergeCase: MergeCase): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const side of FILES) await writeFile(join(dir, side), Buffer.from(mergeCase[side], 'latin1'));
}

/**
 * Runs skillmeat and git with `args` on a copy of the case each (so that merging into CURRENT can
 * be compared too) and lists what differs: exit code, stdout, stderr or CURRENT's bytes afterwards.
 */
async function differences(root: string, mergeCase: MergeCase, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<{ differ: string[]; gitStatus: number | null }> {
  const [ourDir, gitDir] = [join(root, 'ours', mergeCase.name), join(root, 'git', mergeCase.name)];
  await writeCase(ourDir, mergeCase);
  await writeCase(gitDir, mergeCase);
  const [ours, theirs] = await Promise.all([skillmeat(ourDir, args, env), git(gitDir, args, env)]);
  const differ: string[] = [];
  if (ours.status !== theirs.status) differ.push(`exit ${ours.status} vs git's ${theirs.status}`);
  if (!ours.stdout.equals(theirs.stdout)) differ.push('stdout');
  if (ours.stderr !== asOurs(theirs.stderr)) differ.push(`stderr ${JSON.stringify(ours.stderr)} vs git's ${JSON.stringify(theirs.stderr)}`);
  if (!(await readFile(join(ourDir, 'local'))).equals(await readFile(join(gitDir, 'local')))) differ.push('CURRENT afterwards');
  return { differ: differ.map((d) => `${mergeCase.name}: ${d}`), gitStatus: theirs.status };
}

/** A command line to try on the generated merges; the three files are added at the end. */
interface Variant {
  readonly name: string;
  readonly args: readonly string[];
}

const VARIANTS: readonly Variant[] = [
  { name: 'merge style', args: ['-p'] },
  { name: 'diff3 style', args: ['-p', '--diff3'] },
  { name: 'zdiff3 style', args: ['-p', '--zdiff3'] },
  { name: '--ours', args: ['-p', '--ours'] },
  { name: '--theirs', args: ['-p', '--theirs'] },
  { name: '--union', args: ['-p', '--union'] },
  { name: '--union with --zdiff3', args: ['--stdout', '--union', '--zdiff3'] },
  { name: 'marker size as the next argument', args: ['-p', '--marker-size', '10', '--diff3'] },
  { name: 'marker size after =, with -q', args: ['-q', '--marker-size=3', '-p'] },
  { name: 'merging into CURRENT, quietly', args: ['--quiet', '--zdiff3'] },
  { name: 'abbreviations: --std --zd --un --mark=9', args: ['--std', '--zd', '--un', '--mark=9'] },
  { name: 'negations: the last of each setting wins', args: ['-p', '--diff3', '--no-diff3', '--ours', '--no-o', '--marker-size=4', '--no-marker-size'] },
  { name: 'negations, abbreviated: --no-std then -p', args: ['--no-std', '-pq', '--no-q', '--zdiff3', '--no-zd', '--theirs', '--no-th', '--union'] },
  { name: 'bundled short options and -L values in the same argument', args: ['-qpLmine', '-Lbase-label', '--diff3'] },
  { name: 'labels with line breaks, and an empty one', args: ['-p', '--diff3', '-L', 'one\ntwo', '-L', 'base\r\nline', '-L', ''] },
  { name: '-- before the files', args: ['-p', '--zdiff3', '--'] },
];

describe('skillmeat merge-file agrees with git merge-file', () => {
  const cases = generateCases(CASES_PER_VARIANT, 5_000);

  it(`prints the same bytes, writes the same CURRENT and exits the same on ${CASES_PER_VARIANT} generated merges, with each of ${VARIANTS.length} command lines`, async () => {
    const root = await tempDir('skillmeat-merge-file-');
    const jobs = VARIANTS.flatMap((variant, v) => cases.map((mergeCase) => ({ variant, mergeCase: { ...mergeCase, name: `${mergeCase.name}-v${v}` } })));
    const disagreements: string[] = [];
    let conflicted = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const { variant, mergeCase } = jobs[next++]!;
        const result = await differences(root, mergeCase, [...variant.args, ...FILES]);
        if (variant.name === 'merge style' && result.gitStatus !== 0) conflicted++;
        disagreements.push(...result.differ.map((d) => `${variant.name}, ${d}`));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(disagreements).toEqual([]);
    expect(conflicted).toBeGreaterThan(CASES_PER_VARIANT / 5); // the corpus really exercises conflicts
  }, 180_000);

  it('takes options after the files, as git does', async () => {
    const result = await differences(await tempDir(), cases[0]!, [...FILES, '-p', '--diff3', '-L', 'mine']);
    expect(result.differ).toEqual([]);
  });

  it('reaches the same command after global options (skillmeat --home DIR merge-file …), git\'s parser included', async () => {
    const dir = await tempDir();
    await writeCase(dir, cases[1]!);
    const args = ['--std', '--zd', '-L', '--home', '--', ...FILES];
    const [ours, theirs] = await Promise.all([run(process.execPath, [BIN, '--home', dir, 'merge-file', ...args], dir), git(dir, args)]);
    expect(ours.status).toBe(theirs.status);
    expect(ours.stdout).toEqual(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
  });

  it('merges into CURRENT when -p is not given, as git does, leaving BASE and OTHER alone', async () => {
    const mergeCase = { name: 'in-place', base: 'a\nb\nc\nd\ne\n', local: 'A\nb\nc\nd\ne\n', remote: 'a\nb\nc\nd\nE\n' };
    const ours = join(await tempDir(), 'ours');
    const theirs = join(await tempDir(), 'theirs');
    await writeCase(ours, mergeCase);
    await writeCase(theirs, mergeCase);
    expect((await skillmeat(ours, FILES)).status).toBe(0);
    expect((await git(theirs, FILES)).status).toBe(0);
    expect(await readFile(join(ours, 'local'), 'utf8')).toBe('A\nb\nc\nd\nE\n');
    expect(await readFile(join(ours, 'local'))).toEqual(await readFile(join(theirs, 'local')));
    expect(await readFile(join(ours, 'base'), 'utf8')).toBe(mergeCase.base);
    expect(await readFile(join(ours, 'remote'), 'utf8')).toBe(mergeCase.remote);
  });

  it('writes conflict markers into CURRENT and keeps its permissions', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'markers', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    await chmod(join(dir, 'local'), 0o755);
    expect((await skillmeat(dir, FILES)).status).toBe(1);
    expect(await readFile(join(dir, 'local'), 'utf8')).toBe('<<<<<<< local\nours\n=======\ntheirs\n>>>>>>> remote\n');
    expect((await stat(join(dir, 'local'))).mode & 0o777).toBe(0o755);
  });

  it('labels the conflict with the file names as given when no -L is given', async () => {
    const dir = await tempDir();
    await writeCase(join(dir, 'sub'), { name: 'labels', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const args = ['-p', '--diff3', 'sub/local', './sub/base', 'sub/remote'];
    const [ours, theirs] = await Promise.all([skillmeat(dir, args), git(dir, args)]);
    expect(ours.stdout.toString()).toBe('<<<<<<< sub/local\nours\n||||||| ./sub/base\na\n=======\ntheirs\n>>>>>>> sub/remote\n');
    expect(ours.stdout).toEqual(theirs.stdout);
  });

  it('uses the -L labels it is given, in order, and the file names for the rest', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'some-labels', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const args = ['-p', '--diff3', '-L', 'mine', 'local', 'base', 'remote'];
    const [ours, theirs] = await Promise.all([skillmeat(dir, args), git(dir, args)]);
    expect(ours.stdout.toString()).toBe('<<<<<<< mine\nours\n||||||| base\na\n=======\ntheirs\n>>>>>>> remote\n');
    expect(ours.stdout).toEqual(theirs.stdout);
  });

  it('exits with the number of conflict hunks (here three, each four lines from the next)', async () => {
    const dir = await tempDir();
    const block = (mark: string) => ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].map((line, i) => (i % 5 === 0 ? `${mark}${line}` : line)).join('\n') + '\n';
    await writeCase(dir, { name: 'three', base: block(''), local: block('ours-'), remote: block('theirs-') });
    const [ours, theirs] = await Promise.all([skillmeat(dir, ['-p', ...FILES]), git(dir, ['-p', ...FILES])]);
    expect(ours.status).toBe(3);
    expect(theirs.status).toBe(3);
  });

  it('caps the exit code at 127 conflicts, as git does', async () => {
    const dir = await tempDir();
    const lines = (mark: string) => Array.from({ length: 150 }, (_, i) => `${mark}${i}\nkeep\nkeep\nkeep\nkeep\n`).join('');
    await writeCase(dir, { name: 'many', base: lines('base-'), local: lines('ours-'), remote: lines('theirs-') });
    const [ours, theirs] = await Promise.all([skillmeat(dir, ['-p', ...FILES]), git(dir, ['-p', ...FILES])]);
    expect(ours.status).toBe(127);
    expect(ours.stdout).toEqual(theirs.stdout);
    expect(theirs.status).toBe(127);
  });

  it('merges inputs past a mebibyte (those it has V8 compile ahead for) byte for byte as git does', async () => {
    const dir = await tempDir();
    const random = seeded(15);
    // Repeated lines (blank, braces), CRLF lines, a pair of lines with the same 32-bit hash
    // (yaczfa / glbppa, byte-line-ids.ts walks sides by hash), edits on both sides, a conflict and
    // a last line without a newline.
    const base = Array.from({ length: 60_000 }, (_, i) =>
      i % 7 === 0 ? '\n' : i % 11 === 0 ? '}\n' : i % 13 === 0 ? `crlf ${i}\r\n` : i === 20_001 ? 'yaczfa\n' : `  line ${i} = value_${Math.floor(random() * 1000)};\n`,
    );
    const edit = (every: number, offset: number, tag: string) => base.map((line, i) => (i % every === offset ? `  ${tag} ${i}\n` : line));
    const local = edit(97, 5, 'ours');
    const remote = edit(89, 40, 'theirs');
    // Both sides change that line: a conflict, unless ours were taken for the base's line.
    [local[20_001], remote[20_001]] = ['glbppa\n', 'theirs changed it\n'];
    [local[30_001], remote[30_001]] = ['ours wins\n', 'theirs wins\n'];
    const text = (lines: string[]) => `${lines.join('')}end without a newline`;
    await writeCase(dir, { name: 'large', base: text(base), local: text(local), remote: text(remote) });
    expect((await stat(join(dir, 'base'))).size).toBeGreaterThan(1 << 20);
    const [ours, theirs] = await Promise.all([skillmeat(dir, ['-p', ...FILES]), git(dir, ['-p', ...FILES])]);
    expect(ours.status).toBeGreaterThan(0);
    expect([ours.status, ours.stdout.equals(theirs.stdout)]).toEqual([theirs.status, true]);
  });

  it('refuses a binary file with exit code 255 and a message, leaving CURRENT untouched', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'binary', base: 'a\n', local: 'ours\n', remote: 'PNG\0\x01' });
    const [ours, theirs] = await Promise.all([skillmeat(dir, FILES), git(dir, ['-p', ...FILES])]);
    expect(ours.status).toBe(255);
    expect(theirs.status).toBe(255);
    // git's words first, then what to do about it
    expect(theirs.stderr).toBe('error: Cannot merge binary files: remote\n');
    expect(ours.stderr).toMatch(/^error: Cannot merge binary files: remote .*Choose one version instead\.\n$/);
    expect(ours.stdout.length).toBe(0);
    expect(await readFile(join(dir, 'local'), 'utf8')).toBe('ours\n');
  });

  it('exits 255 with a message naming a file that does not exist', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'missing', base: 'a\n', local: 'b\n', remote: 'c\n' });
    const [ours, theirs] = await Promise.all([skillmeat(dir, ['-p', 'local', 'base', 'nowhere']), git(dir, ['-p', 'local', 'base', 'nowhere'])]);
    expect(theirs.status).toBe(255);
    expect(ours.status).toBe(255);
    expect(theirs.stderr).toBe('error: Could not stat nowhere: No such file or directory\n');
    expect(ours.stderr).toBe('error: Could not stat nowhere: No such file or directory. Check the path and try again.\n');
  });

  it('prints nothing on stderr with -q, even when it fails (git silences its errors), and nothing about conflicts without it', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'quiet', base: 'a\n', local: 'ours\n', remote: 'PNG\0\x01' });
    for (const args of [['-q', ...FILES], ['-p', '--quiet', 'local', 'base', 'nowhere']]) {
      const [ours, theirs] = await Promise.all([skillmeat(dir, args), git(dir, args)]);
      expect([ours.status, ours.stderr]).toEqual([255, '']);
      expect([theirs.status, theirs.stderr]).toEqual([255, '']);
    }
    await writeCase(dir, { name: 'conflict', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const [ours, theirs] = await Promise.all([skillmeat(dir, ['-p', ...FILES]), git(dir, ['-p', ...FILES])]);
    expect([ours.status, ours.stderr]).toEqual([1, '']);
    expect([theirs.status, theirs.stderr]).toEqual([1, '']);
  });

  it('takes a marker size as git reads it: 0 or less is the default, a number past 32 bits wraps as C casts it', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'sizes', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    for (const size of ['0', '-3', '1', ' +2', '4294967299', '100000']) {
      const args = ['-p', '--diff3', `--marker-size=${size}`, ...FILES];
      const [ours, theirs] = await Promise.all([skillmeat(dir, args), git(dir, args)]);
      expect([ours.status, ours.stdout.equals(theirs.stdout)], size).toEqual([theirs.status, true]);
    }
  });
});

/**
 * Command lines git refuses: the same exit code (129, or 0 for the completion helper) and the same
 * text on stdout and stderr, word for word but for the command's name. These are read in-process
 * by the parser runMergeFile uses; a few go through the built command too.
 */
const REFUSED: readonly (readonly string[])[] = [
  [],
  ['-p'],
  ['local', 'base'],
  ['local', 'base', 'remote', 'more'],
  ['-h'],
  ['-p', '-h', ...FILES],
  ['-ph'],
  ['-hp'],
  ['--help-all'],
  ['-p', '--help'],
  ['--help=me', ...FILES],
  ['--git-completion-helper'],
  ['--git-completion-helper-all'],
  ['-p', '--git-completion-helper', ...FILES],
  ['--zzz', ...FILES],
  ['-x', ...FILES],
  ['-px', ...FILES],
  ['-p-', ...FILES],
  ['-p-x', ...FILES],
  ['-\u00e9', ...FILES],
  ['-p\u00e9', ...FILES],
  ['--no-', ...FILES],
  ['--n', ...FILES],
  ['--no', ...FILES],
  ['--=', ...FILES],
  ['--=x', ...FILES],
  ['-stdout', ...FILES],
  ['-std', ...FILES],
  ['-ours', ...FILES],
  ['-uni', ...FILES],
  ['-no-stdout', ...FILES],
  ['-mark', ...FILES],
  ['-quiet', ...FILES],
  ['-qquiet', ...FILES],
  ['-pLa', '-quiet', ...FILES],
  ['--stdout=1', ...FILES],
  ['--std=1', ...FILES],
  ['--no-stdout=1', ...FILES],
  ['--no-std=1', ...FILES],
  ['--no-zdiff3=', ...FILES],
  ['--diff3=yes', ...FILES],
  ['--quiet=1', ...FILES],
  ['--marker-size', ...FILES],
  ['--marker-size=', ...FILES],
  ['--marker-size=x', ...FILES],
  ['--marker-size=1x', ...FILES],
  ['--marker-size= ', ...FILES],
  ['--marker-size=0x10', ...FILES],
  ['--marker-size=+', ...FILES],
  ['--mark', ...FILES],
  ['--no-marker-size=3', ...FILES],
  ['--no-mark=3', ...FILES],
  [...FILES, '--marker-size'],
  [...FILES, '-L'],
  ['-L', 'a', '-L', 'b', '-L', 'c', '-L', 'd', ...FILES],
  ['-La', '-Lb', '-Lc', '-Ld', '--zzz', ...FILES],
  ['--no-L', ...FILES],
  ['--L', ...FILES],
  ['--ours', '--theirs', 'local', 'base'],
  ['--', '-p', 'local'],
  ['--end-of-options', 'local', 'base'],
  ['--stdout', '--', '-p', '--', 'local', 'base'],
];

describe('skillmeat merge-file reads its command line as git does', () => {
  it(`refuses ${REFUSED.length} command lines git refuses, with git's exit code and messages`, async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'refused', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const disagreements: string[] = [];
    for (const args of REFUSED) {
      const theirs = await git(dir, args);
      const ours = parseMergeFileArgs(args);
      const mine = ours.kind === 'exit' ? { status: ours.code, stdout: ours.stdout, stderr: ours.stderr } : { status: 'accepted', stdout: '', stderr: '' };
      const expected = { status: theirs.status, stdout: asOurs(theirs.stdout.toString()), stderr: asOurs(theirs.stderr) };
      if (JSON.stringify(mine) !== JSON.stringify(expected)) disagreements.push(`${JSON.stringify(args)}: ${JSON.stringify(mine)} vs git's ${JSON.stringify(expected)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('exits 129 with git\'s messages from the command itself: an unknown option, a fourth label, no files', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'usage', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    for (const args of [['--zzz', ...FILES], ['-La', '-Lb', '-Lc', '-Ld', ...FILES], ['-p'], ['-h']]) {
      const [ours, theirs] = await Promise.all([skillmeat(dir, args), git(dir, args)]);
      expect(ours.status, args.join(' ')).toBe(129);
      expect({ stdout: ours.stdout.toString(), stderr: ours.stderr }).toEqual({ stdout: asOurs(theirs.stdout.toString()), stderr: asOurs(theirs.stderr) });
      expect(theirs.status).toBe(129);
    }
  });

  it('prints its usage on stdout and exits 0 for --help (git shows its manual page there)', async () => {
    const dir = await tempDir();
    const ours = await skillmeat(dir, ['--help']);
    expect(ours.status).toBe(0);
    expect(ours.stdout.toString()).toMatch(/^usage: skillmeat merge-file \[<options>\]/);
  });
});

describe('skillmeat merge-file takes merge.conflictStyle from git\'s configuration as git does', () => {
  const conflict: MergeCase = { name: 'styled', base: 'a\nb\nc\n', local: 'a\nB\nc\nd\n', remote: 'a\nB\nC\nd\n' };

  /** A fresh folder with the conflict in it; a repository when `config` is given (git config lines to apply). */
  async function place(config?: readonly (readonly string[])[]): Promise<string> {
    const dir = join(await tempDir(), 'work');
    await writeCase(dir, conflict);
    if (config !== undefined) {
      await run('git', ['init', '-q'], dir);
      for (const args of config) await run('git', ['config', ...args], dir);
    }
    return dir;
  }

  async function expectSameAsGit(dir: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Run> {
    const [ours, theirs] = await Promise.all([skillmeat(dir, args, env), git(dir, args, env)]);
    expect({ status: ours.status, stdout: ours.stdout.toString(), stderr: ours.stderr }, args.join(' ')).toEqual({
      status: theirs.status,
      stdout: theirs.stdout.toString(),
      stderr: asOurs(theirs.stderr),
    });
    return ours;
  }

  it('uses the repository\'s style, each of them, when no style option is given', async () => {
    for (const style of ['diff3', 'zdiff3', 'merge']) {
      const dir = await place([['merge.conflictStyle', style]]);
      const ours = await expectSameAsGit(dir, ['-p', ...FILES]);
      expect(ours.stdout.includes('|||||||')).toBe(style !== 'merge');
    }
  });

  it('lets --diff3, --zdiff3 and their --no- forms override it', async () => {
    const dir = await place([['merge.conflictStyle', 'diff3']]);
    for (const args of [['--zdiff3'], ['--no-diff3'], ['--no-zd'], ['--diff3', '--no-zdiff3']]) await expectSameAsGit(dir, ['-p', ...args, ...FILES]);
  });

  it('reads it from a subfolder of the repository, and from global and command-line configuration inside one', async () => {
    const dir = await place([]);
    const sub = join(dir, 'deep', 'er');
    await writeCase(sub, conflict);
    const global = join(dir, '..', 'global-config');
    await writeFile(global, '[merge]\n\tconflictStyle = diff3\n');
    await expectSameAsGit(sub, ['-p', ...FILES], { GIT_CONFIG_GLOBAL: global });
    await expectSameAsGit(dir, ['-p', ...FILES], { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'merge.conflictstyle', GIT_CONFIG_VALUE_0: 'zdiff3' });
  });

  it('ignores every configuration outside a repository, as git 2.39 does', async () => {
    const dir = await place();
    const global = join(dir, '..', 'global-config');
    await writeFile(global, '[merge]\n\tconflictStyle = diff3\n');
    const ours = await expectSameAsGit(dir, ['-p', ...FILES], { GIT_CONFIG_GLOBAL: global, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'merge.conflictstyle', GIT_CONFIG_VALUE_0: 'zdiff3' });
    expect(ours.stdout.includes('|||||||')).toBe(false);
  });

  it('stops with git\'s fatal message and exit code 128 on a style git does not know, or one without a value', async () => {
    for (const config of ['[merge]\n\tconflictStyle = fancy\n', '[merge]\n\tconflictStyle\n', '[merge]\n\tconflictStyle = fancy\n\tconflictStyle = diff3\n']) {
      const dir = await place([]);
      await writeFile(join(dir, '.git', 'config'), config, { flag: 'a' });
      const ours = await expectSameAsGit(dir, ['-p', ...FILES]);
      expect(ours.status).toBe(128);
    }
  });
});

interface MergeCase {
  readonly name: string;
  readonly base: string;
  readonly local: string;
  readonly remote: string;
}



function generateCases(count: number, firstSeed: number): MergeCase[] {
  const texts = packageTextCorpus(['README.md'], 'latin1');
  return Array.from({ length: count }, (_, n) => {
    const random = seeded(firstSeed + n);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const all = pick(texts).match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const from = Math.floor(random() * Math.max(1, all.length - 40));
    const crlf = random() < 0.15;
    const eol = crlf ? '\r\n' : '\n';
    const baseLines = all.slice(from, from + 10 + Math.floor(random() * 60)).map((line) => (crlf ? line.replace(/\r?\n$/, '\r\n') : line));
    const pool = baseLines.length > 0 ? baseLines : [`x${eol}`];
    const newLine = (): string => {
      const roll = random();
      if (roll < 0.15) return eol;
      if (roll < 0.25) return `caf\xe9 ${Math.floor(random() * 100)}${eol}`; // é as one byte: not valid UTF-8
      if (roll < 0.5) return pick(pool);
      return `edited line ${Math.floor(random() * 1_000)}${eol}`;
    };
    const shared = { at: Math.floor(random() * (baseLines.length + 1)), insert: [newLine(), newLine()] };
    const edit = (): string => {
      const out = baseLines.slice();
      for (let e = 1 + Math.floor(random() * 5); e > 0; e--) {
        const at = Math.floor(random() * (out.length + 1));
        const roll = random();
        if (roll < 0.35) out.splice(at, 1, newLine());
        else if (roll < 0.6) out.splice(at, 0, newLine(), newLine());
        else if (roll < 0.8) out.splice(at, 1 + Math.floor(random() * 3));
        else out.splice(Math.min(shared.at, out.length), 1, ...shared.insert);
      }
      const text = out.join('');
      return random() < 0.1 ? text.replace(/\r?\n$/, '') : text;
    };
    return { name: `case-${n}`, base: baseLines.join(''), local: edit(), remote: edit() };
  });
}
