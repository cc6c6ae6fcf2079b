/**
 * What a writing call acts on, read from its input for its `operation.progress` events, so a panel
 * can say "Deploy canvas into webapp" rather than "Deploy" four times. The input is not validated
 * yet when the operation starts: only strings are taken.
 */
import type { EventPayload } from '../../shared/contract.js';

type Subject = NonNullable<EventPayload<'operation.progress'>['subject']>;

/** The project (a path) and the artifacts (names) a call's input names; null when it names neither. */
export function operationSubject(input: unknown): Subject | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = input as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const project = text(fields.project) ?? text(fields.path);
  const listed = [fields.names, fields.artifacts].find(Array.isArray) as unknown[] | undefined;
  const artifacts = (listed ?? [fields.name, fields.artifact]).map(text).filter((name): name is string => name !== null);
  return project === null && artifacts.length === 0 ? null : { project, artifacts };
}
