/** What a snapshot is, read from what its metadata says: taken by hand, by an operation for safety, or automatically otherwise. */
export type SnapshotKind = 'manual' | 'automatic' | 'safety';

const SAFETY_PREFIX = 'Safety snapshot before ';

/** The message of the safety snapshot taken before `operation` (versioning spec 7); `snapshotKind` reads it back. */
export function safetySnapshotMessage(operation: string): string {
  return `${SAFETY_PREFIX}${operation}`;
}

/**
 * A snapshot's kind, and for a safety snapshot the operation it preceded. Only automatic snapshots
 * are safety snapshots: a manual one whose message happens to read "Safety snapshot before …" is
 * what its taker said it is. Other automatic ones (the Python tool's `[auto]`) are `automatic`.
 */
export function snapshotKind(snapshot: { readonly automatic: boolean; readonly message: string }): { kind: SnapshotKind; operation: string | null } {
  if (!snapshot.automatic) return { kind: 'manual', operation: null };
  if (snapshot.message.startsWith(SAFETY_PREFIX) && snapshot.message.length > SAFETY_PREFIX.length) {
    return { kind: 'safety', operation: snapshot.message.slice(SAFETY_PREFIX.length) };
  }
  return { kind: 'automatic', operation: null };
}
