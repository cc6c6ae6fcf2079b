import type { SnapshotDiff, SnapshotDiffFile } from '../shared/snapshot-results.js';

const MARK: Readonly<Record<SnapshotDiffFile['change'], string>> = { added: '+', modified: '~', removed: '-' };

/** `snapshots diff` for people: one line per artifact (`+ added`, `~ modified`, `- removed`), its files indented below. */
export function renderSnapshotDiff(diff: SnapshotDiff): string[] {
  const to = diff.to ?? 'the collection now';
  if (diff.artifacts.length === 0 && diff.other_files.length === 0) return [`No differences from ${diff.from} to ${to}.`];
  const file = (f: SnapshotDiffFile) => `    ${MARK[f.change]} ${f.path}`;
  return [
    `From ${diff.from} to ${to}:`,
    ...diff.artifacts.flatMap((a) => [`${MARK[a.change]} ${a.type} ${a.name}`, ...a.files.map(file)]),
    ...(diff.other_files.length > 0 ? ['Other files:', ...diff.other_files.map(file)] : []),
  ];
}
