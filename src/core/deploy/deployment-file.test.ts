import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'smol-toml';
import { SkillmeatError } from '../errors.js';
import {
  DEPLOYMENT_FILE,
  readDeploymentFile,
  recordRelativePath,
  withRecord,
  withoutRecord,
  writeDeploymentFile,
  type DeploymentFile,
  type DeploymentRecord,
} from './deployment-file.js';
import { tempDir } from '../../../test/support/temp-files.js';
import { DESKTOP_STATE_FILE } from './python-records.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

const OURS = `top_note = "kept"

[deployment]
collection = "default"
deployed_at = "2025-12-17T14:30:22Z"
skillmeat_version = "0.1.0"
editor = "vim"

[[deployed]]
name = "canvas-design"
type = "skill"
source = "github:user/repo"
version = "v1.2.0"
sha = "${A}"
deployed_at = "2025-12-17T14:30:22Z"
pinned = true

[[deployed]]
name = "review"
type = "command"
collection = "work"
source = "local:/tmp/review.md"
sha = "${B}"
deployed_at = 2025-12-18T09:00:00Z
path = "commands/team-review.md"
`;

// As the Python tool writes it: no header, string timestamps, extra keys of its own.
const PYTHON_CURRENT = `[[deployed]]
artifact_name = "canvas-design"
artifact_type = "skill"
from_collection = "default"
deployed_at = "2025-12-17T14:30:22.123456+00:00"
artifact_path = "skills/canvas-design"
content_hash = "${A}"
local_modifications = false
version_lineage = ["${A}"]
collection_sha = "${A}"

[[deployed]]
artifact_name = "review"
artifact_type = "command"
from_collection = "work"
deployed_at = "2025-12-18T09:00:00+00:00"
artifact_path = "commands/review.md"
collection_sha = "${B}"
`;

const PYTHON_LEGACY = `[deployment]
collection = "default"
deployed-at = "2025-12-17T14:30:22Z"
skillmeat-version = "0.0.9"

[[artifacts]]
name = "canvas-design"
type = "skill"
source = "github:user/repo"
version = "v1.2.0"
sha = "${A}"
deployed-at = "2025-12-17T14:30:22Z"
note = "legacy extra"
`;

/** A temporary `.claude/` folder, holding a deployment file with `text` when given. */
async function claudeDir(text?: string): Promise<string> {
  const dir = await tempDir('skillmeat-deployed-');
  if (text !== undefined) await writeFile(join(dir, DEPLOYMENT_FILE), text);
  return dir;
}

async function onDisk(dir: string): Promise<Record<string, unknown>> {
  return parse(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8'));
}

function withoutRaw(file: DeploymentFile): unknown {
  return { dialect: file.dialect, collection: file.collection, deployedAt: file.deployedAt, records: file.records.map(({ raw: _raw, ...rest }) => rest) };
}

function record(name: string, sha: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return { name, type: 'skill', collection: 'default', source: 'local:/src', sha, deployedAt: '2026-01-02T03:04:05Z', ...extra };
}

/** Reading `text` fails with `code`, names the file, and leaves its bytes as they were. */
async function expectRefused(text: string, code: string): Promise<SkillmeatError> {
  const dir = await claudeDir(text);
  const error = await readDeploymentFile(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SkillmeatError);
  const refused = error as SkillmeatError;
  expect(refused.code).toBe(code);
  expect(refused.message).toContain(join(dir, DEPLOYMENT_FILE));
  expect(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8')).toBe(text);
  return refused;
}

describe('reading each dialect', () => {
  it('gives an empty file in our dialect when the project has none', async () => {
    const file = await readDeploymentFile(await claudeDir());
    expect(file.dialect).toBe('skillmeat');
    expect(file.records).toEqual([]);
  });

  it('reads our dialect, taking a record’s collection from the header when it names none', async () => {
    const file = await readDeploymentFile(await claudeDir(OURS));
    expect(withoutRaw(file)).toEqual({
      dialect: 'skillmeat',
      collection: 'default',
      deployedAt: '2025-12-17T14:30:22Z',
      records: [
        { name: 'canvas-design', type: 'skill', collection: 'default', source: 'github:user/repo', version: 'v1.2.0', sha: A, deployedAt: '2025-12-17T14:30:22Z' },
        { name: 'review', type: 'command', collection: 'work', source: 'local:/tmp/review.md', sha: B, deployedAt: '2025-12-18T09:00:00Z', path: 'commands/team-review.md' },
      ],
    });
  });

  it('reads Python’s current dialect, falling back to collection_sha when content_hash is absent', async () => {
    const file = await readDeploymentFile(await claudeDir(PYTHON_CURRENT));
    expect(withoutRaw(file)).toEqual({
      dialect: 'python-current',
      collection: undefined,
      deployedAt: undefined,
      records: [
        { name: 'canvas-design', type: 'skill', collection: 'default', sha: A, deployedAt: '2025-12-17T14:30:22Z', path: 'skills/canvas-design' },
        { name: 'review', type: 'command', collection: 'work', sha: B, deployedAt: '2025-12-18T09:00:00Z', path: 'commands/review.md' },
      ],
    });
  });

  it('reads Python’s legacy dialect', async () => {
    const file = await readDeploymentFile(await claudeDir(PYTHON_LEGACY));
    expect(withoutRaw(file)).toEqual({
      dialect: 'python-legacy',
      collection: 'default',
      deployedAt: '2025-12-17T14:30:22Z',
      records: [{ name: 'canvas-design', type: 'skill', collection: 'default', source: 'github:user/repo', version: 'v1.2.0', sha: A, deployedAt: '2025-12-17T14:30:22Z' }],
    });
    expect(file.skillmeatVersion).toBe('0.0.9');
  });

  it('reads an upper-case sha as lower case', async () => {
    const file = await readDeploymentFile(await claudeDir(OURS.replace(A, A.toUpperCase())));
    expect(file.records[0]?.sha).toBe(A);
  });
});

describe('writing back', () => {
  it.each([
    ['skillmeat', OURS],
    ['python-current', PYTHON_CURRENT],
    ['python-legacy', PYTHON_LEGACY],
  ])('round-trips the %s dialect unchanged in meaning', async (dialect, text) => {
    const dir = await claudeDir(text);
    const before = await readDeploymentFile(dir);
    await writeDeploymentFile(before);
    const after = await readDeploymentFile(dir);
    expect(after.dialect).toBe(dialect);
    expect(withoutRaw(after)).toEqual(withoutRaw(before));
    expect(after.raw).toEqual(parse(text));
  });

  it('keeps unknown keys at the top, in the header and in records', async () => {
    const dir = await claudeDir(OURS);
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('new-skill', C)));
    const table = await onDisk(dir);
    expect(table.top_note).toBe('kept');
    expect(table.deployment).toMatchObject({ editor: 'vim' });
    expect(table.deployed).toMatchObject([{ pinned: true }, {}, {}]);
  });

  it('keeps the Python dialect and the other records’ own keys when a record is added', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('new-skill', C)));
    const table = await onDisk(dir);
    const [first, second] = parse(PYTHON_CURRENT).deployed as unknown[];
    expect(table.deployment).toBeUndefined();
    expect(table.deployed).toEqual([
      first,
      second,
      {
        artifact_name: 'new-skill',
        artifact_type: 'skill',
        from_collection: 'default',
        deployed_at: '2026-01-02T03:04:05+00:00',
        artifact_path: 'skills/new-skill',
        content_hash: C,
        local_modifications: false,
        merge_base_snapshot: C,
        collection_sha: C,
      },
    ]);
    // Keys that tool does not model are kept beside its records, where its rewrites cannot erase them.
    const beside = JSON.parse(await readFile(join(dir, DESKTOP_STATE_FILE), 'utf8')) as { records: Record<string, unknown> };
    expect(beside.records).toEqual({ 'new-skill::skill': { content_hash: C, sha: C, source: 'local:/src' } });
    expect((await readDeploymentFile(dir)).records[2]).toMatchObject({ name: 'new-skill', source: 'local:/src', sha: C });
  });

  it('writes a merged record in the Python dialect as that tool understands it, our state beside it', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    const file = await readDeploymentFile(dir);
    // A sync merged the collection's new content C with local edits: the project holds the merge, B.
    const merged = { ...file.records[0]!, sha: B, upstreamSha: C };
    await writeDeploymentFile(withRecord(file, merged));
    const entry = ((await onDisk(dir)).deployed as Record<string, unknown>[])[0]!;
    // The tool sees the collection content it integrated, and a project holding more: a local modification, not an outdated copy.
    expect(entry).toMatchObject({ content_hash: C, collection_sha: C, merge_base_snapshot: C, local_modifications: true, version_lineage: [A, C] });
    expect(entry.upstream_sha).toBeUndefined();
    expect((await readDeploymentFile(dir)).records[0]).toMatchObject({ sha: B, upstreamSha: C });
  });

  it('keeps our state when the Python tool rewrites its file, and drops it when that tool redeploys', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    const file = await readDeploymentFile(dir);
    await writeDeploymentFile(withRecord(file, { ...file.records[0]!, sha: B, upstreamSha: C, source: 'github:user/repo' }));
    // That tool rewrites the file whole from the keys it models (tomli_w): ours inside would be gone.
    const rewritten = ((await onDisk(dir)).deployed as Record<string, unknown>[]).map(({ source: _s, upstream_sha: _u, ...rest }) => rest);
    await writeFile(join(dir, DEPLOYMENT_FILE), stringify({ deployed: rewritten }));
    expect((await readDeploymentFile(dir)).records[0]).toMatchObject({ sha: B, upstreamSha: C, source: 'github:user/repo' });
    // It redeploys: a new content_hash; what we kept beside no longer describes the record.
    rewritten[0] = { ...rewritten[0], content_hash: A, collection_sha: A };
    await writeFile(join(dir, DEPLOYMENT_FILE), stringify({ deployed: rewritten }));
    const redeployed = (await readDeploymentFile(dir)).records[0]!;
    expect(redeployed.sha).toBe(A);
    expect(redeployed.upstreamSha).toBeUndefined();
  });

  it('refuses a corrupt state file beside a Python file, writing nothing', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    await writeFile(join(dir, DESKTOP_STATE_FILE), '{"records": {"canvas-design::skill": {"sha": "x"}}}');
    await expect(readDeploymentFile(dir)).rejects.toMatchObject({ code: 'corrupt_file' });
  });

  it('writes both content_hash and collection_sha when a Python record’s baseline changes', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    const file = await readDeploymentFile(dir);
    const review = file.records[1]!;
    await writeDeploymentFile(withRecord(file, { ...review, sha: C }));
    const entry = (await onDisk(dir)).deployed as Record<string, unknown>[];
    expect(entry[1]).toMatchObject({ content_hash: C, collection_sha: C });
  });

  it('keeps an unchanged record’s timestamp exactly as it was written', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('new-skill', C)));
    const entry = (await onDisk(dir)).deployed as Record<string, unknown>[];
    expect(entry[0]?.deployed_at).toBe('2025-12-17T14:30:22.123456+00:00');
  });

  it('writes a new timestamp in the naive UTC form a Python file uses (that tool prints them with a Z appended)', async () => {
    const naive = PYTHON_CURRENT.replace('"2025-12-17T14:30:22.123456+00:00"', '"2025-12-17T14:30:22.123456"').replace('"2025-12-18T09:00:00+00:00"', '"2025-12-18T09:00:00"');
    const dir = await claudeDir(naive);
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('new-skill', C)));
    const entry = (await onDisk(dir)).deployed as Record<string, unknown>[];
    expect(entry[0]?.deployed_at).toBe('2025-12-17T14:30:22.123456');
    expect(entry[2]?.deployed_at).toBe('2026-01-02T03:04:05.000000');
  });

  it('writes a new timestamp as a TOML datetime in a Python file that uses them', async () => {
    const dir = await claudeDir(PYTHON_CURRENT.replace('"2025-12-18T09:00:00+00:00"', '2025-12-18T09:00:00Z'));
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('new-skill', C)));
    const entry = (await onDisk(dir)).deployed as Record<string, unknown>[];
    expect(entry[2]?.deployed_at).toBeInstanceOf(Date);
    expect((entry[2]?.deployed_at as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('writes a new file in our dialect, leaving out an unknown version and the header’s collection', async () => {
    const dir = await claudeDir();
    await writeDeploymentFile(withRecord(await readDeploymentFile(dir), record('canvas-design', A)));
    expect(await onDisk(dir)).toEqual({
      deployment: { collection: 'default', deployed_at: '2026-01-02T03:04:05Z', skillmeat_version: '0.1.0' },
      deployed: [{ name: 'canvas-design', type: 'skill', source: 'local:/src', sha: A, deployed_at: '2026-01-02T03:04:05Z' }],
    });
  });

  it('writes a record’s collection only when it differs from the header’s', async () => {
    const dir = await claudeDir();
    let file = await readDeploymentFile(dir);
    file = withRecord(file, record('one', A));
    file = withRecord(file, record('two', B, { collection: 'work' }));
    await writeDeploymentFile(file);
    const deployed = (await onDisk(dir)).deployed as Record<string, unknown>[];
    expect(deployed.map((d) => d.collection)).toEqual([undefined, 'work']);
  });

  it('replaces the record of the same name and type, whatever collection it came from', async () => {
    const dir = await claudeDir(OURS);
    const file = withRecord(await readDeploymentFile(dir), record('canvas-design', C, { collection: 'work' }));
    expect(file.records.map((r) => [r.name, r.collection, r.sha])).toEqual([
      ['canvas-design', 'work', C],
      ['review', 'work', B],
    ]);
  });

  it('moves the header’s deployed_at forward to the newest record', async () => {
    const file = withRecord(await readDeploymentFile(await claudeDir(OURS)), record('new-skill', C));
    expect(file.deployedAt).toBe('2026-01-02T03:04:05Z');
  });

  it('removes a record by name and type, keeping the others', async () => {
    const dir = await claudeDir(OURS);
    await writeDeploymentFile(withoutRecord(await readDeploymentFile(dir), 'canvas-design', 'skill'));
    expect((await readDeploymentFile(dir)).records.map((r) => r.name)).toEqual(['review']);
  });

  it('refuses a Python record without a collection, writing nothing', async () => {
    const dir = await claudeDir(PYTHON_CURRENT);
    const { collection: _collection, ...homeless } = record('new-skill', C);
    await expect(writeDeploymentFile(withRecord(await readDeploymentFile(dir), homeless))).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8')).toBe(PYTHON_CURRENT);
  });

  it('refuses a record whose path leaves .claude/, writing nothing', async () => {
    const dir = await claudeDir(OURS);
    const file = withRecord(await readDeploymentFile(dir), record('new-skill', C, { path: '../escape' }));
    await expect(writeDeploymentFile(file)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8')).toBe(OURS);
  });

  it('never replaces a file that became corrupt after it was read', async () => {
    const dir = await claudeDir(OURS);
    const file = await readDeploymentFile(dir);
    await writeFile(join(dir, DEPLOYMENT_FILE), 'deployed = [');
    await expect(writeDeploymentFile(file)).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8')).toBe('deployed = [');
  });
});

describe('refusing bad files', () => {
  it('names the line of a TOML syntax error', async () => {
    const error = await expectRefused(`[[deployed]]\nname = "x"\nsha = \n`, 'corrupt_file');
    expect(error.message).toContain(':3:');
  });

  it('refuses an entry without a name', async () => {
    const error = await expectRefused(OURS.replace('name = "review"\n', ''), 'corrupt_file');
    expect(error.message).toContain('[[deployed]] #2 has no name');
  });

  it('refuses a Python entry without artifact_type', async () => {
    const error = await expectRefused(PYTHON_CURRENT.replace('artifact_type = "command"\n', ''), 'corrupt_file');
    expect(error.message).toContain('(review) has no artifact_type');
  });

  it('refuses an unknown type', async () => {
    const error = await expectRefused(OURS.replace('type = "command"', 'type = "plugin"'), 'corrupt_file');
    expect(error.message).toContain('unknown type "plugin"');
  });

  it.each([['short', 'abc123'], ['not hex', 'z'.repeat(64)]])('refuses a sha that is %s', async (_label, sha) => {
    const error = await expectRefused(OURS.replace(B, sha), 'corrupt_file');
    expect(error.message).toContain('not 64 hex digits');
  });

  it('refuses an unreadable timestamp', async () => {
    const error = await expectRefused(PYTHON_LEGACY.replace('deployed-at = "2025-12-17T14:30:22Z"\nnote', 'deployed-at = "yesterday"\nnote'), 'corrupt_file');
    expect(error.message).toContain('invalid deployed-at timestamp');
  });

  it.each([
    ['absolute', '/etc/passwd'],
    ['with ..', 'commands/../../x.md'],
    ['with a backslash', 'commands\\\\..\\\\..\\\\x.md'],
    ['a drive path', 'C:/x.md'],
    ['the whole type folder', 'commands'],
    ['in a sub-folder', 'commands/team/review.md'],
    ["another type's folder", 'skills/review'],
    ['without the suffix', 'commands/review'],
  ])('refuses a path that is %s: only the registry layout (commands/<name>.md) is a place', async (_label, path) => {
    const error = await expectRefused(OURS.replace('commands/team-review.md', path), 'corrupt_file');
    expect(error.message).toContain('commands/<name>.md');
  });

  it('refuses an invalid artifact name', async () => {
    await expectRefused(PYTHON_CURRENT.replace('artifact_name = "review"', 'artifact_name = "../review"'), 'invalid_name');
  });

  it('refuses the same artifact recorded twice', async () => {
    const twice = PYTHON_CURRENT.replace('artifact_name = "review"\nartifact_type = "command"', 'artifact_name = "canvas-design"\nartifact_type = "skill"').replace('artifact_path = "commands/review.md"', 'artifact_path = "skills/canvas-design"');
    const error = await expectRefused(twice, 'corrupt_file');
    expect(error.message).toContain('canvas-design::skill');
  });

  it.each([
    ['deployed is not a list', 'deployed = 3\n'],
    ['deployed holds no tables', 'deployed = ["a"]\n'],
    ['deployment is not a table', 'deployment = "x"\n'],
    ['two layouts are mixed', PYTHON_LEGACY + PYTHON_CURRENT],
  ])('refuses a file whose format cannot be recognised: %s', async (_label, text) => {
    await expectRefused(text, 'corrupt_file');
  });
});

describe('recordRelativePath', () => {
  it('derives the path from the type registry when the record has none', () => {
    expect(recordRelativePath(record('review', A, { type: 'command' }))).toBe('commands/review.md');
  });

  it('uses the record’s own path when it has one', () => {
    expect(recordRelativePath(record('review', A, { type: 'command', path: 'commands/team-review.md' }))).toBe('commands/team-review.md');
  });
});
