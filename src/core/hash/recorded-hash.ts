import type { ArtifactKind } from '../../shared/artifact-types.js';
import { hashArtifact } from './content-hash.js';

/**
 * The hash a copy has in the eyes of a record the Python SkillMeat may have written. Its hash covers
 * every file of an artifact, ours leaves out the ignore set (editor junk such as `*~`, `*.swp`), so
 * the two differ exactly when such files are there. `ours` is kept when it already matches a
 * recorded value (the usual case, costing nothing); otherwise the every-file hash is taken, and if
 * it is one of the `recorded` values, the copy is unchanged in that record's terms and that value is
 * returned — no false drift, lock mismatch or conflict on a copy nobody touched.
 */
export async function honourRecordedHash(
  copy: { readonly root: string; readonly kind: ArtifactKind },
  ours: string | undefined,
  recorded: readonly (string | undefined)[],
): Promise<string | undefined> {
  if (ours === undefined || recorded.includes(ours)) return ours;
  const everyFile = await hashArtifact(copy.root, copy.kind, { everyFile: true, onEscapingLink: 'skip' });
  return everyFile !== undefined && recorded.includes(everyFile) ? everyFile : ours;
}
