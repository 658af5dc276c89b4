import type { Engine } from '../engine.js';
import type { Actor } from '../imports/actor.js';
import type { SqliteTx } from '../store/sqlite-db.js';
import { keyFingerprint, KeyFormatError, namesKey, publicKeyFromText } from '../util/ed25519.js';
import { printable } from '../util/terminal-text.js';
import { PackageError } from './package-format.js';

/**
 * The reviewers whose sign-offs this install accepts: each is a name and the public half of the
 * key on that reviewer's workstation (`pacs-mcp qa reviewer-key` prints it there). Only people at
 * this install add and remove them (CLI and desktop app, audited); the MCP server has no tool for
 * it, so the model can never make its own key trusted.
 */
export interface ReviewerKeyRecord {
  fingerprint: string;
  public_key: string;
  name: string;
  added_at: string;
  added_by: string;
  removed_at: string | null;
  removed_by: string | null;
}

const MAX_NAME = 100;

export async function listReviewerKeys(engine: Engine, options: { includeRemoved?: boolean } = {}): Promise<ReviewerKeyRecord[]> {
  return engine.store.all<ReviewerKeyRecord>(`SELECT * FROM qa_reviewer_keys ${options.includeRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY name, added_at`);
}

export async function addReviewerKey(engine: Engine, request: { name: string; publicKey: string }, actor: Actor): Promise<ReviewerKeyRecord> {
  const name = printable(request.name).trim();
  if (!name || name.length > MAX_NAME) throw new PackageError(`Give the reviewer's name (1–${MAX_NAME} characters).`);
  const publicKey = request.publicKey.trim();
  try {
    publicKeyFromText(publicKey);
  } catch (err) {
    if (err instanceof KeyFormatError) throw new PackageError(err.message);
    throw err;
  }
  const fingerprint = keyFingerprint(publicKey);
  const at = new Date().toISOString();
  await engine.store.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO qa_reviewer_keys (fingerprint, public_key, name, added_at, added_by) VALUES (?,?,?,?,?)
       ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, added_at = excluded.added_at, added_by = excluded.added_by, removed_at = NULL, removed_by = NULL`,
      [fingerprint, publicKey, name, at, actor.user],
    );
    await auditChange(engine, tx, actor, 'qa.reviewer_key.add', { name, fingerprint, public_key: publicKey });
  });
  return (await findReviewerKey(engine, fingerprint))!;
}

/** Removes a key (named by its fingerprint or the whole key): sign-offs it makes from now on are refused. */
export async function removeReviewerKey(engine: Engine, key: string, actor: Actor): Promise<ReviewerKeyRecord> {
  const active = await listReviewerKeys(engine);
  const match = active.find((r) => namesKey(key, r.public_key));
  if (!match) throw new PackageError(`No registered reviewer key is ${printable(key).slice(0, 80)}. \`pacs-mcp qa reviewers list\` shows the keys and their fingerprints.`);
  await engine.store.transaction(async (tx) => {
    await tx.run('UPDATE qa_reviewer_keys SET removed_at = ?, removed_by = ? WHERE fingerprint = ? AND removed_at IS NULL', [new Date().toISOString(), actor.user, match.fingerprint]);
    await auditChange(engine, tx, actor, 'qa.reviewer_key.remove', { name: match.name, fingerprint: match.fingerprint });
  });
  return (await findReviewerKey(engine, match.fingerprint))!;
}

/** The registered, not removed, reviewer holding `publicKey`; undefined when there is none. */
export async function activeReviewerKey(engine: Engine, publicKey: string): Promise<ReviewerKeyRecord | undefined> {
  return engine.store.get<ReviewerKeyRecord>('SELECT * FROM qa_reviewer_keys WHERE public_key = ? AND removed_at IS NULL', [publicKey]);
}

function findReviewerKey(engine: Engine, fingerprint: string): Promise<ReviewerKeyRecord | undefined> {
  return engine.store.get<ReviewerKeyRecord>('SELECT * FROM qa_reviewer_keys WHERE fingerprint = ?', [fingerprint]);
}

function auditChange(engine: Engine, tx: SqliteTx, actor: Actor, action: string, args: Record<string, unknown>): Promise<number> {
  return engine.audit.appendWithin(tx, { channel: actor.channel, clientName: actor.clientName, action, args, outcome: 'ok', durationMs: 0 });
}
