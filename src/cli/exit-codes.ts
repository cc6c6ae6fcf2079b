/** Exit codes of cli.md: done, something to act on (drift, conflicts), usage error or failure. */
export const EXIT_OK = 0;
export const EXIT_NEEDS_ACTION = 1;
export const EXIT_FAILURE = 2;
