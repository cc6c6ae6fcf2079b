import type { FileConflictInfo } from '../../shared/results.js';
import type { FileConflict } from '../merge/tree-merge.js';
import { isStored, type FileContent } from '../merge/file-map.js';
import { textOf } from '../merge/text-content.js';

type Side = 'base' | 'local' | 'remote';

/**
 * A conflict as results carry it: text where all sides are text, base64 otherwise; a side too
 * large to hold in memory is left out (null, and named in `omitted`).
 */
export function conflictInfo(conflict: Pick<FileConflict, 'path' | 'kind' | 'base' | 'local' | 'remote'> & { markers?: string }): FileConflictInfo {
  const sides: readonly Side[] = ['base', 'local', 'remote'];
  const inMemory = (content: FileContent | undefined): content is Uint8Array => content !== undefined && !isStored(content);
  const binary = sides.some((side) => {
    const content = conflict[side];
    return textOf(content).kind === 'binary';
  });
  const show = (content: FileContent | undefined) => (inMemory(content) ? Buffer.from(content).toString(binary ? 'base64' : 'utf8') : null);
  return {
    path: conflict.path,
    kind: conflict.kind,
    binary,
    base: show(conflict.base),
    local: show(conflict.local),
    remote: show(conflict.remote),
    omitted: sides.filter((side) => conflict[side] !== undefined && isStored(conflict[side])),
    markers: conflict.markers ?? null,
  };
}
