/**
 * Where an artifact's upstream is recorded, in the form the Python SkillMeat reads and writes
 * (versioning spec 1 and 10): in `collection.toml`, `origin` (`github`, else `local`: that tool
 * refuses any other word), `upstream`, `version_spec`, `resolved_sha`, `resolved_version`,
 * `last_updated`; in `collection.lock`, `upstream`, `resolved_sha`, `resolved_version` beside
 * `content_hash`. A GitHub source's `upstream` is that tool's URL
 * (`https://github.com/OWNER/REPO/tree/<sha>/PATH`); any other git source's is `git+URL#PATH`.
 */
import { LATEST, formatSource, parseSource, SourceSpecError, type SourceSpec } from '../../shared/source-spec.js';
import type { ArtifactType } from '../../shared/artifact-types.js';
import { lockKey } from '../../shared/artifact-types.js';
import type { UpstreamInfo } from '../../shared/results.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import type { Lockfile } from '../collection/collection-lockfile.js';
import type { TomlTable } from '../toml/toml-file.js';
import { timestampInForm } from '../time.js';

/** An artifact's recorded upstream: its source (with the ref it follows), and the commit and version last taken from it. */
export interface UpstreamRecord {
  readonly spec: SourceSpec;
  /** As recorded: the ref, or `latest` for the default branch. */
  readonly versionSpec: string;
  readonly resolvedSha: string;
  readonly resolvedVersion: string | undefined;
}

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const GITHUB_TREE = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/tree\/([^/]+)(?:\/(.*))?$/;

/** The entry's upstream, when it was added from a git source (by us or by the Python tool); undefined for a local artifact or an unreadable record. */
export function upstreamOf(entry: ManifestArtifact): UpstreamRecord | undefined {
  const { raw } = entry;
  const resolvedSha = typeof raw.resolved_sha === 'string' ? raw.resolved_sha.toLowerCase() : undefined;
  const upstream = typeof raw.upstream === 'string' ? raw.upstream : undefined;
  if (resolvedSha === undefined || !COMMIT.test(resolvedSha) || upstream === undefined) return undefined;
  const versionSpec = typeof raw.version_spec === 'string' && raw.version_spec !== '' ? raw.version_spec : LATEST;
  const at = versionSpec === LATEST ? '' : `@${versionSpec}`;
  const resolvedVersion = typeof raw.resolved_version === 'string' && raw.resolved_version !== '' ? raw.resolved_version : undefined;
  try {
    const github = GITHUB_TREE.exec(upstream);
    if (github && entry.origin === 'github') {
      const [, owner, repo, , path] = github;
      return { spec: parseSource(`github:${owner}/${repo}${path ? `/${path.replace(/\/+$/, '')}` : ''}${at}`), versionSpec, resolvedSha, resolvedVersion };
    }
    if (upstream.startsWith('git+')) {
      const [url, path = ''] = splitFragment(upstream);
      return { spec: parseSource(`${url}#${path}${at}`), versionSpec, resolvedSha, resolvedVersion };
    }
  } catch (error) {
    // A record whose source no longer passes the checks (hand-edited) is not followed.
    if (error instanceof SourceSpecError) return undefined;
    throw error;
  }
  return undefined;
}

/** What the wire says of an entry's upstream. */
export function upstreamInfo(record: UpstreamRecord): UpstreamInfo {
  return { source: formatSource(record.spec), version_spec: record.versionSpec, resolved_sha: record.resolvedSha, resolved_version: record.resolvedVersion ?? null };
}

/** The manifest entry's `origin` and `upstream` for a source at `commit`. */
export function upstreamFields(spec: SourceSpec, commit: string): { origin: string; upstream: string } {
  if (spec.kind === 'github') return { origin: 'github', upstream: `https://github.com/${spec.owner}/${spec.repo}/tree/${commit}${spec.path === '' ? '' : `/${spec.path}`}` };
  return { origin: 'local', upstream: `git+${spec.url}#${spec.path}` };
}

/** The keys of a manifest entry that record a source at `commit` (`version` undefined removes `resolved_version`). */
export function upstreamRawFields(spec: SourceSpec, commit: string, version: string | undefined, now: string, raw: TomlTable): TomlTable {
  const { upstream } = upstreamFields(spec, commit);
  const fields: TomlTable = { ...raw, upstream, version_spec: spec.ref ?? LATEST, resolved_sha: commit };
  if (version !== undefined) fields.resolved_version = version;
  else delete fields.resolved_version;
  fields.last_updated = timestampInForm(now, raw.last_updated ?? raw.added);
  return fields;
}

/** The manifest entry moved to `commit` of its source. */
export function entryAtCommit(entry: ManifestArtifact, spec: SourceSpec, commit: string, version: string | undefined, now: string): ManifestArtifact {
  const { origin, upstream } = upstreamFields(spec, commit);
  const raw = upstreamRawFields(spec, commit, version, now, entry.raw);
  const metadata = typeof raw.metadata === 'object' && raw.metadata !== null ? (raw.metadata as TomlTable) : {};
  const shown = version ?? (typeof metadata.version === 'string' ? metadata.version : undefined);
  const { version: _previous, ...rest } = entry;
  return { ...rest, origin, upstream, ...(shown !== undefined ? { version: shown } : {}), raw };
}

/** The lock with an artifact's entry recording its content and the commit it came from. */
export function lockAtCommit(lockfile: Lockfile, type: ArtifactType, name: string, entry: { contentHash: string; fetched: string; spec: SourceSpec; commit: string; version: string | undefined }): Lockfile {
  const entries = new Map(lockfile.entries);
  const previous = entries.get(lockKey(type, name));
  const raw: TomlTable = { ...(previous?.raw ?? {}), upstream: upstreamFields(entry.spec, entry.commit).upstream, resolved_sha: entry.commit };
  if (entry.version !== undefined) raw.resolved_version = entry.version;
  else delete raw.resolved_version;
  entries.set(lockKey(type, name), { contentHash: entry.contentHash, fetched: entry.fetched, source: formatSource(entry.spec), raw });
  return { ...lockfile, entries };
}

/** `git+URL#PATH` → [`git+URL`, PATH]. */
function splitFragment(upstream: string): [string, string | undefined] {
  const hash = upstream.indexOf('#');
  return hash < 0 ? [upstream, undefined] : [upstream.slice(0, hash), upstream.slice(hash + 1)];
}
