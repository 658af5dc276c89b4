import { STARTED } from './audit-chain.js';

/**
 * The audit log as calls rather than rows: a call writes a start row before its work and a
 * completion row after it. Readers see one line per call: the completion row carrying its start
 * row's arguments, or the start row alone while the call runs (or if its process died).
 * Use as `FROM ${AUDIT_CALLS}`.
 */
export const AUDIT_CALLS = `(
  SELECT done.seq, done.at, done.os_user, done.channel, done.client_name, done.client_version, done.action,
         COALESCE(start.args_json, done.args_json) AS args_json,
         done.connection_id, done.outcome, done.error, done.row_count, done.duration_ms, done.prev_hash, done.hash, done.started_seq
  FROM audit_log AS done
  LEFT JOIN audit_log AS start ON start.seq = done.started_seq
  WHERE done.outcome <> '${STARTED}'
     OR done.seq NOT IN (SELECT started_seq FROM audit_log WHERE started_seq IS NOT NULL)
) AS audit_calls`;
