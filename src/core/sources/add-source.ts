/**
 * `add SOURCE` for a git source: fetch into the source cache, resolve the ref, copy exactly the tree
 * at PATH out of it, and add that as a local add does (same checks, one crash-safe step), with the
 * source, commit and version recorded where both SkillMeats read them.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactType } from '../../shared/artifact-types.js';
import type { ArtifactInfo } from '../../shared/results.js';
import { formatSource, parseSource, SourceSpecError, type SourceSpec } from '../../shared/source-spec.js';
import type { HomePaths } from '../home/home-paths.js';
import { SkillmeatError, ioError } from '../errors.js';
import { addArtifact } from '../collection/collection-artifacts.js';
import { readFrontMatter } from '../collection/front-matter.js';
import { fetchSource, keepCommit } from './source-cache.js';
import { exportTree } from './tree-export.js';
import { upstreamFields, upstreamRawFields } from './upstream-record.js';

/** What a source add produced: the artifact, and the commit and version it was taken at. */
export interface SourceAdd {
  readonly artifact: ArtifactInfo;
  readonly spec: SourceSpec;
  readonly commit: string;
  readonly version: string | undefined;
}

/** Parses a source the user gave, as an `invalid_input` error when it is not one. */
export function parseUserSource(text: string, bare: boolean): SourceSpec {
  try {
    return parseSource(text, { bare });
  } catch (error) {
    if (error instanceof SourceSpecError) throw new SkillmeatError('invalid_input', error.message, { source: text });
    throw error;
  }
}

/** Adds the artifact at `spec` to a collection (nothing is written to the collection when any step fails). */
export async function addFromSource(paths: HomePaths, collection: string, spec: SourceSpec, options: { type?: ArtifactType; name?: string }, now: string): Promise<SourceAdd> {
  const { gitDir, resolved } = await fetchSource(paths, spec);
  return withExportedTree(paths, gitDir, resolved.commit, spec, async (exported) => {
    const version = resolved.tag ?? (await frontMatterVersion(exported.path, exported.kind));
    const { origin, upstream } = upstreamFields(spec, resolved.commit);
    const manifestFields = upstreamRawFields(spec, resolved.commit, version, now, {});
    delete manifestFields.last_updated; // just added: `added` says when
    const artifact = await addArtifact(paths, collection, exported.path, {
      ...options,
      provenance: {
        origin,
        upstream,
        manifestFields,
        lockSource: formatSource(spec),
        lockFields: { upstream, resolved_sha: resolved.commit, ...(version !== undefined ? { resolved_version: version } : {}) },
      },
    }, now);
    await keepCommit(gitDir, resolved.commit);
    return { artifact, spec, commit: resolved.commit, version };
  });
}

/**
 * Copies the tree at `spec.path` of `commit` into a temporary folder beside the cache, named as the
 * artifact would be by default (the last segment of the path, under its parent's name, so a type is
 * told from the shape as for a local add), runs `work` on it, and removes it whatever happens.
 */
export async function withExportedTree<T>(paths: HomePaths, gitDir: string, commit: string, spec: SourceSpec, work: (exported: { path: string; kind: 'folder' | 'file' }) => Promise<T>): Promise<T> {
  await mkdir(paths.sourcesDir, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', paths.sourcesDir, error);
  });
  const temp = await mkdtemp(join(paths.sourcesDir, '.export-')).catch((error: unknown) => {
    throw ioError('create a folder in', paths.sourcesDir, error);
  });
  try {
    const segments = spec.path === '' ? [spec.repo] : spec.path.split('/').slice(-2);
    const path = join(temp, ...segments);
    const kind = await exportTree(gitDir, commit, spec.path, path);
    return await work({ path, kind });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The front matter's `version` of a skill's `SKILL.md` or of a single-file artifact. */
export async function frontMatterVersion(path: string, kind: 'folder' | 'file'): Promise<string | undefined> {
  return readFrontMatter(kind === 'file' ? path : join(path, 'SKILL.md'), 'version');
}
