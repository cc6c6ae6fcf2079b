import { Command, InvalidArgumentError, Option } from 'commander';
import { ARTIFACT_TYPES, type ArtifactType } from '../shared/artifact-types.js';
import type { DriftReport, MergeOperationResult, SnapshotInfo } from '../shared/results.js';
import type { PushStrategy } from '../core/sync/push-project.js';
import { SkillmeatError } from '../core/errors.js';
import { renderMergeResult } from './render-merge.js';
import { renderRollbackResult } from './render-rollback.js';
import { SkillMeat } from '../core/skillmeat.js';
import { columns, printMessage, processOutput, type Output } from './output.js';
import { EXIT_FAILURE, EXIT_NEEDS_ACTION, EXIT_OK } from './exit-codes.js';
import { renderDriftReport } from './render-drift.js';
import { renderSnapshotDiff } from './render-snapshot-diff.js';
import { registerMergeCommands } from './merge-commands.js';
import { registerUiCommand } from './ui-command.js';
import { SKILLMEAT_VERSION } from '../core/version.js';

/** Options every command accepts (cli.md: global options). */
interface GlobalOptions {
  readonly home?: string;
  readonly json?: boolean;
  readonly collection?: string;
}

/** What a command's action needs: the facade and the output, built from the global options. */
interface CommandContext {
  readonly core: SkillMeat;
  readonly out: Output;
  readonly collection?: string;
}

type Action = (ctx: CommandContext, ...args: never[]) => Promise<number | void>;

/** The exit code the last action asked for, read by main after parsing. */
export interface ProgramRun {
  readonly program: Command;
  exitCode(): number;
  json(): boolean;
}

/**
 * The commands buildProgram registers one by one (merge-file, diff and ui come always: they are few).
 * Kept in step with the registrations by a test.
 */
export const SELECTABLE_COMMANDS = [
  'init', 'collection', 'add', 'update', 'remove', 'list', 'deploy', 'undeploy', 'drift', 'projects', 'sync',
  'push', 'resolve', 'restore', 'history', 'snapshot', 'snapshots', 'rollback', 'verify', 'recover', 'audit',
] as const;

/**
 * Builds the `skillmeat` command line. Each action is a thin call into the core facade. Given the
 * arguments, only the command they invoke is built: making forty commands and their options is
 * a good part of a short command's start-up (bench/startup-bench.js). Help, a mistyped command
 * (which gets suggestions) or no command at all build them all.
 */
export function buildProgram(argv: readonly string[] = []): ProgramRun {
  const invoked = invokedCommand(argv);
  const wanted = (name: (typeof SELECTABLE_COMMANDS)[number]): boolean => invoked === undefined || invoked === name;
  let exitCode = EXIT_OK;
  const program = new Command('skillmeat')
    .description('Keep Claude Code artifacts in one collection, deploy them into projects, and see drift.')
    .version(SKILLMEAT_VERSION)
    .option('--home <dir>', 'home folder (else $SKILLMEAT_HOME, else ~/.skillmeat)')
    .option('--json', 'print one JSON document on stdout')
    .option('-c, --collection <name>', 'collection to work on (else the active one)')
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors must exit 2 (cli.md), not commander's 1: throw, and let runCli map the code.
    // Set before any subcommand is created so that every subcommand inherits it.
    .exitOverride();

  /** Wraps an action: builds the context, runs it, records its exit code, always closes the core. */
  const run =
    (action: Action) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      const core = new SkillMeat({ onNotice: printMessage, ...(globals.home !== undefined ? { home: globals.home } : {}) });
      try {
        const ctx: CommandContext = { core, out: processOutput(globals.json === true), ...(globals.collection ? { collection: globals.collection } : {}) };
        exitCode = (await action(ctx, ...(args.slice(0, -1) as never[]))) ?? EXIT_OK;
      } finally {
        await core.close();
      }
    };
  const typeOption = () => new Option('-t, --type <type>', 'artifact type').choices(ARTIFACT_TYPES);

  if (wanted('init')) {
    program
      .command('init [name]')
      .description('create a collection (default "default")')
      .action(
        run(async ({ core, out }, name?: string) => {
          const result = await core.init(name);
          out.result(result, (r) => [r.created ? `Created collection "${r.collection}" at ${r.path}` : `Collection "${r.collection}" already exists at ${r.path}`]);
        }),
      );
  }

  if (wanted('collection')) {
    const collection = program.command('collection').description('list collections or choose the active one');
    collection
      .command('list')
      .description('list collections')
      .action(
        run(async ({ core, out }) => {
          const result = await core.listCollections();
          out.result({ collections: result }, ({ collections }) =>
            collections.length === 0 ? ['No collections yet. Create one with `skillmeat init`.'] : columns(collections.map((c) => [c.active ? '*' : ' ', c.name, `${c.artifact_count} artifact(s)`, c.path]), ''),
          );
        }),
      );
    collection
      .command('use <name>')
      .description('set the active collection')
      .action(
        run(async ({ core, out }, name: string) => {
          const result = await core.useCollection(name);
          out.result(result, (r) => [`Active collection: ${r.collection}`]);
        }),
      );
  }

  if (wanted('add')) {
    program
      .command('add <source>')
      .description('add an artifact from a local file or folder, or from a git repository: github:OWNER/REPO/PATH[@REF], OWNER/REPO/PATH[@REF] or git+URL#PATH[@REF] (type detected when not given)')
      .addOption(typeOption())
      .option('-n, --name <name>', 'artifact name (default: the file or folder name)')
      .action(
        run(async ({ core, out, collection }, source: string, options: { type?: ArtifactType; name?: string }) => {
          const result = await core.addArtifact(source, { ...options, ...(collection ? { collection } : {}) });
          out.result(result, (a) => [
            `Added ${a.type} "${a.name}" to collection "${a.collection}" (${a.content_hash.slice(0, 12)})`,
            ...(a.upstream ? [`  from ${a.upstream.source} at ${a.upstream.resolved_sha.slice(0, 12)}${a.upstream.resolved_version ? ` (${a.upstream.resolved_version})` : ''}`] : []),
          ]);
        }),
      );
  }

  if (wanted('update')) {
    program
      .command('update [names...]')
      .description("bring upstream (git) changes into the collection, three-way merging the collection's own edits; --check lists available updates (exit 1 if any)")
      .addOption(typeOption())
      .option('--check', 'only say which artifacts have an update upstream, with the files it changes; write nothing to the collection')
      .option('--dry-run', 'show what would happen, write nothing to the collection')
      .action(
        run(async ({ core, out, collection }, names: string[], options: { type?: ArtifactType; check?: boolean; dryRun?: boolean }) => {
          const request = { ...(names.length > 0 ? { names } : {}), ...(options.type ? { type: options.type } : {}), ...(collection ? { collection } : {}) };
          const { renderUpdateCheck, renderUpdateResult } = await import('./render-update.js');
          if (options.check) {
            const check = await core.checkUpdates(request);
            out.result(check, renderUpdateCheck);
            return check.artifacts.some((a) => a.status === 'error') ? EXIT_FAILURE : check.updates_available > 0 ? EXIT_NEEDS_ACTION : EXIT_OK;
          }
          const result = await core.update({ ...request, dryRun: options.dryRun === true });
          out.result(result, renderUpdateResult);
          return result.artifacts.some((a) => a.action === 'error') ? EXIT_FAILURE : result.status === 'partial' ? EXIT_NEEDS_ACTION : EXIT_OK;
        }),
      );
  }

  if (wanted('remove')) {
    program
      .command('remove <name>')
      .description('remove an artifact from the collection (after a safety snapshot, from which `rollback ID --paths` brings it back)')
      .addOption(typeOption())
      .option('-y, --yes', 'accepted for scripts; removal never prompts (the safety snapshot makes it undoable)')
      .action(
        run(async ({ core, out, collection }, name: string, options: { type?: ArtifactType }) => {
          const result = await core.removeArtifact(name, { ...(options.type ? { type: options.type } : {}), ...(collection ? { collection } : {}) });
          out.result(result, (r) => [`Removed ${r.type} "${r.name}" from collection "${r.collection}". To undo: skillmeat rollback ${r.safety_snapshot_id ?? 'SNAPSHOT'} --paths <its path>`]);
        }),
      );
  }

  if (wanted('list')) {
    program
      .command('list')
      .description('artifacts of the collection with type, version and hash')
      .action(
        run(async ({ core, out, collection }) => {
          const { artifacts, unsupported: kept } = await core.listCollection(collection ? { collection } : {});
          out.result({ artifacts, unsupported: kept.artifacts, unsupported_tables: kept.tables }, (r) => [
            ...(r.artifacts.length === 0 ? ['The collection is empty. Add an artifact with `skillmeat add PATH`.'] : columns([['TYPE', 'NAME', 'VERSION', 'HASH'], ...r.artifacts.map((a) => [a.type, a.name, a.version ?? '-', a.content_hash.slice(0, 12)])], '')),
            ...(r.unsupported.length === 0 ? [] : ['', `Kept as they are, of types SkillMeat Desktop does not manage: ${r.unsupported.map((u) => `${u.type} "${u.name}"`).join(', ')}`]),
            ...(r.unsupported_tables.length === 0 ? [] : [`Kept as they are, tables of collection.toml SkillMeat Desktop does not read: ${r.unsupported_tables.join(', ')}`]),
          ]);
        }),
      );
  }

  if (wanted('deploy')) {
    program
      .command('deploy <names...>')
      .description('copy artifacts into DIR/.claude/ and record their baselines')
      .requiredOption('-p, --project <dir>', 'project folder')
      .addOption(typeOption())
      .option('--overwrite', 'replace a project copy that has local edits or was not deployed by SkillMeat')
      .action(
        run(async ({ core, out, collection }, names: string[], options: { project: string; type?: ArtifactType; overwrite?: boolean }) => {
          const result = await core.deploy({ names, project: options.project, overwrite: options.overwrite === true, ...(options.type ? { type: options.type } : {}), ...(collection ? { collection } : {}) });
          out.result(result, (r) => r.deployed.map((d) => `${d.action === 'unchanged' ? 'Unchanged' : d.action === 'redeployed' ? 'Redeployed' : 'Deployed'} ${d.type} "${d.name}" → ${r.project}/.claude/${d.path}`));
        }),
      );
  }

  if (wanted('undeploy')) {
    program
      .command('undeploy <name>')
      .description('remove a deployed copy and its record')
      .requiredOption('-p, --project <dir>', 'project folder')
      .addOption(typeOption())
      .option('--force', 'remove the copy even if it has local edits')
      .action(
        run(async ({ core, out }, name: string, options: { project: string; type?: ArtifactType; force?: boolean }) => {
          const result = await core.undeploy({ name, project: options.project, force: options.force === true, ...(options.type ? { type: options.type } : {}) });
          out.result(result, (r) => [`Undeployed ${r.type} "${r.name}" from ${r.project}`]);
        }),
      );
  }

  if (wanted('drift')) {
    program
      .command('drift [dir]')
      .description('drift report for a project, or for every registered project (exit 1 if anything needs action)')
      .action(
        run(async ({ core, out }, dir?: string) => {
          const reports = dir !== undefined ? await core.checkDrift([dir]) : await core.checkAllDrift();
          // One project asked for and not checkable is the command's error; among many, it is one report of the rest.
          const failed = reports[0]?.error;
          if (dir !== undefined && failed) throw new SkillmeatError(failed.code, failed.message);
          const document = dir !== undefined ? reports[0]! : { reports };
          out.result<unknown>(document, () => (reports.length === 0 ? ['No registered projects. Add one with `skillmeat projects add DIR`.'] : reports.flatMap((r: DriftReport) => renderDriftReport(r))));
          if (reports.some((r) => r.error !== null)) return EXIT_FAILURE;
          return reports.some((r) => r.summary.needs_action > 0) ? EXIT_NEEDS_ACTION : EXIT_OK;
        }),
      );
  }

  if (wanted('projects')) {
    const projects = program.command('projects').description('the projects the app watches');
    projects
      .command('list')
      .description('list registered projects with their last drift check')
      .action(
        run(async ({ core, out }) => {
          const list = await core.listProjects();
          out.result({ projects: list }, (r) =>
            r.projects.length === 0
              ? ['No registered projects. Add one with `skillmeat projects add DIR`.']
              : columns(r.projects.map((p) => [p.name, p.needs_action === null ? 'not checked' : p.needs_action === 0 ? 'in sync' : `${p.needs_action} need action`, p.path]), ''),
          );
        }),
      );
    projects
      .command('add <dir>')
      .description('register a project folder')
      .action(
        run(async ({ core, out }, dir: string) => {
          const result = await core.addProject(dir);
          out.result(result, (r) => [r.added ? `Registered ${r.project.path}` : `${r.project.path} was already registered`]);
        }),
      );
    projects
      .command('remove <dir>')
      .description('unregister a project folder (its files are untouched)')
      .action(
        run(async ({ core, out }, dir: string) => {
          const result = await core.removeProject(dir);
          out.result(result, (r) => [`Unregistered ${r.path}`]);
        }),
      );
  }

  if (wanted('sync')) {
    program
      .command('sync <dir>')
      .description('collection → project: take collection changes, three-way merging local edits (exit 1 on conflicts)')
      .option('-a, --artifact <name>', 'only this artifact (repeatable)', collect)
      .option('--dry-run', 'show what would happen, write nothing')
      .option('--write-markers', 'write conflicted files with conflict markers instead of leaving them untouched')
      .action(
        run(async ({ core, out }, dir: string, options: { artifact?: string[]; dryRun?: boolean; writeMarkers?: boolean }) => {
          const result = await core.sync({ project: dir, ...(options.artifact ? { artifacts: options.artifact } : {}), dryRun: options.dryRun === true, writeMarkers: options.writeMarkers === true });
          out.result(result, renderMergeResult);
          return mergeExit(result);
        }),
      );
  }

  if (wanted('push')) {
    program
      .command('push <dir>')
      .description("project → collection: send a project's edits back (exit 1 on conflicts)")
      .option('-a, --artifact <name>', 'only this artifact (repeatable)', collect)
      .addOption(new Option('-s, --strategy <strategy>', 'overwrite the collection copy, merge with it, or fork a new artifact').choices(['overwrite', 'merge', 'fork']).default('merge'))
      .option('--dry-run', 'show what would happen, write nothing')
      .action(
        run(async ({ core, out }, dir: string, options: { artifact?: string[]; strategy: PushStrategy; dryRun?: boolean }) => {
          const result = await core.push({ project: dir, ...(options.artifact ? { artifacts: options.artifact } : {}), strategy: options.strategy, dryRun: options.dryRun === true });
          out.result(result, renderMergeResult);
          return mergeExit(result);
        }),
      );
  }

  if (wanted('resolve')) {
    program
      .command('resolve <dir> [artifact] [file]')
      .description(
        'settle one conflicted file of an unfinished sync or push merge; completes the merge when none are left (FILE may be left out, or ".", for a command or agent). ' +
          'With --in-collection, a merge waiting in the collection (an update\'s or a rollback\'s): `resolve --in-collection ARTIFACT [FILE] --take collection|upstream|base`',
      )
      .addOption(new Option('--take <side>', 'take one side whole, or the base ("local" is an older word for project; in the collection: collection = its copy, upstream = the other side)').choices(['project', 'local', 'collection', 'upstream', 'base']))
      .option('--from <path>', 'take the content of this file (a hand-merged copy)')
      .option('--in-collection', "settle a merge waiting in the collection (an update's or a rollback's) rather than in a project: DIR is then the artifact")
      .addOption(typeOption())
      .action(
        run(async ({ core, out, collection }, dir: string, artifact: string | undefined, file: string | undefined, options: { take?: 'project' | 'local' | 'collection' | 'upstream' | 'base'; from?: string; inCollection?: boolean; type?: ArtifactType }) => {
          if ((options.take === undefined) === (options.from === undefined)) {
            throw new SkillmeatError('invalid_input', 'Say how to settle the file: exactly one of --take project|collection|base (in the collection: collection|upstream|base) or --from PATH.');
          }
          // In the collection, the merge's "project" side is the collection copy and its "collection" side the incoming one (upstream, or a snapshot).
          const inCollection = options.inCollection === true;
          const side = options.take === undefined ? undefined : inCollection ? ({ collection: 'project', upstream: 'collection', base: 'base' } as const)[options.take as 'collection' | 'upstream' | 'base'] : options.take === 'upstream' ? undefined : options.take;
          if (options.take !== undefined && side === undefined) {
            throw new SkillmeatError('invalid_input', inCollection ? `--take ${options.take} does not name a side of a merge in the collection: use collection, upstream or base.` : '--take upstream names a side of a merge in the collection: add --in-collection, or use project, collection or base.');
          }
          const choice = side !== undefined ? { take: side } : { fromPath: options.from! };
          const where = inCollection ? { ...(collection ? { collection } : {}) } : { project: dir };
          const name = inCollection ? dir : artifact;
          const path = inCollection ? artifact : file;
          if (name === undefined) throw new SkillmeatError('invalid_input', 'Say which artifact: `skillmeat resolve DIR ARTIFACT [FILE] …`.');
          const result = await core.resolve({ ...where, artifact: name, ...(options.type ? { type: options.type } : {}), file: path ?? '', choice });
          out.result(result, renderMergeResult);
          return mergeExit(result);
        }),
      );
  }

  if (wanted('restore')) {
    program
      .command('restore <name>')
      .description('put a stored version (see history) back as the project copy: undo for overwrites')
      .requiredOption('-p, --project <dir>', 'project folder')
      .requiredOption('--id <version>', 'version id from `skillmeat history NAME`')
      .action(
        run(async ({ core, out }, name: string, options: { project: string; id: string }) => {
          const result = await core.restore({ project: options.project, artifact: name, versionId: options.id });
          out.result(result, renderMergeResult);
        }),
      );
  }

  if (wanted('history')) {
    program
      .command('history <name>')
      .description("an artifact's version DAG: each version with its parents, newest first")
      .addOption(typeOption())
      .option('--graph', 'draw it as lanes, one per place (the collection, each project), as git log --graph does')
      .action(
        run(async ({ core, out, collection }, name: string, options: { type?: ArtifactType; graph?: boolean }) => {
          const result = await core.history(name, { ...(options.type ? { type: options.type } : {}), ...(collection ? { collection } : {}) });
          // Loaded by the commands that draw history: it brings the diff engine with it.
          const { renderHistoryGraph } = await import('./render-history.js');
          out.result(result, (h) =>
            h.versions.length === 0
              ? [`No stored versions of ${h.type} "${h.name}" yet (versions are kept from its next deploy, sync or push).`]
              : options.graph
                ? renderHistoryGraph(h)
                : [`${h.type} "${h.name}" (${h.versions.length} versions, newest first)`, ...columns(h.versions.map((v) => [v.id, v.merge_strategy, v.created_at, v.parents.length > 0 ? `← ${v.parents.join(', ')}` : '(root)']))],
          );
        }),
      );
  }

  if (wanted('snapshot')) {
    program
      .command('snapshot [message]')
      .description('archive the whole collection (a manual snapshot, kept until deleted); prints its id')
      .action(
        run(async ({ core, out, collection }, message?: string) => {
          const info = await core.snapshot(message ?? '', collection ? { collection } : {});
          out.result(info, (s) => [s.id]);
        }),
      );
  }

  if (wanted('snapshots')) {
    const snapshots = program
      .command('snapshots')
      .description('list snapshots, newest first (show ID / delete ID for one)')
      .option('--limit <n>', 'at most this many', count)
      .option('--offset <n>', 'skip this many newest ones first', count)
      .action(
        run(async ({ core, out, collection }, options: { limit?: number; offset?: number }) => {
          const list = await core.snapshots({ ...(collection ? { collection } : {}), ...options });
          out.result({ snapshots: list }, (r) => (r.snapshots.length === 0 ? ['No snapshots yet. Take one with `skillmeat snapshot "message"`.'] : columns(r.snapshots.map(snapshotLine), '')));
        }),
      );
    snapshots
      .command('show <id>')
      .description("one snapshot's metadata")
      .action(
        run(async ({ core, out, collection }, id: string) => {
          const info = await core.showSnapshot(id, collection ? { collection } : {});
          out.result(info, (s) => columns([snapshotLine(s)], ''));
        }),
      );
    snapshots
      .command('diff <from> [to]')
      .description('artifacts and files added (+), modified (~) and removed (-) from snapshot FROM to TO (default: the collection now); nothing is extracted')
      .action(
        run(async ({ core, out, collection }, from: string, to?: string) => {
          const diff = await core.snapshotDiff(from, { ...(to !== undefined ? { to } : {}), ...(collection ? { collection } : {}) });
          out.result(diff, renderSnapshotDiff);
        }),
      );
    for (const [command, pinned] of [['pin', true], ['unpin', false]] as const) {
      snapshots
        .command(`${command} <id>`)
        .description(pinned ? 'keep a snapshot whatever the retention policy says' : 'let the retention policy decide about a snapshot again')
        .action(
          run(async ({ core, out, collection }, id: string) => {
            const info = await core.pinSnapshot(id, pinned, collection ? { collection } : {});
            out.result(info, (s) => [pinned ? `Pinned snapshot ${s.id}: retention never thins it.` : `Unpinned snapshot ${s.id} (${s.retention}).`]);
          }),
        );
    }
    snapshots
      .command('delete <id>')
      .description('delete a snapshot and its archive')
      .action(
        run(async ({ core, out, collection }, id: string) => {
          const info = await core.deleteSnapshot(id, collection ? { collection } : {});
          out.result(info, (s) => [`Deleted snapshot ${s.id}`]);
        }),
      );
  }

  if (wanted('rollback')) {
    program
      .command('rollback <id>')
      .description('restore a snapshot (a safety snapshot is taken first, so a rollback can itself be rolled back)')
      .option('--preserve-changes', "undo what SkillMeat's operations changed since the snapshot; keep edits made by hand after the last one")
      .option('--paths <paths...>', 'only these paths (relative to the collection folder) return to the snapshot')
      .option('--dry-run', 'print the plan (per artifact and file: restore, merge, conflict, keep) and the projects affected; change nothing')
      .option('-y, --yes', 'accepted for scripts; rollback never prompts (the safety snapshot makes it undoable)')
      .action(
        run(async ({ core, out, collection }, id: string, options: { preserveChanges?: boolean; paths?: string[]; dryRun?: boolean }) => {
          const result = await core.rollback(id, { ...(collection ? { collection } : {}), preserveChanges: options.preserveChanges === true, ...(options.paths ? { paths: options.paths } : {}), dryRun: options.dryRun === true });
          out.result(result, renderRollbackResult);
          return result.status === 'partial' ? EXIT_NEEDS_ACTION : EXIT_OK;
        }),
      );
  }

  if (wanted('verify')) {
    program
      .command('verify')
      .description('re-check lock entries, baselines, stored versions and snapshot archives (exit 1 on any problem)')
      .action(
        run(async ({ core, out }) => {
          const result = await core.verify();
          out.result(result, (r) => [
            `Checked ${r.checked.lock_entries} lock entries, ${r.checked.baselines} baselines, ${r.checked.snapshots} snapshots and the version store: ${r.ok ? 'all good' : `${r.problems.length} problem(s)`}`,
            ...r.problems.map((p) => `  ${p.kind}: ${p.message} (${p.path})`),
          ]);
          return result.ok ? EXIT_OK : EXIT_NEEDS_ACTION;
        }),
      );
  }

  if (wanted('recover')) {
    program
      .command('recover [dirs...]')
      .description('finish or undo operations a killed SkillMeat left half done, in every collection and registered project (or the projects given)')
      .action(
        run(async ({ core, out }, dirs: string[]) => {
          const result = await core.recover(dirs.length > 0 ? dirs : undefined);
          out.result(result, (r) => [
            r.settled.length === 0 ? 'Nothing was left half done.' : `Settled: ${r.settled.join(', ')}`,
            ...r.foreign_staging.map((path) => `  left alone (not written by this home): ${path}`),
          ]);
        }),
      );
  }

  if (wanted('audit')) {
    program
      .command('audit')
      .description('the audit trail of rollbacks and merges, newest first')
      .option('--limit <n>', 'at most this many', count)
      .action(
        run(async ({ core, out, collection }, options: { limit?: number }) => {
          const entries = await core.audit({ ...(collection ? { collection } : {}), ...options });
          out.result({ entries }, (r) =>
            r.entries.length === 0 ? ['No audit entries yet.'] : columns(r.entries.map((e) => [e.id, e.timestamp, e.operation_type, e.success ? 'ok' : 'FAILED', `→ ${e.target_snapshot_id}`, e.error ?? `${e.files_restored.length} restored, ${e.conflicts_pending.length} conflict(s)`]), ''),
          );
        }),
      );
  }

  const { diff } = registerMergeCommands(program, (code) => (exitCode = code));
  diff
    .command('versions <from> <to>')
    .description('what changed from one stored version to another: files added, modified, removed, as unified diffs')
    .action(
      run(async ({ core, out }, from: string, to: string) => {
        const result = await core.diffVersions(from, to);
        const { renderVersionDiff } = await import('./render-history.js');
        out.result(result, renderVersionDiff);
      }),
    );
  registerUiCommand(program);

  return { program, exitCode: () => exitCode, json: () => program.opts<GlobalOptions>().json === true };
}

/**
 * The selectable command `argv` invokes: its first operand after the global options, when that
 * names one. Undefined (build everything) for anything else, `--help` before the command included.
 */
function invokedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--home' || arg === '--collection' || arg === '-c') i++;
    else if (arg === '--json' || arg.startsWith('--home=') || arg.startsWith('--collection=') || /^-c./.test(arg)) continue;
    else return (SELECTABLE_COMMANDS as readonly string[]).includes(arg) ? arg : undefined;
  }
  return undefined;
}

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A merge that left conflicts pending needs action. */
function mergeExit(result: MergeOperationResult): number {
  return result.status === 'partial' ? EXIT_NEEDS_ACTION : EXIT_OK;
}

/** One snapshot as a row of `snapshots`. */
function snapshotLine(s: SnapshotInfo): string[] {
  return [
    s.id,
    s.operation === null ? s.kind : `${s.kind} (${s.operation})`,
    // Why retention keeps it; a pin shows as `pinned`.
    s.pinned ? '* pinned' : s.retention,
    s.timestamp,
    `${s.artifact_count} artifact(s)`,
    s.size_bytes === null ? 'ARCHIVE MISSING' : `${Math.ceil(s.size_bytes / 1024)} KiB`,
    s.message,
  ];
}

/** A count option's value: a whole number ≥ 0. */
function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number ≥ 0 is needed.');
  return n;
}
