import { CONTRACT_VERSION, type ChoosePathInput, type Contract, type MethodName, type MethodOutput } from '../../shared/contract.js';
import type { z } from 'zod';
import type { SkillMeat } from '../skillmeat.js';
import type { ResolveChoice } from '../sync/settle-merge.js';
import { SkillmeatError } from '../errors.js';
import { typedPath } from '../fs/typed-path.js';

/** What a handler may do besides computing its result: report progress of a long operation. */
export interface OperationContext {
  progress(message: string, done?: number, total?: number): void;
}

/** What the handlers need beyond the facade: the drift monitor's switch, owned by the service. */
export interface AppControls {
  monitorState(): { running: boolean; paused: boolean };
  setMonitorPaused(paused: boolean): void;
  /** The desktop's native open dialog (null when cancelled); absent where there is none (web mode). */
  readonly choosePath: ((request: ChoosePathInput) => Promise<string | null>) | undefined;
}

type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type ContractHandlers = { readonly [M in MethodName]: (input: ParsedInput<M>, context: OperationContext) => Promise<MethodOutput<M>> };

/**
 * The one binding of the contract to the core facade. Every transport (Electron IPC, the web-mode
 * WebSocket, tests' in-memory calls) reaches the core through these functions and nothing else, so
 * no transport holds logic another would have to repeat. Inputs arrive already parsed.
 */
export function contractHandlers(core: SkillMeat, app: AppControls): ContractHandlers {
  return {
    appInfo: async () => ({
      contract_version: CONTRACT_VERSION,
      home: core.paths.root,
      active_collection: await core.activeCollection().catch(() => null),
      monitor: app.monitorState(),
    }),
    choosePath: async (input) => {
      if (app.choosePath === undefined) throw new SkillmeatError('invalid_input', 'Choosing from a dialog needs the desktop app; type the path instead.');
      return { path: await app.choosePath(input) };
    },

    listCollections: () => core.listCollections(),
    initCollection: (input) => core.init(input.name),
    useCollection: (input) => core.useCollection(input.name),

    listArtifacts: (input) => core.listArtifacts(input),
    unsupportedEntries: (input) => core.unsupportedArtifacts(input),
    // Paths a person typed: `~/…` is their home; a relative path has nothing to be relative to.
    addArtifact: (input) => core.addArtifact(typedPath(input.source_path), { type: input.type, name: input.name, collection: input.collection }),
    addFromSource: (input) => core.addFromSource(input.source, { type: input.type, name: input.name, collection: input.collection }),
    checkUpdates: (input) => core.checkUpdates({ names: input.names, type: input.type, collection: input.collection }),
    upstreamChanges: (input) => core.upstreamChanges(input),
    updateArtifacts: (input) => core.update({ names: input.names, type: input.type, collection: input.collection, dryRun: input.dry_run }),
    removeArtifact: (input) => core.removeArtifact(input.name, { type: input.type, collection: input.collection }),
    history: (input) => core.history(input.name, { type: input.type, collection: input.collection }),
    historyPage: (input) => core.historyPage(input),
    versionWhereabouts: (input) => core.versionWhereabouts(input),
    workingChanges: (input) => core.workingChanges(input),
    adoptVersion: (input) => core.adoptVersion({ collection: input.collection, versionId: input.version_id }),

    listProjects: () => core.listProjects(),
    addProject: (input) => core.addProject(typedPath(input.path)),
    removeProject: (input) => core.removeProject(input.path),

    checkDrift: (input) => core.checkDrift(input.projects),
    checkAllDrift: () => core.checkAllDrift(),
    driftSummaries: (input) => core.driftSummaries(input.projects),
    pendingMerges: (input) => core.pendingMerges({ project: input.project, collection: input.collection }),

    deploy: (input, context) =>
      core.deploy({ project: input.project, names: input.names, type: input.type, collection: input.collection, overwrite: input.overwrite, onProgress: ({ done, total }) => context.progress('copying artifacts', done, total) }),
    undeploy: (input) => core.undeploy({ project: input.project, name: input.name, type: input.type, force: input.force }),
    sync: (input) => core.sync({ project: input.project, artifacts: input.artifacts, dryRun: input.dry_run, writeMarkers: input.write_markers }),
    push: (input) => core.push({ project: input.project, artifacts: input.artifacts, strategy: input.strategy, dryRun: input.dry_run }),
    mergeDocument: (input) => core.mergeDocument(input),
    resolve: (input) => core.resolve({ project: input.project, collection: input.collection, artifact: input.artifact, type: input.type, file: input.file, choice: settlementOf(input), draft: input.draft }),
    completeMerge: (input) =>
      core.completeMerge({ project: input.project, collection: input.collection, artifact: input.artifact, type: input.type, files: input.files.map((f) => ({ path: f.path, choice: settlementOf(f) })), allowMarkers: input.allow_markers }),
    applyMergeElsewhere: (input) =>
      core.applyMergeElsewhere({ project: input.project, artifact: input.artifact, type: input.type, baseSha: input.base_sha, projectSha: input.project_sha, collectionSha: input.collection_sha, projects: input.projects }),
    compareArtifact: (input) => core.compareArtifact(input),
    diffVersions: (input) => core.diffVersions(input.from, input.to),
    restore: (input) => core.restore({ project: input.project, artifact: input.artifact, versionId: input.version_id }),

    listSnapshots: (input) => core.snapshots(input),
    createSnapshot: (input, context) => core.snapshot(input.message ?? '', { collection: input.collection, onProgress: ({ done, total }) => context.progress('archiving files', done, total) }),
    deleteSnapshot: (input) => core.deleteSnapshot(input.id, { collection: input.collection }),
    snapshotPage: (input) => core.snapshotPage(input),
    snapshotArtifacts: (input) => core.snapshotArtifacts(input.id, { collection: input.collection }),
    snapshotDiff: (input) => core.snapshotDiff(input.from, { to: input.to, collection: input.collection }),
    snapshotFileDiff: (input) => core.snapshotFileDiff(input.from, input.path, { to: input.to, collection: input.collection }),
    pinSnapshot: (input) => core.pinSnapshot(input.id, input.pinned, { collection: input.collection }),
    rollback: (input, context) => {
      if (!input.dry_run) context.progress('taking a safety snapshot, then restoring');
      return core.rollback(input.snapshot_id, { collection: input.collection, preserveChanges: input.preserve_changes, paths: input.paths, dryRun: input.dry_run });
    },
    listAudit: (input) => core.audit(input),
    verify: () => core.verify(),

    setMonitorPaused: async (input) => {
      app.setMonitorPaused(input.paused);
      return { paused: app.monitorState().paused };
    },
  };
}

/** The settlement a contract input names (the schema guarantees exactly one of take, text, delete). */
function settlementOf(input: { take?: 'project' | 'local' | 'collection' | 'base'; text?: string; delete?: true }): ResolveChoice {
  if (input.take !== undefined) return { take: input.take };
  if (input.text !== undefined) return { text: input.text };
  return { delete: true };
}
