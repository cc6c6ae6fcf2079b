/** Upstream git repositories for unit tests: each in a folder of its own, removed after the test (git-upstream-repo.ts). */
import { GitUpstream } from './git-upstream-repo.js';
import { workDir } from './temp-files.js';

export { ISOLATED_GIT_ENV, isolateGit, type UpstreamFiles } from './git-upstream-repo.js';

export type Upstream = GitUpstream;

export const Upstream = {
  /** A new upstream with an empty history on branch `main`. */
  create: (): GitUpstream => GitUpstream.create(workDir('skillmeat-upstream-')),
};
