/**
 * Upstream drift (`update --check`): for each artifact added from a git source, fetch its
 * repository (incrementally) and compare the commit it recorded with the one its ref names now.
 * Read-only for the collection: only the source cache changes. An artifact whose upstream cannot
 * be reached is reported as such, and never hides the others.
 */
import type { ArtifactType } from '../../shared/artifact-types.js';
import type { UpdateCheckResult, UpstreamCheck } from '../../shared/results.js';
import { formatSource } from '../../shared/source-spec.js';
import { SkillmeatError } from '../errors.js';
import type { HomePaths } from '../home/home-paths.js';
import { openCollection } from '../collection/collections.js';
import { cacheRepoPath, fetchSource, hasCommit } from '../sources/source-cache.js';
import type { UpstreamRecord } from '../sources/upstream-record.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import type { UpstreamChanges } from '../../shared/merge-results.js';
import { changedFiles } from './artifact-changes.js';
import { fileChanges, sourcedEntries, withBaseTree, withUpstreamTree, type RecordedUpstream } from './upstream-trees.js';

export interface CheckRequest {
  readonly collection: string;
  /** Only these artifacts (each must come from a git source); all sourced ones when empty. */
  readonly names?: readonly string[];
  readonly type?: ArtifactType;
  readonly now: string;
}

/** Where each sourced artifact's upstream stands: update available (with the upstream version and the files that changed), up to date, or unreachable. */
export async function checkUpdates(paths: HomePaths, request: CheckRequest, recorded: RecordedUpstream): Promise<UpdateCheckResult> {
  const collection = await openCollection(paths, request.collection);
  const fetched = new Map<string, Promise<string>>();
  const artifacts: UpstreamCheck[] = [];
  for (const { entry, record } of sourcedEntries(collection, request.names, request.type)) {
    const base: UpstreamCheck = {
      name: entry.name,
      type: entry.type,
      source: formatSource(record.spec),
      version_spec: record.versionSpec,
      resolved_sha: record.resolvedSha,
      resolved_version: record.resolvedVersion ?? null,
      upstream_sha: null,
      upstream_version: null,
      status: 'up_to_date',
      changed_files: [],
      error: null,
    };
    try {
      const { gitDir, resolved } = await fetchSource(paths, record.spec, fetched);
      if (resolved.commit === record.resolvedSha) {
        artifacts.push({ ...base, upstream_sha: resolved.commit, upstream_version: resolved.tag ?? record.resolvedVersion ?? null });
        continue;
      }
      const checked = await withUpstreamTree(paths, gitDir, resolved.commit, record.spec, entry.type, (tree) =>
        withBaseTree(paths, gitDir, entry, record, recorded, async (old) => ({ changes: fileChanges(old, tree.files), version: resolved.tag ?? tree.frontMatterVersion })),
      );
      artifacts.push({
        ...base,
        upstream_sha: resolved.commit,
        upstream_version: checked.version ?? null,
        // The ref moved but none of the artifact's files did: nothing to take (update only moves the record).
        status: checked.changes.length > 0 ? 'update_available' : 'up_to_date',
        changed_files: checked.changes,
      });
    } catch (error) {
      if (!(error instanceof SkillmeatError)) throw error;
      artifacts.push({ ...base, status: 'error', error: { code: error.code, message: error.message } });
    }
  }
  return { collection: collection.name, checked_at: request.now, artifacts, updates_available: artifacts.filter((a) => a.status === 'update_available').length };
}

/**
 * What upstream changed in one sourced artifact, file by file with texts: its tree at the commit
 * the collection copy last took against `to` (a commit a check fetched). Reads the source cache
 * only, never the network: a commit it does not hold is `not_found` (check for updates first).
 */
export async function upstreamChanges(paths: HomePaths, request: { collection: string; name: string; type?: ArtifactType; to: string }, recorded: RecordedUpstream): Promise<UpstreamChanges> {
  const collection = await openCollection(paths, request.collection);
  const [{ entry, record }] = sourcedEntries(collection, [request.name], request.type) as [{ entry: ManifestArtifact; record: UpstreamRecord }];
  const gitDir = cacheRepoPath(paths, record.spec.url);
  if (!(await hasCommit(gitDir, request.to))) {
    throw new SkillmeatError('not_found', `Commit ${request.to.slice(0, 12)} of ${formatSource(record.spec)} is not in the source cache. Check for updates first (\`skillmeat update --check\`), which fetches it.`, { to: request.to });
  }
  const files = await withUpstreamTree(paths, gitDir, request.to, record.spec, entry.type, (tree) => withBaseTree(paths, gitDir, entry, record, recorded, async (base) => changedFiles(base ?? new Map(), tree.files)));
  return { collection: collection.name, name: entry.name, type: entry.type, source: formatSource(record.spec), from: record.resolvedSha, to: request.to, files };
}
