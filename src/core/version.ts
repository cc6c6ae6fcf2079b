/** The product version written into deployment records (`skillmeat_version`). Keep in step with package.json. */
export const SKILLMEAT_VERSION = '0.1.0';
