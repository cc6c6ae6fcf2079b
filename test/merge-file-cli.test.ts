// `skillmeat merge-file` must be a drop-in for `git merge-file` (2.39): the same arguments, the same
// bytes on stdout or in CURRENT, the same exit code (the number of conflicts, 127 at most; 255 on
// failure). Generated cases as in merge-git-agreement.test.ts, fewer (each spawn costs ~0.3 s),
// worked on as bytes: CRLF files, missing final newlines and bytes that are not valid UTF-8.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';
import { packageTextCorpus, seeded } from './support/merge-corpus.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
const CASES_PER_STYLE = 20;
const PARALLEL = 8;
const LABELS = ['-L', 'project', '-L', 'base', '-L', 'collection'];

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a command in `cwd`, with no git configuration that could change merge output. */
function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: dirname(cwd) };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(chunks), stderr }));
  });
}

const skillmeat = (cwd: string, ...args: string[]) => run(process.execPath, [BIN, 'merge-file', ...args], cwd);
const git = (cwd: string, ...args: string[]) => run('git', ['merge-file', ...args], cwd);

/** Writes local, base and remote into `dir`; text is taken as one byte per character (latin1). */
async function writeCase(dir: string, mergeCase: MergeCase): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const side of ['local', 'base', 'remote'] as const) await writeFile(join(dir, side), Buffer.from(mergeCase[side], 'latin1'));
}

describe('skillmeat merge-file agrees with git merge-file', () => {
  for (const style of ['merge', 'diff3'] as const) {
    it(`prints the same bytes and exits with the same code on ${CASES_PER_STYLE} generated merges (${style} style)`, async () => {
      const root = await tempDir('skillmeat-merge-file-');
      const cases = generateCases(CASES_PER_STYLE, style === 'merge' ? 5_000 : 6_000);
      const args = ['-p', ...(style === 'diff3' ? ['--diff3'] : []), ...LABELS, 'local', 'base', 'remote'];
      const disagreements: string[] = [];
      let conflicted = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < cases.length) {
          const mergeCase = cases[next++]!;
          const dir = join(root, mergeCase.name);
          await writeCase(dir, mergeCase);
          const [ours, theirs] = await Promise.all([skillmeat(dir, ...args), git(dir, ...args)]);
          if (theirs.status !== 0) conflicted++;
          if (ours.status !== theirs.status || !ours.stdout.equals(theirs.stdout)) disagreements.push(`${mergeCase.name}: exit ${ours.status} vs git ${theirs.status} ${ours.stderr}`);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      expect(disagreements).toEqual([]);
      expect(conflicted).toBeGreaterThan(CASES_PER_STYLE / 5); // the corpus really exercises conflicts
    }, 60_000);
  }

  it('merges into CURRENT when -p is not given, as git does, leaving BASE and OTHER alone', async () => {
    const mergeCase = { name: 'in-place', base: 'a\nb\nc\nd\ne\n', local: 'A\nb\nc\nd\ne\n', remote: 'a\nb\nc\nd\nE\n' };
    const ours = join(await tempDir(), 'ours');
    const theirs = join(await tempDir(), 'theirs');
    await writeCase(ours, mergeCase);
    await writeCase(theirs, mergeCase);
    expect((await skillmeat(ours, 'local', 'base', 'remote')).status).toBe(0);
    expect((await git(theirs, 'local', 'base', 'remote')).status).toBe(0);
    expect(await readFile(join(ours, 'local'), 'utf8')).toBe('A\nb\nc\nd\nE\n');
    expect(await readFile(join(ours, 'local'))).toEqual(await readFile(join(theirs, 'local')));
    expect(await readFile(join(ours, 'base'), 'utf8')).toBe(mergeCase.base);
    expect(await readFile(join(ours, 'remote'), 'utf8')).toBe(mergeCase.remote);
  });

  it('writes conflict markers into CURRENT and keeps its permissions', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'markers', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    await chmod(join(dir, 'local'), 0o755);
    expect((await skillmeat(dir, 'local', 'base', 'remote')).status).toBe(1);
    expect(await readFile(join(dir, 'local'), 'utf8')).toBe('<<<<<<< local\nours\n=======\ntheirs\n>>>>>>> remote\n');
    expect((await stat(join(dir, 'local'))).mode & 0o777).toBe(0o755);
  });

  it('labels the conflict with the file names as given when no -L is given', async () => {
    const dir = await tempDir();
    await writeCase(join(dir, 'sub'), { name: 'labels', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const args = ['-p', '--diff3', 'sub/local', './sub/base', 'sub/remote'];
    const [ours, theirs] = await Promise.all([skillmeat(dir, ...args), git(dir, ...args)]);
    expect(ours.stdout.toString()).toBe('<<<<<<< sub/local\nours\n||||||| ./sub/base\na\n=======\ntheirs\n>>>>>>> sub/remote\n');
    expect(ours.stdout).toEqual(theirs.stdout);
  });

  it('uses the -L labels it is given, in order, and the file names for the rest', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'some-labels', base: 'a\n', local: 'ours\n', remote: 'theirs\n' });
    const args = ['-p', '--diff3', '-L', 'mine', 'local', 'base', 'remote'];
    const [ours, theirs] = await Promise.all([skillmeat(dir, ...args), git(dir, ...args)]);
    expect(ours.stdout.toString()).toBe('<<<<<<< mine\nours\n||||||| base\na\n=======\ntheirs\n>>>>>>> remote\n');
    expect(ours.stdout).toEqual(theirs.stdout);
  });

  it('exits with the number of conflict hunks (here three, each four lines from the next)', async () => {
    const dir = await tempDir();
    const block = (mark: string) => ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].map((line, i) => (i % 5 === 0 ? `${mark}${line}` : line)).join('\n') + '\n';
    await writeCase(dir, { name: 'three', base: block(''), local: block('ours-'), remote: block('theirs-') });
    const [ours, theirs] = await Promise.all([skillmeat(dir, '-p', 'local', 'base', 'remote'), git(dir, '-p', 'local', 'base', 'remote')]);
    expect(ours.status).toBe(3);
    expect(theirs.status).toBe(3);
  });

  it('caps the exit code at 127 conflicts, as git does', async () => {
    const dir = await tempDir();
    const lines = (mark: string) => Array.from({ length: 150 }, (_, i) => `${mark}${i}\nkeep\nkeep\nkeep\nkeep\n`).join('');
    await writeCase(dir, { name: 'many', base: lines('base-'), local: lines('ours-'), remote: lines('theirs-') });
    const [ours, theirs] = await Promise.all([skillmeat(dir, '-p', 'local', 'base', 'remote'), git(dir, '-p', 'local', 'base', 'remote')]);
    expect(ours.status).toBe(127);
    expect(ours.stdout).toEqual(theirs.stdout);
    expect(theirs.status).toBe(127);
  });

  it('refuses a binary file with exit code 255 and a message, leaving CURRENT untouched', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'binary', base: 'a\n', local: 'ours\n', remote: 'PNG\0\x01' });
    const [ours, theirs] = await Promise.all([skillmeat(dir, 'local', 'base', 'remote'), git(dir, '-p', 'local', 'base', 'remote')]);
    expect(ours.status).toBe(255);
    expect(theirs.status).toBe(255);
    expect(ours.stderr).toContain('Cannot merge binary files: remote');
    expect(ours.stdout.length).toBe(0);
    expect(await readFile(join(dir, 'local'), 'utf8')).toBe('ours\n');
  });

  it('exits 255 with a message naming a file that does not exist', async () => {
    const dir = await tempDir();
    await writeCase(dir, { name: 'missing', base: 'a\n', local: 'b\n', remote: 'c\n' });
    const ours = await skillmeat(dir, '-p', 'local', 'base', 'nowhere');
    expect(ours.status).toBe(255);
    expect(ours.stderr).toContain('nowhere');
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
