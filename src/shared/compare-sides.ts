/** What "Show changes" compares: a copy against the baseline, or the two copies (zod-free, for the routes in the page's first bundle; the schema: merge-results.ts). */
export const COMPARE_SIDES = ['project_baseline', 'collection_baseline', 'project_collection'] as const;
export type CompareSides = (typeof COMPARE_SIDES)[number];
