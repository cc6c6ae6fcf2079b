/** Drift types of versioning spec section 4 (in-sync records carry `null`), and what each recommends. */
export const DRIFT_TYPES = ['modified', 'outdated', 'conflict', 'removed', 'deleted'] as const;
export type DriftType = (typeof DRIFT_TYPES)[number];

export const RECOMMENDATIONS = ['remove_from_project', 'redeploy', 'sync', 'push', 'merge'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
