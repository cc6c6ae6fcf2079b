/**
 * Every error that crosses a boundary (CLI exit, IPC envelope, WebSocket) carries one of these codes.
 * The CLI maps all of them to exit code 2; the UI maps them to a message and, where it helps, an action.
 */
export const ERROR_CODES = [
  'invalid_name', // an artifact or collection name breaks the naming rules
  'invalid_input', // a value of the wrong shape (bad type, bad option)
  'path_outside', // a path escapes the folder it must stay inside
  'symlink_escape', // a symlink points outside the artifact
  'corrupt_file', // a file we own or read does not parse; the message names file and line
  'not_found', // a collection, artifact, project or file that does not exist
  'already_exists', // creating something that is already there
  'would_overwrite', // a write would replace content the user has not asked to replace
  'busy', // another live process holds the lock
  'io_error', // the operating system refused (permissions, disk full, ...)
  'upstream_unavailable', // a git source could not be fetched: git missing, offline, timed out, or the remote refused
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain-data form of an error, as it crosses process boundaries. */
export interface ErrorEnvelope {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
