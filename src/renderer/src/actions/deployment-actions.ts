/**
 * The actions on a project's deployed artifacts: deploy, sync, push, redeploy, remove, and settling
 * one conflicted file. Each runs as a task (so its row shows progress and then the result), and a
 * write is followed by one drift check of the project and one read of its unfinished merges.
 */
import type { ArtifactInfo, DeployResult, DriftEntry } from '../../../shared/results.js';
import { setTask, taskKey } from '../state/tasks-store.js';
import { actionProgressWord, type ArtifactAction } from '../view-model/drift-actions.js';
import { artifactKey, namesByType } from '../view-model/deployed-artifacts.js';
import { deployResultSummary, mergeResultSummary, undeployResultSummary, type ResultSummary } from '../view-model/result-summary.js';
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

export interface DeploymentActions {
  /** Runs a drift-recommended action on one deployed artifact. */
  runArtifactAction(project: string, entry: Pick<DriftEntry, 'name' | 'type' | 'collection'>, action: ArtifactAction): Promise<void>;
  /** Deploys artifacts of the collection into a project: one call per artifact type. */
  deployArtifacts(project: string, artifacts: readonly Pick<ArtifactInfo, 'name' | 'type' | 'collection'>[]): Promise<void>;
  /** Settles one conflicted file of an unfinished sync by taking one side. */
  resolveConflict(project: string, artifact: Pick<DriftEntry, 'name' | 'type'>, file: string, take: 'project' | 'collection' | 'base'): Promise<void>;
}

/** The deployment actions over a client and the stores; `projects` re-reads what a write changed. */
export function deploymentActions({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift' | 'loadPendingMerges'>): DeploymentActions {
  const afterWrite = (project: string) => Promise.all([projects.refreshDrift([project]), projects.loadPendingMerges(project)]);

  const runTask = async (key: string, project: string, runningText: string, work: () => Promise<ResultSummary>): Promise<void> => {
    setTask(stores.tasks, key, { phase: 'running', text: runningText });
    try {
      setTask(stores.tasks, key, { phase: 'done', summary: await work() });
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
          case 'remove':
            return undeployResultSummary(await client.undeploy({ project, name: entry.name, type: entry.type }));
        }
      });
    },

    deployArtifacts(project, artifacts) {
      return runTask(deployTaskKey(project), project, `${actionProgressWord('deploy')} ${artifacts.map((a) => a.name).join(', ')}…`, async () => {
        const deployed: DeployResult['deployed'] = [];
        for (const [collection, inCollection] of groupBy(artifacts, (a) => a.collection)) {
          for (const [type, names] of namesByType(inCollection)) {
            deployed.push(...(await client.deploy({ project, names: [...names], type, collection })).deployed);
          }
        }
        return deployResultSummary({ project, deployed });
      });
    },

    resolveConflict(project, artifact, file, take) {
      return runTask(artifactTaskKey(project, artifact), project, `Resolving ${file}…`, async () => mergeResultSummary(await client.resolve({ project, artifact: artifact.name, type: artifact.type, file, take })));
    },
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
