/** A snapshot comparison as a tree: added, modified and removed artifacts, each with its files. */
import { artifactRelativePath } from '../../../shared/artifact-types.js';
import type { SnapshotDiff, SnapshotDiffFile } from '../../../shared/snapshot-results.js';
import { plural } from './result-summary.js';

export type Change = SnapshotDiffFile['change'];

export interface CompareFile {
  /** Collection-relative: what `snapshotFileDiff` is asked for. */
  readonly path: string;
  /** Relative to its artifact (the file's own name for a single-file artifact). */
  readonly label: string;
  readonly change: Change;
}

export interface CompareArtifact {
  readonly name: string;
  readonly type: SnapshotDiff['artifacts'][number]['type'];
  readonly change: Change;
  readonly files: readonly CompareFile[];
}

export interface CompareGroup {
  /** "Added", "Modified", "Removed", "Other files". */
  readonly title: string;
  readonly change: Change | 'other';
  readonly artifacts: readonly CompareArtifact[];
}

const GROUPS: readonly { readonly change: Change; readonly title: string }[] = [
  { change: 'added', title: 'Added' },
  { change: 'modified', title: 'Modified' },
  { change: 'removed', title: 'Removed' },
];

/** The groups of a comparison that have something in them, artifacts by name; files outside every artifact last. */
export function compareTree(diff: SnapshotDiff): CompareGroup[] {
  const groups: CompareGroup[] = GROUPS.map(({ change, title }) => ({
    title,
    change,
    artifacts: diff.artifacts
      .filter((a) => a.change === change)
      .map((a) => {
        const root = artifactRelativePath(a.type, a.name);
        return { name: a.name, type: a.type, change: a.change, files: a.files.map((f) => ({ path: f.path, label: f.path.startsWith(`${root}/`) ? f.path.slice(root.length + 1) : lastSegment(f.path), change: f.change })).sort(byPath) };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type)),
  }));
  if (diff.other_files.length > 0) {
    const files = diff.other_files.map((f) => ({ path: f.path, label: f.path, change: f.change })).sort(byPath);
    groups.push({ title: 'Other files', change: 'other', artifacts: [{ name: '', type: 'skill', change: 'modified', files }] });
  }
  return groups.filter((g) => g.artifacts.length > 0);
}

/** The first file a comparison shows: of the first modified artifact, else the first file at all. */
export function firstCompareFile(groups: readonly CompareGroup[]): string | null {
  const modified = groups.find((g) => g.change === 'modified')?.artifacts[0]?.files[0];
  return modified?.path ?? groups[0]?.artifacts[0]?.files[0]?.path ?? null;
}

/** "2 artifacts added, 1 modified; 4 files" — a comparison in one line. */
export function compareSummary(diff: SnapshotDiff): string {
  if (diff.artifacts.length === 0 && diff.other_files.length === 0) return 'No differences.';
  const count = (change: Change) => diff.artifacts.filter((a) => a.change === change).length;
  const parts = GROUPS.filter(({ change }) => count(change) > 0).map(({ change }) => `${count(change)} ${change}`);
  const files = diff.artifacts.reduce((sum, a) => sum + a.files.length, 0) + diff.other_files.length;
  const artifacts = parts.length === 0 ? 'No artifact differs' : `${plural(diff.artifacts.length, 'artifact')}: ${parts.join(', ')}`;
  return `${artifacts}; ${plural(files, 'file')} differ${files === 1 ? 's' : ''}.`;
}

function byPath(a: CompareFile, b: CompareFile): number {
  return a.path.localeCompare(b.path);
}

function lastSegment(path: string): string {
  return path.split('/').pop() ?? path;
}
