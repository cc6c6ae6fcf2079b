/**
 * Upstream git repositories made in a test with the real `git`: a bare repository served as
 * `git+file://…` and a work tree that commits, tags and (force-)pushes to it. git runs isolated
 * from the user's configuration (GIT_CONFIG_GLOBAL=/dev/null, no system config) with a fixed
 * identity; nothing needs the network. Free of vitest, so the end-to-end tests (Playwright) use it
 * too; unit tests take `Upstream` from git-upstream.ts, which makes each one in a folder removed
 * after the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The environment every git of the tests runs in (the core's git too: set it on process.env with isolateGit). */
export const ISOLATED_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Upstream',
  GIT_AUTHOR_EMAIL: 'upstream@example.com',
  GIT_COMMITTER_NAME: 'Upstream',
  GIT_COMMITTER_EMAIL: 'upstream@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Makes this process's git — the core's, and that of a web server or CLI it starts — ignore the user's configuration. */
export function isolateGit(): void {
  Object.assign(process.env, ISOLATED_GIT_ENV);
}

/** A file's new content, `null` to delete it, or `{ link }` for a symbolic link. */
export type UpstreamFiles = Readonly<Record<string, string | null | { link: string }>>;

export class GitUpstream {
  private constructor(
    readonly bare: string,
    readonly work: string,
  ) {}

  /** A new upstream under `root` with an empty history on branch `main`. */
  static create(root: string): GitUpstream {
    const bare = join(root, 'upstream.git');
    const work = join(root, 'upstream-work');
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(root, 'init', '--quiet', '--initial-branch=main', work);
    git(work, 'remote', 'add', 'origin', bare);
    return new GitUpstream(bare, work);
  }

  /** `git+file://<bare>#PATH[@REF]`. */
  source(path: string, ref?: string): string {
    return `git+file://${this.bare}#${path}${ref === undefined ? '' : `@${ref}`}`;
  }

  /** Writes `files` into the work tree, commits them and pushes the branch; returns the commit. */
  commit(files: UpstreamFiles, message = 'change', branch = 'main'): string {
    for (const [rel, content] of Object.entries(files)) {
      const path = join(this.work, ...rel.split('/'));
      rmSync(path, { force: true, recursive: true });
      if (content === null) continue;
      mkdirSync(dirname(path), { recursive: true });
      if (typeof content === 'string') writeFileSync(path, content);
      else symlinkSync(content.link, path);
    }
    git(this.work, 'add', '--all');
    git(this.work, 'commit', '--quiet', '--allow-empty', '-m', message);
    git(this.work, 'push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`);
    return this.head();
  }

  /** Tags the work tree's HEAD (or `commit`) and pushes the tag (moving it when it exists). */
  tag(name: string, commit = this.head()): void {
    git(this.work, 'tag', '--force', name, commit);
    git(this.work, 'push', '--quiet', '--force', 'origin', `refs/tags/${name}`);
  }

  /** Rewrites history: the work tree goes back to `commit` (its files too), and what follows is force-pushed. */
  resetTo(commit: string): void {
    git(this.work, 'reset', '--quiet', '--hard', commit);
  }

  /** The work tree's current commit. */
  head(): string {
    return git(this.work, 'rev-parse', 'HEAD').trim();
  }

  /**
   * Pushes a commit whose tree is made by hand (`git mktree`), as a hostile repository could hold
   * one: `tree` maps each path to a file's content, and may use names git's own commands refuse
   * (`..`, `.GIT`). Returns the commit.
   */
  pushCraftedTree(tree: Readonly<Record<string, string>>): string {
    const treeOf = (entries: Map<string, Record<string, string> | string>): string => {
      const lines = [...entries].map(([name, value]) =>
        typeof value === 'string' ? `100644 blob ${gitInput(this.work, value, 'hash-object', '-w', '--stdin').trim()}\t${name}` : `040000 tree ${treeOf(folder(value))}\t${name}`,
      );
      return gitInput(this.work, `${lines.join('\n')}\n`, 'mktree').trim();
    };
    const folder = (files: Readonly<Record<string, string>>): Map<string, Record<string, string> | string> => {
      const entries = new Map<string, Record<string, string> | string>();
      for (const [path, content] of Object.entries(files)) {
        const [first = '', ...rest] = path.split('/');
        if (rest.length === 0) entries.set(first, content);
        else entries.set(first, { ...((entries.get(first) as Record<string, string> | undefined) ?? {}), [rest.join('/')]: content });
      }
      return entries;
    };
    const commit = git(this.work, 'commit-tree', treeOf(folder(tree)), '-m', 'crafted').trim();
    git(this.work, 'push', '--quiet', '--force', 'origin', `${commit}:refs/heads/main`);
    return commit;
  }

  /** Runs git in the work tree. */
  git(...args: string[]): string {
    return git(this.work, ...args);
  }
}

function gitInput(cwd: string, input: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...ISOLATED_GIT_ENV }, encoding: 'utf8', input });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...ISOLATED_GIT_ENV }, encoding: 'utf8' });
}
