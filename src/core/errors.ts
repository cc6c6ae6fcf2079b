import type { ErrorCode, ErrorEnvelope } from '../shared/error-codes.js';

/** An error a user can act on: a code from the shared list, a message that names the thing. */
export class SkillmeatError extends Error {
  override readonly name = 'SkillmeatError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Plain-data form for the CLI's JSON output and the IPC envelope. */
  toEnvelope(): ErrorEnvelope {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** True when `error` is a Node system error with the given `code` (ENOENT, EEXIST, ...). */
export function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/** Wraps an operating-system error into an `io_error` that says what we were doing. */
export function ioError(action: string, path: string, cause: unknown): SkillmeatError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const hint = errno === 'ENOSPC' ? ' (the disk is full)' : errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS' ? ' (permission denied or read-only)' : '';
  return new SkillmeatError('io_error', `Could not ${action} ${path}${hint}: ${reason}`, { path, errno });
}
