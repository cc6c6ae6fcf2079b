import { randomBytes } from '../lazy-crypto.js';
import { readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isErrnoCode } from '../errors.js';

/**
 * What a lock file holds: who took the lock, and enough to tell that process from a later one that
 * happens to get the same pid. Written whole before the lock exists (see lock-file.ts).
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Linux: the kernel's boot id (/proc/sys/kernel/random/boot_id); null where there is none. */
  readonly boot_id: string | null;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22); null elsewhere. */
  readonly start_ticks: number | null;
  /** Linux: the pid namespace the pid belongs to (a sandbox such as Flatpak has its own); null elsewhere. */
  readonly pid_ns: string | null;
  /** Random, unique to one acquisition: only the holder of this token releases the lock. */
  readonly token: string;
  readonly operation: string;
  readonly since: string;
}

/** A holder read back from a lock file. Locks written before tokens existed have none. */
export type StoredHolder = Omit<LockHolder, 'token'> & { readonly token: string | null };

/**
 * Whether a holder still holds: `alive`, `gone` (provably: same host, and its process is not
 * running, or the pid now belongs to a process started after it, or the machine has rebooted since),
 * or `elsewhere` (another host, or another pid namespace such as a sandbox's: its process cannot be
 * checked from here, so it is never presumed gone).
 */
export type HolderStatus = 'alive' | 'gone' | 'elsewhere';

/** The holder this process writes for `operation`, with a fresh token. */
export async function newHolder(operation: string): Promise<LockHolder> {
  const start = await ownStart;
  return {
    pid: process.pid,
    host: hostname(),
    boot_id: start?.bootId ?? null,
    start_ticks: start?.ticks ?? null,
    pid_ns: start?.pidNamespace ?? null,
    token: randomBytes(16).toString('hex'),
    operation,
    since: new Date().toISOString(),
  };
}

/** Parses a lock file's text; undefined when it is not a whole lock (empty, torn, or something else). */
export function parseHolder(text: string): StoredHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['pid'] !== 'number' || !Number.isSafeInteger(v['pid']) || v['pid'] <= 0 || typeof v['host'] !== 'string') return undefined;
  const text_ = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : null);
  return {
    pid: v['pid'],
    host: v['host'],
    boot_id: text_('boot_id'),
    start_ticks: typeof v['start_ticks'] === 'number' ? v['start_ticks'] : null,
    pid_ns: text_('pid_ns'),
    token: text_('token'),
    operation: text_('operation') ?? '?',
    since: text_('since') ?? '?',
  };
}

/**
 * Decides whether `holder` still holds. `heldHere` are the tokens this process holds right now: a
 * lock naming this very process but none of them was left by an earlier process with the same pid.
 * Where start times are unknown (not Linux), a live pid counts as the holder: never taken over wrongly,
 * at worst reported busy until that pid exits.
 */
export async function holderStatus(holder: StoredHolder, heldHere: ReadonlySet<string>): Promise<HolderStatus> {
  if (holder.host !== hostname()) return 'elsewhere';
  const own = await ownStart;
  if (holder.pid_ns !== null && own !== undefined && holder.pid_ns !== own.pidNamespace) return 'elsewhere';
  if (!isPidAlive(holder.pid)) return 'gone';
  if (holder.boot_id !== null && own !== undefined && holder.boot_id !== own.bootId) return 'gone';
  if (holder.start_ticks !== null) {
    const ticks = await startTicks(holder.pid);
    if (ticks !== undefined && ticks !== holder.start_ticks) return 'gone';
  }
  if (holder.pid === process.pid && !(holder.token !== null && heldHere.has(holder.token))) return 'gone';
  return 'alive';
}

/** True unless the pid provably does not exist (EPERM: it exists but belongs to someone else). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrnoCode(error, 'ESRCH');
  }
}

interface ProcessStart {
  readonly bootId: string;
  readonly ticks: number;
  readonly pidNamespace: string;
}

/** This process's start, read once (Linux; undefined elsewhere or when /proc cannot be read). */
const ownStart: Promise<ProcessStart | undefined> = (async () => {
  if (process.platform !== 'linux') return undefined;
  const [bootId, ticks, pidNamespace] = await Promise.all([
    readFile('/proc/sys/kernel/random/boot_id', 'utf8').then((text) => text.trim(), () => undefined),
    startTicks(process.pid),
    readlink('/proc/self/ns/pid').catch(() => undefined),
  ]);
  return bootId && ticks !== undefined && pidNamespace ? { bootId, ticks, pidNamespace } : undefined;
})();

/** Field 22 of /proc/<pid>/stat; undefined off Linux or when it cannot be read. */
async function startTicks(pid: number): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Field 2 is the command name in parentheses, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[22 - 3]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}
