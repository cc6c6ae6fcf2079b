/**
 * One line telling the user what an operation did, and the conflicted files it left, from the
 * operation's result (one result per call: the UI never asks per file).
 */
import { inAppWords } from './error-words.js';
import type { ArtifactMergeResult, DeployResult, FileConflictInfo, MergeOperationResult, UndeployResult } from '../../../shared/results.js';

/** A file a merge could not settle, with the artifact it belongs to. */
export interface ConflictRow {
  readonly artifact: string;
  readonly type: ArtifactMergeResult['type'];
  readonly path: string;
  readonly kind: FileConflictInfo['kind'];
}

export interface ResultSummary {
  readonly tone: 'success' | 'warning';
  readonly text: string;
  readonly conflicts: readonly ConflictRow[];
}

const OPERATION_NAMES: Readonly<Record<MergeOperationResult['operation'], string>> = { sync: 'Sync', push: 'Push', resolve: 'Resolve', restore: 'Restore' };

/** What a sync, push or resolve did, artifact by artifact, and which files still conflict. */
export function mergeResultSummary(result: MergeOperationResult): ResultSummary {
  const name = OPERATION_NAMES[result.operation];
  const conflicts = result.artifacts.flatMap((a) => a.conflicts.map((c) => ({ artifact: a.name, type: a.type, path: c.path, kind: c.kind })));
  if (result.status === 'nothing_to_do') return { tone: 'success', text: `${name}: nothing to do.`, conflicts };
  const parts = result.artifacts.map((a) => `${a.name} ${artifactOutcome(a)}`);
  const snapshot = result.safety_snapshot_id === null ? '' : ` Safety snapshot ${result.safety_snapshot_id}.`;
  const verdict = result.status === 'partial' ? `${name} left conflicts` : `${name} finished`;
  return { tone: result.status === 'partial' ? 'warning' : 'success', text: `${verdict}: ${parts.join('; ')}.${snapshot}`, conflicts };
}

function artifactOutcome(result: ArtifactMergeResult): string {
  switch (result.action) {
    case 'updated':
      return 'updated';
    case 'merged':
      return 'merged cleanly';
    case 'conflict':
      return `has ${plural(result.conflicts.length, 'conflicted file')}`;
    case 'rebaselined':
      return 'already agreed (baseline updated)';
    case 'skipped':
      return result.reason === null ? 'skipped' : `skipped (${inAppWords(result.reason)})`;
    case 'forked':
      return `forked as ${result.fork_name ?? 'a new artifact'}`;
  }
}

/** What a deploy did: which artifacts are new, replaced, or were already identical. */
export function deployResultSummary(result: DeployResult): ResultSummary {
  const names = (action: DeployResult['deployed'][number]['action']) => result.deployed.filter((d) => d.action === action).map((d) => d.name);
  const parts = [
    listed('Deployed', names('deployed')),
    listed('redeployed', names('redeployed')),
    names('unchanged').length > 0 ? `${names('unchanged').join(', ')} already up to date` : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return { tone: 'success', text: 'Nothing was deployed.', conflicts: [] };
  return { tone: 'success', text: `${capitalise(parts.join('; '))}.`, conflicts: [] };
}

/**
 * What settling one conflicted file by taking a whole side did, in plain words: taking the
 * collection's version replaces the project's edits of that file, and the text says so (never
 * "merged cleanly"); then whether the artifact is settled or how many files are left.
 */
export function settledFileSummary(result: MergeOperationResult, artifact: string, file: string, take: 'project' | 'collection' | 'base'): ResultSummary {
  const what = file === '' ? artifact : `${file} in ${artifact}`;
  const did = take === 'collection' ? `Took the collection version of ${what}, replacing the project's edits` : take === 'project' ? `Kept the project version of ${what}` : `Took the base version of ${what}, replacing both sides' edits`;
  const conflicts = mergeResultSummary(result).conflicts;
  if (result.status === 'partial') return { tone: 'warning', text: `${did}; ${plural(conflicts.length, 'conflicted file')} left.`, conflicts };
  return { tone: 'success', text: `${did}. ${artifact} is settled.`, conflicts };
}

/** What an undeploy did. */
export function undeployResultSummary(result: UndeployResult): ResultSummary {
  return { tone: 'success', text: `Removed ${result.name} from the project.`, conflicts: [] };
}

function listed(verb: string, names: readonly string[]): string {
  return names.length === 0 ? '' : `${verb} ${names.join(', ')}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 file", "3 files". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What completing a merge did: "Merge completed: canvas." (or the conflicts it still left). */
export function completedMergeSummary(result: MergeOperationResult): ResultSummary {
  const summary = mergeResultSummary(result);
  if (result.status === 'partial') return summary;
  const names = result.artifacts.map((a) => a.name);
  return { ...summary, text: names.length === 0 ? 'Merge completed.' : `Merge completed: ${names.join(', ')}.` };
}

/** What applying a resolution to other projects did, one result per project. */
export function appliedElsewhereSummary(results: readonly MergeOperationResult[]): ResultSummary {
  const left = results.filter((r) => r.status === 'partial');
  const conflicts = results.flatMap((r) => mergeResultSummary(r).conflicts);
  const applied = `Applied the same resolution to ${plural(results.length - left.length, 'other project')}.`;
  if (left.length === 0) return { tone: 'success', text: applied, conflicts };
  return { tone: 'warning', text: `${applied} Conflicts are left in ${left.map((r) => r.project).join(', ')}.`, conflicts };
}
