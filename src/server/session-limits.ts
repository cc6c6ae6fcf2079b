import { SkillmeatError } from '../core/errors.js';

/**
 * How much one web-mode connection may make the server hold at once (docs/web-mode.md, "Limits").
 * Without them a client that sends calls and stops reading makes the server run every call at once
 * and keep every answer in memory.
 */
export interface SessionLimits {
  /** Calls of one connection running at once; later ones wait in its queue, in order. */
  readonly maxCallsInFlight: number;
  /** Calls waiting to start; when this many wait, the server stops reading the connection until one starts. */
  readonly maxCallsQueued: number;
  /** Bytes sent to the connection that it has not taken yet; when there is more than this and more to send, it is closed. */
  readonly maxUnsentBytes: number;
}

/**
 * The page makes a handful of calls at a time (one screen's reads, one write), so 8 in flight and
 * 64 waiting never hold it back. A page that reads its answers leaves next to nothing unsent (the
 * kernel's socket buffers take the first megabytes), so 8 MiB is reached only by a client that
 * stopped reading, and is small next to the memory such a client could otherwise pin.
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxCallsInFlight: 8,
  maxCallsQueued: 64,
  maxUnsentBytes: 8 * 1024 * 1024,
};

/** The defaults with `overrides` applied, refusing a limit that is not a whole number of at least 1. */
export function sessionLimits(overrides: Partial<SessionLimits> = {}): SessionLimits {
  const limits = { ...DEFAULT_SESSION_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new SkillmeatError('invalid_input', `Web mode limit ${name} must be a whole number of at least 1, not ${String(value)}.`, { [name]: value });
    }
  }
  return limits;
}
