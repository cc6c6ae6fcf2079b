// Types for test-home.js (plain ESM so scripts/test.js runs without a TypeScript step).

/** Set to the temporary home's path while a suite runs in one, so that nested guards leave it to the outer one. */
export const TEST_HOME_MARKER: 'SKILLMEAT_TEST_HOME';
/** What the unit, core, contract and CLI suites may write in the home: nothing. */
export const VITEST_ALLOWED: readonly string[];
/** What the end-to-end suite may write in the home: the browsers' own per-user files. */
export const E2E_ALLOWED: readonly string[];

/** Creates an empty temporary home and returns its real path. */
export function createTestHome(prefix?: string): string;
/** The environment a suite runs in: HOME, USERPROFILE and the XDG folders inside `home`, SKILLMEAT_HOME unset. */
export function testHomeEnv(home: string, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/** What appeared in `home` outside `allowed` (POSIX relative paths, empty folders end in "/"), sorted; `.skillmeat` always counts. */
export function strayPaths(home: string, allowed?: readonly string[]): string[];
/** A message naming what `suite` wrote into its temporary home, and what to do. */
export function strayReport(suite: string, strays: readonly string[]): string;
/** Runs this process in a fresh temporary home unless it already runs in one; `finish` restores, removes and reports ('' when clean). */
export function enterTestHome(suite: string, allowed: readonly string[]): { readonly home: string; finish(): string };
