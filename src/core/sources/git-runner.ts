/**
 * Runs the user's own `git` (so their credentials, proxies and SSH keys work) without a shell:
 * arguments go to execFile as an array, never through a command line a shell would read. Every
 * run has a bounded time, never prompts (no terminal, `GIT_TERMINAL_PROMPT=0`), and refuses the
 * transports that run commands. Failures become `upstream_unavailable` errors that say what to do.
 */
import type { ChildProcess } from 'node:child_process';
import { SkillmeatError } from '../errors.js';

/** How long a network operation (fetch) may take before it is stopped: `SKILLMEAT_GIT_TIMEOUT` seconds, else two minutes. */
export function networkTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.SKILLMEAT_GIT_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

/** Local operations (reading objects of the cache) get a generous bound: they only stop a git that hangs. */
export const LOCAL_TIMEOUT_MS = 10 * 60_000;

/** The git executable: `SKILLMEAT_GIT` when set (a git of the user's choice), else `git` on PATH. */
function gitExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.SKILLMEAT_GIT || 'git';
}

/**
 * Options before every command: no transport that runs a command (`ext::`, `fd::`), whatever the
 * user's configuration says, and no pager or colour in output we parse.
 */
const SAFE_CONFIG = ['-c', 'protocol.ext.allow=never', '-c', 'protocol.fd.allow=never', '-c', 'core.pager=cat', '-c', 'color.ui=false', '--no-pager'];

/** The environment git runs in: the user's, minus variables that would point it at another repository, never prompting. */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE… set by a hook or a shell would aim our commands at the user's repository.
    if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CEILING_DIRECTORIES)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C', LANGUAGE: 'C' };
}

export interface GitOptions {
  /** The repository (a bare cache repository); omitted for commands that need none. */
  readonly gitDir?: string;
  readonly timeoutMs?: number;
  /** What the command is doing, for messages: `fetch https://…`. */
  readonly doing: string;
}

/** Runs git and returns its standard output; a failure is an `upstream_unavailable` error (or `not_found` via `allowFailure`). */
export async function runGit(args: readonly string[], options: GitOptions): Promise<Buffer> {
  const result = await runGitOutcome(args, options);
  if (result.code !== 0) throw gitFailed(options.doing, result.stderr);
  return result.stdout;
}

/** Runs git and returns its exit code with its output: for commands whose failure is an answer (rev-parse of a ref that may not exist). */
export async function runGitOutcome(args: readonly string[], options: GitOptions): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const timeout = options.timeoutMs ?? LOCAL_TIMEOUT_MS;
  // Loaded on first use: child_process brings node:stream and node:net, which commands without a git source never need.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      gitExecutable(),
      [...SAFE_CONFIG, ...(options.gitDir !== undefined ? [`--git-dir=${options.gitDir}`] : []), ...args],
      { env: gitEnvironment(), timeout, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, encoding: 'buffer', windowsHide: true },
      (error, stdout, stderr) => {
        const errText = stderr.toString('utf8');
        if (error === null) return resolve({ code: 0, stdout, stderr: errText });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        if (failure.code === 'ENOENT' || failure.code === 'EACCES') return reject(gitMissing());
        if (failure.killed) return reject(timedOut(options.doing, timeout));
        if (typeof failure.code === 'number') return resolve({ code: failure.code, stdout, stderr: errText });
        reject(gitFailed(options.doing, errText || failure.message));
      },
    );
  });
}

/** Starts a long-running git (`cat-file --batch`) with piped standard streams; the caller reads and ends it. */
export async function spawnGit(args: readonly string[], options: GitOptions): Promise<{ child: ChildProcess; done: Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(gitExecutable(), [...SAFE_CONFIG, ...(options.gitDir !== undefined ? [`--git-dir=${options.gitDir}`] : []), ...args], {
    env: gitEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const timeout = options.timeoutMs ?? LOCAL_TIMEOUT_MS;
  let stderr = '';
  let timedOutFlag = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => {
    timedOutFlag = true;
    child.kill('SIGKILL');
  }, timeout);
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? gitMissing() : gitFailed(options.doing, error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOutFlag) reject(timedOut(options.doing, timeout));
      else if (code === 0) resolve();
      else reject(gitFailed(options.doing, stderr));
    });
  });
  // The caller awaits `done` once it has read the output; a failure before that is not unhandled meanwhile.
  done.catch(() => undefined);
  return { child, done };
}

/** git could not be run at all. */
export function gitMissing(): SkillmeatError {
  return new SkillmeatError(
    'upstream_unavailable',
    'git is not installed (or not on PATH). SkillMeat fetches git sources with your own git, so your credentials and proxies apply: install git (or set SKILLMEAT_GIT to its path) and try again.',
    { reason: 'git_missing' },
  );
}

function timedOut(doing: string, timeoutMs: number): SkillmeatError {
  return new SkillmeatError(
    'upstream_unavailable',
    `Gave up after ${Math.round(timeoutMs / 1000)} s trying to ${doing}. Check the network (or raise SKILLMEAT_GIT_TIMEOUT, in seconds) and try again.`,
    { reason: 'timeout' },
  );
}

/** A git command that ran and failed: its last words, with a hint for the common causes. */
export function gitFailed(doing: string, stderr: string): SkillmeatError {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/\p{Cc}/gu, ' ').trim())
    .filter((line) => line !== '');
  const said = lines.slice(-3).join(' / ').slice(0, 600);
  const offline = /could not resolve host|unable to access|failed to connect|connection (refused|timed out)|network is unreachable|could not read from remote|proxy/i.test(stderr);
  const auth = /authentication failed|permission denied|could not read username|terminal prompts disabled/i.test(stderr);
  const missing = /repository .* not found|does not appear to be a git repository|not found/i.test(stderr);
  const hint = auth
    ? ' The remote asked for credentials: set them up for git (a credential helper or an SSH key) and try again.'
    : missing
      ? ' Check the source: the repository may not exist, or you may lack access to it.'
      : offline
        ? ' The remote could not be reached: check the network (SkillMeat needs it to fetch a git source; a git+file:// source works offline).'
        : '';
  return new SkillmeatError('upstream_unavailable', `Could not ${doing}${said ? `: ${said}` : ''}.${hint}`, { reason: auth ? 'auth' : missing ? 'not_found' : offline ? 'offline' : 'git_failed' });
}
