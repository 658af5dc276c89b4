import crypto from 'node:crypto';

/** Bytes of a stored row's hash: the first 128 bits of SHA-256. */
export const ROW_HASH_BYTES = 16;

/**
 * The hash stored beside each snapshot row's text. Two rows with the same hash have the same
 * text, so a diff reads only keys and hashes for the rows that did not change.
 */
export function rowHash(rowJson: string): Buffer {
  return crypto.createHash('sha256').update(rowJson).digest().subarray(0, ROW_HASH_BYTES);
}
