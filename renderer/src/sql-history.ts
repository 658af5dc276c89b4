/** The SQL console's query history, per connection, kept in this window's localStorage only. */
export interface HistoryEntry {
  sql: string;
  at: string;
  /** Rows returned, or null when the query failed or was cancelled. */
  rows: number | null;
}

const MAX_ENTRIES = 50;
const key = (connectionId: string) => `pacs.sql.history.${connectionId || 'default'}`;

export function readHistory(connectionId: string): HistoryEntry[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(connectionId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((e): e is HistoryEntry => typeof e?.sql === 'string' && typeof e?.at === 'string') : [];
  } catch {
    return [];
  }
}

/** Newest first; running the same text again moves it to the top instead of adding a copy. */
export function addToHistory(connectionId: string, entry: HistoryEntry): HistoryEntry[] {
  const entries = [entry, ...readHistory(connectionId).filter((e) => e.sql.trim() !== entry.sql.trim())].slice(0, MAX_ENTRIES);
  try {
    localStorage.setItem(key(connectionId), JSON.stringify(entries));
  } catch {
    // A full or disabled storage only costs the history.
  }
  return entries;
}

export function clearHistory(connectionId: string): void {
  localStorage.removeItem(key(connectionId));
}
