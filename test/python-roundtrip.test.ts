/**
 * Every operation of ours on a home and project the Python SkillMeat made changes only the bytes it
 * must (versioning spec 10): whole files compared, not parsed values. A file an operation does not
 * need is byte-identical afterwards; in a TOML file it must change, only the lines of the records it
 * works on change (and the collection's `updated` time, and snapshot entries appended at the end).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON_SNAPSHOT_ID, pythonMadeHome, treeBytes, type PythonMadeHome } from './support/python-home.js';
import { sampleSkill, tempDir } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Files only we write or read (our cache, version store, audit trail, locks, snapshot indexes, our state beside the records). */
const OURS = [
  /^home\/(objects|audit|locks)\//,
  /^home\/journal\.key$/,
  /^home\/cache\/(skillmeat-desktop\.db.*|hash-index\.json)$/,
  /^home\/snapshots\/default\/[^/]+\.index\.json$/,
  /^project\/\.claude\/\.skillmeat-(desktop|pending)\.json$/,
];

/** What an operation may change: TOML files by record (owner), other files by pattern. */
interface Allowed {
  /** `<file>` → the records (artifact names; `@collection` for the [collection] table's `updated`) whose lines may change. */
  readonly records?: Readonly<Record<string, readonly string[]>>;
  /** Files that may change, appear or go as a whole. */
  readonly files?: readonly RegExp[];
  /** TOML files that may only grow at the end (new snapshot entries). */
  readonly appended?: readonly string[];
}

const DEPLOYED = 'project/.claude/.skillmeat-deployed.toml';
const MANIFEST = 'home/collections/default/collection.toml';
const LOCK = 'home/collections/default/collection.lock';
const SNAPSHOTS = 'home/snapshots/default/snapshots.toml';
const NEW_SNAPSHOT = /^home\/snapshots\/default\/\d{8}_\d{6}_\w+\.tar\.gz$/;

async function both(made: PythonMadeHome): Promise<Map<string, Buffer>> {
  const all = new Map<string, Buffer>();
  for (const [path, bytes] of await treeBytes(made.home)) all.set(`home/${path}`, bytes);
  for (const [path, bytes] of await treeBytes(made.project)) all.set(`project/${path}`, bytes);
  return all;
}

/** Runs `operation` and checks that nothing outside `allowed` changed, byte for byte. */
async function expectOnlyChanged(made: PythonMadeHome, allowed: Allowed, operation: () => void | Promise<void>): Promise<void> {
  const before = await both(made);
  await operation();
  const after = await both(made);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (OURS.some((ours) => ours.test(path)) || allowed.files?.some((pattern) => pattern.test(path))) continue;
    const was = before.get(path);
    const now = after.get(path);
    if (was !== undefined && now !== undefined && was.equals(now)) continue;
    expect(was, `${path} appeared`).toBeDefined();
    expect(now, `${path} disappeared`).toBeDefined();
    const [wasText, nowText] = [was!.toString('utf8'), now!.toString('utf8')];
    if (allowed.appended?.includes(path)) {
      expect(nowText.startsWith(wasText), `${path} only grows at the end`).toBe(true);
      continue;
    }
    const owners = allowed.records?.[path];
    expect(owners, `${path} changed:\n${wasText}\n---\n${nowText}`).toBeDefined();
    // Every record it did not work on keeps its bytes, in its place; the collection table changes only its `updated` line.
    const untouched = (text: string) =>
      tomlBlocks(text)
        .filter((block) => !owners!.includes(block.owner ?? '') || block.owner === '@collection')
        .map((block) => (block.owner === '@collection' && owners!.includes('@collection') ? block.text.replace(/^updated = .*$/m, '') : block.text).trimEnd());
    expect(untouched(nowText), `${path}: records other than ${owners!.join(', ')} changed`).toEqual(untouched(wasText));
  }
}

/** A TOML file cut into its tables, each with the record it belongs to (see lineOwners). */
function tomlBlocks(text: string): { owner: string | undefined; text: string }[] {
  const lines = text.split('\n');
  const owners = lineOwners(lines);
  const blocks: { owner: string | undefined; text: string }[] = [];
  lines.forEach((line, index) => {
    const last = blocks.at(-1);
    if (last !== undefined && !/^\[/.test(line) && last.owner === owners[index]) last.text += `\n${line}`;
    else blocks.push({ owner: owners[index], text: line });
  });
  return blocks;
}

/** Which record each line of a TOML file belongs to: the artifact a table names, `@collection`, or a table's own header. */
function lineOwners(lines: readonly string[]): (string | undefined)[] {
  const owners: (string | undefined)[] = [];
  let blockStart = 0;
  const close = (end: number) => {
    const block = lines.slice(blockStart, end);
    const header = block[0] ?? '';
    const named = /^\[lock\.entries\."([^":]+)::/.exec(header)?.[1] ?? block.map((l) => /^(?:artifact_)?name = "([^"]+)"/.exec(l)?.[1]).find((n) => n !== undefined);
    // A sub-table of an array entry ([artifacts.metadata]) belongs to that entry.
    const subTable = /^\[[\w-]+\.[\w-]+\]$/.test(header) && !header.startsWith('[lock');
    const owner = header === '[collection]' ? '@collection' : subTable ? owners[blockStart - 1] : named;
    for (let i = blockStart; i < end; i++) owners[i] = owner;
  };
  lines.forEach((line, index) => {
    if (index > 0 && /^\[/.test(line)) {
      close(index);
      blockStart = index;
    }
  });
  close(lines.length);
  return owners;
}

function ok(home: string, ...args: string[]): string {
  const run = skillmeat(home, ...args);
  expect(run.code, `${args.join(' ')}: ${run.stderr}${run.stdout}`).toBe(0);
  return run.stdout;
}

const canvasInProject = (made: PythonMadeHome) => join(made.project, '.claude/skills/canvas/SKILL.md');
const canvasInCollection = (made: PythonMadeHome) => join(made.home, 'collections/default/skills/canvas/SKILL.md');
const CANVAS = 'line one\nline two\nline three\nline four\nline five\n';

describe('on a home and project the Python SkillMeat made, each operation changes only what it must', () => {
  it('list, drift and verify change nothing', async () => {
    const made = await pythonMadeHome();
    await expectOnlyChanged(made, {}, () => {
      ok(made.home, 'list');
      ok(made.home, 'list', '--json');
      // Its skill holding editor junk is in sync: its hash (every file) is honoured.
      const drift = JSON.parse(skillmeat(made.home, 'drift', made.project, '--json').stdout) as { drift: unknown[] };
      expect(drift.drift).toEqual([]);
      ok(made.home, 'verify');
    });
  });

  it('deploy adds its record and copy, and nothing else', async () => {
    const made = await pythonMadeHome();
    ok(made.home, 'add', await sampleSkill(await tempDir(), 'fresh', 'new\n'));
    await expectOnlyChanged(made, { records: { [DEPLOYED]: ['fresh'] }, files: [/^project\/\.claude\/skills\/fresh\//] }, () => {
      ok(made.home, 'deploy', 'fresh', '--project', made.project);
    });
    expect(readFileSync(join(made.project, DEPLOYED.slice('project/'.length)), 'utf8')).toContain('artifact_name = "fresh"');
  });

  it('deploy --overwrite changes its record and copy alone', async () => {
    const made = await pythonMadeHome();
    await writeFile(canvasInProject(made), 'line one, edited\n');
    await expectOnlyChanged(made, { records: { [DEPLOYED]: ['canvas'] }, files: [/^project\/\.claude\/skills\/canvas\//] }, () => {
      ok(made.home, 'deploy', 'canvas', '--project', made.project, '--overwrite');
    });
  });

  it('sync merges with its deploy snapshot as the base, changing the record and copy alone', async () => {
    const made = await pythonMadeHome();
    await writeFile(canvasInCollection(made), CANVAS.replace('line one', 'line one, collection'));
    await writeFile(canvasInProject(made), CANVAS.replace('line five', 'line five, project'));
    await expectOnlyChanged(made, { records: { [DEPLOYED]: ['canvas'] }, files: [/^project\/\.claude\/skills\/canvas\//] }, () => {
      const sync = JSON.parse(skillmeat(made.home, 'sync', made.project, '--json').stdout) as { artifacts: { name: string; action: string }[] };
      expect(sync.artifacts.find((a) => a.name === 'canvas')?.action).toBe('merged');
    });
    expect(readFileSync(canvasInProject(made), 'utf8')).toBe('line one, collection\nline two\nline three\nline four\nline five, project\n');
  });

  it('push changes the collection copy and the records of that artifact alone', async () => {
    const made = await pythonMadeHome();
    await writeFile(canvasInProject(made), CANVAS.replace('line two', 'line two, project'));
    const allowed: Allowed = {
      records: { [DEPLOYED]: ['canvas'], [MANIFEST]: ['canvas', '@collection'], [LOCK]: ['canvas'] },
      files: [/^home\/collections\/default\/skills\/canvas\//, NEW_SNAPSHOT],
      appended: [SNAPSHOTS],
    };
    await expectOnlyChanged(made, allowed, () => {
      ok(made.home, 'push', made.project, '--artifact', 'canvas');
    });
    expect(readFileSync(canvasInCollection(made), 'utf8')).toBe(CANVAS.replace('line two', 'line two, project'));
    // The new time is naive UTC, as that tool writes them (its reader on Python 3.9/3.10 refuses a `Z`).
    expect(readFileSync(join(made.home, LOCK.slice('home/'.length)), 'utf8')).toMatch(/\[lock\.entries\."canvas::skill"\]\ncontent_hash = "[0-9a-f]{64}"\nfetched = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}"\n/);
  });

  it('resolve changes the record and copy alone', async () => {
    const made = await pythonMadeHome();
    await writeFile(canvasInCollection(made), CANVAS.replace('line three', 'line three, collection'));
    await writeFile(canvasInProject(made), CANVAS.replace('line three', 'line three, project'));
    expect(skillmeat(made.home, 'sync', made.project).code).toBe(1);
    await expectOnlyChanged(made, { records: { [DEPLOYED]: ['canvas'] }, files: [/^project\/\.claude\/skills\/canvas\//] }, () => {
      ok(made.home, 'resolve', made.project, 'canvas', 'SKILL.md', '--take', 'collection');
    });
    expect(readFileSync(canvasInProject(made), 'utf8')).toBe(CANVAS.replace('line three', 'line three, collection'));
  });

  it('snapshot appends its entry, in the form that tool reads', async () => {
    const made = await pythonMadeHome();
    await expectOnlyChanged(made, { files: [NEW_SNAPSHOT], appended: [SNAPSHOTS] }, () => {
      ok(made.home, 'snapshot', 'before the trip');
    });
    const entry = readFileSync(join(made.home, SNAPSHOTS.slice('home/'.length)), 'utf8').split('[[snapshots]]')[2]!;
    expect(entry).toMatch(/\ntimestamp = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"\n/);
    expect(entry).toContain(`tarball_path = "${made.home}/snapshots/default/`);
  });

  it('rollback to its own snapshot restores the copy and changes that artifact alone', async () => {
    const made = await pythonMadeHome();
    await writeFile(canvasInCollection(made), 'line one, since\n');
    const allowed: Allowed = {
      records: { [MANIFEST]: ['canvas', '@collection'], [LOCK]: ['canvas'] },
      files: [/^home\/collections\/default\/skills\/canvas\//, NEW_SNAPSHOT],
      appended: [SNAPSHOTS],
    };
    await expectOnlyChanged(made, allowed, () => {
      ok(made.home, 'rollback', PYTHON_SNAPSHOT_ID, '--yes');
    });
    expect(readFileSync(canvasInCollection(made), 'utf8')).toBe(CANVAS);
  });

  it('remove takes out its entry, lock entry and copy alone', async () => {
    const made = await pythonMadeHome();
    const allowed: Allowed = {
      records: { [MANIFEST]: ['review', '@collection'], [LOCK]: ['review'] },
      files: [/^home\/collections\/default\/commands\/review\.md$/, NEW_SNAPSHOT],
      appended: [SNAPSHOTS],
    };
    await expectOnlyChanged(made, allowed, () => {
      ok(made.home, 'remove', 'review');
    });
  });
});
