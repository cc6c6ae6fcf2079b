/**
 * The actions on a project's deployed artifacts: deploy, sync, push, redeploy, remove, and settling
 * one conflicted file. Each runs as a task (so its row shows progress and then the result), and a
 * write is followed by one drift check of the project and one read of its unfinished merges.
 */
import { routeHash } from '../../../shared/app-routes.js';
import type { ArtifactInfo, DeployResult, DriftEntry, MergeOperationResult } from '../../../shared/results.js';
import { clearTask, setTask, taskKey } from '../state/tasks-store.js';
import { pushToast } from '../state/toasts-store.js';
import { actionProgressWord, type ArtifactAction } from '../view-model/drift-actions.js';
import { artifactKey, namesByType } from '../view-model/deployed-artifacts.js';
import { deployResultSummary, mergeResultSummary, settledFileSummary, undeployResultSummary, type ResultSummary } from '../view-model/result-summary.js';
import { undoOfRemove, undoOfReplacedCopies, type UndoRequest } from '../view-model/undo-request.js';
import type { PushStrategy } from '../view-model/push-plan.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { ProjectActions } from './project-actions.js';

/** The task key of the "Deploy artifact" form of a project. */
export function deployTaskKey(project: string): string {
  return taskKey(project, 'deploy');
}

/** The task key of actions on one deployed artifact. */
export function artifactTaskKey(project: string, artifact: Pick<DriftEntry, 'type' | 'name'>): string {
  return taskKey(project, artifactKey(artifact));
}

/** A deployed artifact as an action needs it; the hashes (when known) tell whether a remove can be undone. */
export type ActedEntry = Pick<DriftEntry, 'name' | 'type' | 'collection'> & Partial<Pick<DriftEntry, 'project_sha' | 'collection_sha'>>;

/**
 * How a task ended: its result under the control that started it, or — when it can be undone, or
 * its row goes away — shown apart (a toast on the project's view) with Undo when there is one.
 */
type TaskOutcome = ResultSummary | { readonly summary: ResultSummary; readonly apart: { readonly undo: UndoRequest | null } };

export interface DeploymentActions {
  /** Runs a drift-recommended action on one deployed artifact. */
  runArtifactAction(project: string, entry: ActedEntry, action: ArtifactAction): Promise<void>;
  /** Deploys artifacts of the collection into a project: one call per artifact type. */
  deployArtifacts(project: string, artifacts: readonly Pick<ArtifactInfo, 'name' | 'type' | 'collection'>[]): Promise<void>;
  /** What pushing one artifact with a strategy would do (a dry run: nothing is written), or why it cannot be planned. */
  planPush(project: string, entry: ActedEntry, strategy: PushStrategy): Promise<{ readonly plan: MergeOperationResult } | { readonly error: string }>;
  /** Pushes one artifact's project copy into the collection with a strategy. */
  pushArtifact(project: string, entry: ActedEntry, strategy: PushStrategy): Promise<void>;
  /** Settles one conflicted file of an unfinished sync by taking one side. */
  resolveConflict(project: string, artifact: Pick<DriftEntry, 'name' | 'type'>, file: string, take: 'project' | 'collection' | 'base'): Promise<void>;
}

/** The deployment actions over a client and the stores; `projects` re-reads what a write changed. */
export function deploymentActions({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift' | 'loadPendingMerges'>): DeploymentActions {
  const afterWrite = (project: string) => Promise.all([projects.refreshDrift([project]), projects.loadPendingMerges(project)]);

  const runTask = async (key: string, project: string, runningText: string, work: () => Promise<TaskOutcome>): Promise<void> => {
    setTask(stores.tasks, key, { phase: 'running', text: runningText });
    try {
      const outcome = await work();
      if ('apart' in outcome) {
        clearTask(stores.tasks, key);
        pushToast(stores.toasts, { view: routeHash({ view: 'project', path: project }), tone: outcome.summary.tone, text: outcome.summary.text, undo: outcome.apart.undo });
      } else {
        setTask(stores.tasks, key, { phase: 'done', summary: outcome });
      }
    } catch (error) {
      setTask(stores.tasks, key, { phase: 'failed', ...failureOf(error) });
    }
    await afterWrite(project);
  };

  return {
    runArtifactAction(project, entry, action) {
      return runTask(artifactTaskKey(project, entry), project, `${actionProgressWord(action)} ${entry.name}…`, async () => {
        switch (action) {
          case 'sync':
            return mergeResultSummary(await client.sync({ project, artifacts: [entry.name] }));
          case 'push':
            return mergeResultSummary(await client.push({ project, artifacts: [entry.name] }));
          case 'redeploy':
            return deployResultSummary(await client.deploy({ project, names: [entry.name], type: entry.type, collection: entry.collection }));
          case 'remove': {
            // The row goes away with the copy: the result (and its Undo) is shown apart.
            const summary = undeployResultSummary(await client.undeploy({ project, name: entry.name, type: entry.type }));
            return { summary, apart: { undo: entry.project_sha === undefined || entry.collection_sha === undefined ? null : undoOfRemove(project, { ...entry, project_sha: entry.project_sha, collection_sha: entry.collection_sha }) } };
          }
        }
      });
    },

    async planPush(project, entry, strategy) {
      try {
        return { plan: await client.push({ project, artifacts: [entry.name], strategy, dry_run: true }) };
      } catch (error) {
        return { error: failureOf(error).message };
      }
    },

    pushArtifact(project, entry, strategy) {
      return runTask(artifactTaskKey(project, entry), project, `${actionProgressWord('push')} ${entry.name}…`, async () => mergeResultSummary(await client.push({ project, artifacts: [entry.name], strategy })));
    },

    deployArtifacts(project, artifacts) {
      const key = deployTaskKey(project);
      // One call per collection and type; the progress counts what was picked, across the calls.
      const progress = (done: number) => (artifacts.length === 1 ? `${actionProgressWord('deploy')} ${artifacts[0]!.name}…` : `${actionProgressWord('deploy')} ${artifacts.length} artifacts: ${done} of ${artifacts.length} done…`);
      return runTask(key, project, progress(0), async () => {
        const deployed: DeployResult['deployed'] = [];
        for (const [collection, inCollection] of groupBy(artifacts, (a) => a.collection)) {
          for (const [type, names] of namesByType(inCollection)) {
            deployed.push(...(await client.deploy({ project, names: [...names], type, collection })).deployed);
            setTask(stores.tasks, key, { phase: 'running', text: progress(deployed.length) });
          }
        }
        return deployResultSummary({ project, deployed });
      });
    },

    resolveConflict(project, artifact, file, take) {
      return runTask(artifactTaskKey(project, artifact), project, `Resolving ${file === '' ? artifact.name : file}…`, async () => {
        const result = await client.resolve({ project, artifact: artifact.name, type: artifact.type, file, take });
        const summary = settledFileSummary(result, artifact.name, file, take);
        const undo = undoOfReplacedCopies(result);
        return undo === null ? summary : { summary, apart: { undo } };
      });
    },
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
