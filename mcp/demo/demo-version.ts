/** Bumped whenever the demo schema changes; stored as the demo file's `user_version`. */
export const DEMO_SCHEMA_VERSION = 3;
