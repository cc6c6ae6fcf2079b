import type { FileConflictInfo } from '../../shared/results.js';
import type { FileConflict } from '../merge/tree-merge.js';
import { isBinary } from '../merge/binary.js';

/** A conflict as results carry it: text where all sides are text, base64 otherwise. */
export function conflictInfo(conflict: Pick<FileConflict, 'path' | 'kind' | 'base' | 'local' | 'remote'> & { markers?: string }): FileConflictInfo {
  const sides = [conflict.base, conflict.local, conflict.remote];
  const binary = sides.some((s) => s !== undefined && (isBinary(s) || !isUtf8(s)));
  const show = (bytes: Uint8Array | undefined) => (bytes === undefined ? null : Buffer.from(bytes).toString(binary ? 'base64' : 'utf8'));
  return { path: conflict.path, kind: conflict.kind, binary, base: show(conflict.base), local: show(conflict.local), remote: show(conflict.remote), markers: conflict.markers ?? null };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
