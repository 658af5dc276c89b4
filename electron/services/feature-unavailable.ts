import { ApiError } from '../api/dispatch.js';

const WHAT = {
  staging: 'Staged imports (validation, QA sign-off, push and promotion)',
  snapshots: 'Snapshots and diffs',
} as const;

/** For a screen whose engine part is not in this build yet: a clear message instead of a crash. */
export function featureUnavailable(feature: keyof typeof WHAT): ApiError {
  return new ApiError('unavailable', `${WHAT[feature]} are not in this build of PACS MCP yet.`);
}
