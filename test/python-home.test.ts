import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse, stringify } from 'smol-toml';
import { openCacheDb } from '../src/core/cache/cache-db.js';
import { hashArtifact } from '../src/core/hash/content-hash.js';
import { sampleSkill, tempDir } from './support/fixtures.js';
import { contractBackEnd, rejection } from './support/contract-backend.js';
import { pythonMadeHome } from './support/python-home.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));
const PYTHON_SCHEMA = fileURLToPath(new URL('./fixtures/python-home/cache.sql', import.meta.url));

/** Runs the built `skillmeat` command (npm test builds it first) with a home of its own. */
function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A home whose cache/cache.db is the Python SkillMeat's (written from its schema, as that tool leaves it). */
async function homeWithPythonCache(): Promise<{ home: string; pythonDb: string }> {
  const home = await tempDir('skillmeat-home-');
  const pythonDb = join(home, 'cache', 'cache.db');
  await mkdir(join(home, 'cache'), { recursive: true });
  const db = new Database(pythonDb);
  db.exec(readFileSync(PYTHON_SCHEMA, 'utf8'));
  db.close();
  return { home, pythonDb };
}

describe("the Python SkillMeat's cache.db", () => {
  it('is never opened for writing: every command works beside it and leaves it byte for byte', async () => {
    const { home, pythonDb } = await homeWithPythonCache();
    const before = sha256(pythonDb);
    const project = await tempDir('skillmeat-project-');
    const ok = (...args: string[]) => {
      const run = skillmeat(home, ...args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return run;
    };
    ok('init');
    ok('add', await sampleSkill(await tempDir(), 'canvas', 'a\nb\nc\n'));
    ok('projects', 'add', project);
    ok('deploy', 'canvas', '--project', project);
    ok('deploy', 'canvas', '--project', project, '--overwrite');
    ok('verify');
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), 'a\nb\nc, from the collection\n');
    ok('sync', project);
    ok('history', 'canvas');
    ok('projects', 'list');
    // drift prints one report and exits 0 (in sync), as one JSON document with --json.
    const drift = ok('drift', project, '--json');
    expect(() => JSON.parse(drift.stdout)).not.toThrow();
    ok('snapshot', 'beside the Python tool');

    expect(sha256(pythonDb)).toBe(before);
    expect(existsSync(`${pythonDb}-wal`)).toBe(false);
    expect(existsSync(join(home, 'cache', 'skillmeat-desktop.db'))).toBe(true);
  });

  it('is ours when an older version of ours wrote it: then it is removed, for that tool to create its own', async () => {
    const home = await tempDir('skillmeat-home-');
    const legacy = join(home, 'cache', 'cache.db');
    await (await openCacheDb(legacy)).close();
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'projects', 'list').code).toBe(0);
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(join(home, 'cache', 'skillmeat-desktop.db'))).toBe(true);
  });

  it('is left alone when it holds anything of the Python tool, even tables ours once added to it', async () => {
    const { home, pythonDb } = await homeWithPythonCache();
    // What an older version of ours did to that file: its own migrations table beside the Python tables.
    const db = new Database(pythonDb);
    db.exec("CREATE TABLE migrations (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, timestamp bigint NOT NULL, name varchar NOT NULL); INSERT INTO migrations (timestamp, name) VALUES (1795478400000, 'InitialCache1795478400000');");
    db.close();
    const before = sha256(pythonDb);
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'projects', 'list').code).toBe(0);
    expect(sha256(pythonDb)).toBe(before);
  });
});

describe('artifact types we do not manage (the Python tool\'s workflow)', () => {
  const WORKFLOW = `
[[artifacts]]
name = "release-flow"
type = "workflow"
path = "workflows/release-flow"
origin = "local"
added = "2025-12-17T14:30:22.123456"
steps = ["build", "tag"]
`;

  const MCP_SERVERS = `
[[mcp_servers]]
name = "github"
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
`;

  it('are kept as they are and listed as unsupported, and so are tables we do not read; no command refuses the collection', async () => {
    const home = await tempDir('skillmeat-home-');
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas', 'a\n')).code).toBe(0);
    const manifest = join(home, 'collections/default/collection.toml');
    await writeFile(manifest, `${readFileSync(manifest, 'utf8')}${WORKFLOW}${MCP_SERVERS}`);
    await mkdir(join(home, 'collections/default/workflows/release-flow'), { recursive: true });
    await writeFile(join(home, 'collections/default/workflows/release-flow/WORKFLOW.md'), '# Release\n');

    const list = skillmeat(home, 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('canvas');
    expect(list.stdout + list.stderr).toContain('workflow "release-flow"');
    const json = JSON.parse(skillmeat(home, 'list', '--json').stdout) as { artifacts: { name: string }[]; unsupported: unknown[] };
    expect(json.artifacts.map((a) => a.name)).toEqual(['canvas']);
    expect(json.unsupported).toEqual([{ name: 'release-flow', type: 'workflow' }]);
    expect((json as unknown as { unsupported_tables: string[] }).unsupported_tables).toEqual(['mcp_servers']);
    expect(list.stdout).toContain('tables of collection.toml SkillMeat Desktop does not read: mcp_servers');
    for (const args of [['collection', 'list'], ['snapshot', 'with a workflow'], ['verify']]) {
      const run = skillmeat(home, ...args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}${run.stdout}`).toBe(0);
    }
    // A write of the collection keeps the entry byte for byte, in its place.
    expect(skillmeat(home, 'add', await sampleSkill(await tempDir(), 'tidy', 'b\n')).code).toBe(0);
    expect(skillmeat(home, 'remove', 'canvas').code).toBe(0);
    expect(readFileSync(manifest, 'utf8')).toContain(WORKFLOW.trim());
    expect(readFileSync(manifest, 'utf8')).toContain(MCP_SERVERS.trim());
  });
});

describe('deployment records the Python tool wrote', () => {
  it('keep every key we do not model through deploy --overwrite, byte for byte', async () => {
    const home = await tempDir('skillmeat-home-');
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas', 'a\n')).code).toBe(0);
    const project = await tempDir('skillmeat-project-');
    expect(skillmeat(home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    const hash = JSON.parse(skillmeat(home, 'list', '--json').stdout).artifacts[0].content_hash as string;
    // The record as that tool writes it: its key names, its own keys, naive timestamps with microseconds.
    const own = [
      'merge_base_snapshot = "20251217-143022-123456"',
      'deployment_profile_id = "default"',
      'platform = "claude_code"',
      'profile_root_dir = ".claude"',
      `version_lineage = ["${hash}"]`,
    ];
    const file = join(project, '.claude', '.skillmeat-deployed.toml');
    await writeFile(
      file,
      `[[deployed]]\nartifact_name = "canvas"\nartifact_type = "skill"\nfrom_collection = "default"\ndeployed_at = "2025-12-17T14:30:22.123456"\nartifact_path = "skills/canvas"\ncontent_hash = "${hash}"\nlocal_modifications = true\nmodification_detected_at = "2025-12-17T14:31:00.000001"\n${own.join('\n')}\n`,
    );
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), 'a, edited\n');
    const run = skillmeat(home, 'deploy', 'canvas', '--project', project, '--overwrite');
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const line of own) expect(text).toContain(line);
    expect(text).toContain('artifact_name = "canvas"');
    // The edit that tool had noted is gone: its record says so, as its own deploy would.
    expect(text).toContain('local_modifications = false');
    expect(text).not.toContain('modification_detected_at');
  });
});

describe("the Python tool's timestamps in collection.toml", () => {
  it('stay as written through our writes, in any time zone; the ones we change take their form', async () => {
    const home = await tempDir('skillmeat-home-');
    const manifest = join(home, 'collections/default/collection.toml');
    await mkdir(join(home, 'collections/default'), { recursive: true });
    // As that tool writes it: naive UTC times with microseconds.
    const text = `[collection]\nname = "default"\nversion = "1.0.0"\ncreated = "2025-12-17T14:30:22.123456"\nupdated = "2025-12-17T14:30:22.123456"\n`;
    await writeFile(manifest, text);
    const run = spawnSync(process.execPath, [BIN, '--home', home, 'add', await sampleSkill(await tempDir(), 'canvas', 'a\n')], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } });
    expect(run.status, run.stderr).toBe(0);
    const after = readFileSync(manifest, 'utf8');
    expect(after).toContain('created = "2025-12-17T14:30:22.123456"\n');
    expect(after).toMatch(/\nupdated = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000"\n/);
    expect(after).toMatch(/\nadded = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000"\n/);
    expect(after.startsWith('[collection]\nname = "default"\nversion = "1.0.0"\ncreated = "2025-12-17T14:30:22.123456"\n')).toBe(true);
  });
});

describe('state a deploy --overwrite makes stale', () => {
  it('drops the unfinished merge of the artifact it replaces, in the same step', async () => {
    const { client, home } = await contractBackEnd();
    await client.initCollection({ name: 'default' });
    await client.addArtifact({ source_path: await sampleSkill(await tempDir(), 'canvas', 'a\nb\n') });
    const project = await tempDir('skillmeat-project-');
    await client.deploy({ project, names: ['canvas'] });
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), 'a, project\nb\n');
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), 'a, collection\nb\n');
    expect((await client.sync({ project })).status).toBe('partial');
    expect(await client.pendingMerges({ project })).toHaveLength(1);

    await client.deploy({ project, names: ['canvas'], overwrite: true });
    expect(await client.pendingMerges({ project })).toEqual([]);
    expect(readFileSync(join(project, '.claude/skills/canvas/SKILL.md'), 'utf8')).toBe('a, collection\nb\n');
    expect((await rejection(client.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', take: 'project' }] }))).code).toBe('not_found');
  });
});

describe("the Python tool's hash (every file, no ignore set)", () => {
  it('is honoured by verify: a skill holding editor junk shows no false lock mismatch; a real edit still does', async () => {
    const home = await tempDir('skillmeat-home-');
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas', 'a\n')).code).toBe(0);
    // The copy as that tool leaves it (it copies every file), and its lock entry: the hash of every file, the junk included.
    const copy = join(home, 'collections/default/skills/canvas');
    await writeFile(join(copy, 'SKILL.md~'), 'an editor backup\n');
    await writeFile(join(copy, '.SKILL.md.swp'), 'swap\n');
    const theirs = await hashArtifact(copy, 'folder', { everyFile: true });
    const ours = await hashArtifact(copy, 'folder');
    expect(theirs).not.toBe(ours);
    const lock = join(home, 'collections/default/collection.lock');
    await writeFile(lock, readFileSync(lock, 'utf8').replace(ours!, theirs!));
    const clean = skillmeat(home, 'verify');
    expect(clean.code, clean.stdout).toBe(0);

    await writeFile(join(copy, 'SKILL.md'), 'a, edited\n');
    const edited = skillmeat(home, 'verify');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('no longer matches its collection.lock entry');
  });
});

describe('a home the Python tool made, and our state in it', () => {
  const CANVAS = 'line one\nline two\nline three\nline four\nline five\n';

  it('after our sync merges local edits, its record says what that tool understands, and our state survives its rewrite', async () => {
    const made = await pythonMadeHome();
    const collectionCopy = join(made.home, 'collections/default/skills/canvas');
    const deployed = join(made.project, '.claude', '.skillmeat-deployed.toml');
    const before = parse(readFileSync(deployed, 'utf8')) as { deployed: Record<string, unknown>[] };
    const baseline = before.deployed[0]!.content_hash as string;
    await writeFile(join(collectionCopy, 'SKILL.md'), CANVAS.replace('line one', 'line one, collection'));
    await writeFile(join(made.project, '.claude/skills/canvas/SKILL.md'), CANVAS.replace('line five', 'line five, project'));
    expect(skillmeat(made.home, 'sync', made.project).code).toBe(0);

    const collectionHash = await hashArtifact(collectionCopy, 'folder');
    const record = (parse(readFileSync(deployed, 'utf8')) as { deployed: Record<string, unknown>[] }).deployed[0]!;
    // The collection content it integrated is its baseline and merge base; the project holds more: a local modification.
    expect(record).toMatchObject({ content_hash: collectionHash, collection_sha: collectionHash, merge_base_snapshot: collectionHash, local_modifications: true, version_lineage: [baseline, collectionHash] });
    expect(record.upstream_sha).toBeUndefined();
    const drift = () => JSON.parse(skillmeat(made.home, 'drift', made.project, '--json').stdout) as { drift: unknown[]; in_sync: { name: string }[] };
    expect(drift().drift).toEqual([]);

    // That tool rewrites the file whole from the keys it models (tomli_w), as after any deploy of its own.
    const known = ['artifact_name', 'artifact_type', 'from_collection', 'deployed_at', 'artifact_path', 'content_hash', 'local_modifications', 'version_lineage', 'merge_base_snapshot', 'deployment_profile_id', 'platform', 'profile_root_dir', 'collection_sha'];
    const table = parse(readFileSync(deployed, 'utf8')) as { deployed: Record<string, unknown>[] };
    await writeFile(deployed, stringify({ deployed: table.deployed.map((entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => known.includes(key)))) }));
    expect(drift().drift).toEqual([]);
    expect(drift().in_sync.map((e) => e.name)).toContain('canvas');
  });

  it('files we create take the form that tool reads; a setting in config.toml says otherwise', async () => {
    const made = await pythonMadeHome();
    const project = await tempDir('skillmeat-project-');
    expect(skillmeat(made.home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    const deployed = readFileSync(join(project, '.claude', '.skillmeat-deployed.toml'), 'utf8');
    expect(deployed).toMatch(/^\[\[deployed\]\]\nartifact_name = "canvas"\nartifact_type = "skill"\nfrom_collection = "default"\ndeployed_at = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"\nartifact_path = "skills\/canvas"\ncontent_hash = "[0-9a-f]{64}"\n/);
    expect(deployed).not.toContain('[deployment]');

    await rm(join(made.home, 'snapshots'), { recursive: true });
    expect(skillmeat(made.home, 'snapshot', 'first of ours').code).toBe(0);
    const snapshots = readFileSync(join(made.home, 'snapshots/default/snapshots.toml'), 'utf8');
    expect(snapshots).toMatch(/\ntimestamp = "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"\n/);
    expect(snapshots).toContain(`tarball_path = "${join(made.home, 'snapshots/default/')}`);

    // Chosen by hand: our own form, whatever the home holds.
    await writeFile(join(made.home, 'config.toml'), `${readFileSync(join(made.home, 'config.toml'), 'utf8')}\n[desktop]\nfile-format = "skillmeat"\n`);
    const other = await tempDir('skillmeat-project-');
    expect(skillmeat(made.home, 'deploy', 'canvas', '--project', other).code).toBe(0);
    expect(readFileSync(join(other, '.claude', '.skillmeat-deployed.toml'), 'utf8')).toContain('[deployment]');
  });

  it('a home of ours alone keeps our form', async () => {
    const home = await tempDir('skillmeat-home-');
    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas', 'a\n')).code).toBe(0);
    const project = await tempDir('skillmeat-project-');
    expect(skillmeat(home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    expect(readFileSync(join(project, '.claude', '.skillmeat-deployed.toml'), 'utf8')).toContain('[deployment]');
    expect(skillmeat(home, 'snapshot', 'ours').code).toBe(0);
    expect(readFileSync(join(home, 'snapshots/default/snapshots.toml'), 'utf8')).toMatch(/\ntimestamp = \d{4}-/);
  });

  it('a bad file-format setting is a clear error that changes nothing', async () => {
    const made = await pythonMadeHome();
    await writeFile(join(made.home, 'config.toml'), '[desktop]\nfile-format = "yaml"\n');
    const project = await tempDir('skillmeat-project-');
    const run = skillmeat(made.home, 'deploy', 'canvas', '--project', project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('file-format');
    expect(existsSync(join(project, '.claude', '.skillmeat-deployed.toml'))).toBe(false);
  });
});

describe('timestamps in our output', () => {
  it('take one form, RFC 3339 UTC with Z, whatever form the files hold', async () => {
    const made = await pythonMadeHome();
    await writeFile(join(made.project, '.claude/skills/canvas/SKILL.md'), 'edited\n');
    const outputs = [
      skillmeat(made.home, 'list', '--json').stdout,
      skillmeat(made.home, 'drift', made.project, '--json').stdout,
      skillmeat(made.home, 'snapshots', '--json').stdout,
      skillmeat(made.home, 'history', 'canvas', '--json').stdout,
      skillmeat(made.home, 'list').stdout,
      skillmeat(made.home, 'snapshots').stdout,
    ].join('\n');
    const times = outputs.match(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?[^\s",]*/g) ?? [];
    expect(times.length).toBeGreaterThan(5);
    for (const time of times) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });
});
