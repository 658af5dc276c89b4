import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Rows fetched page by page as a virtual table scrolls: only what is in view (and a page
 * around it) is ever asked for, so a 100,000-row diff costs a few small calls.
 */
export function usePagedRows<T>(key: string | null, fetchPage: (offset: number, limit: number) => Promise<T[]>, rowCount: number, pageSize = 500) {
  const pages = useRef(new Map<number, T[]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    pages.current = new Map();
    pending.current = new Set();
    setError(null);
    setVersion((v) => v + 1);
  }, [key]);

  // A list that is still growing (a diff being computed) may have handed out a short last page: fetch it again.
  useEffect(() => {
    let dropped = false;
    for (const [page, rows] of pages.current) {
      if (rows.length < pageSize && page * pageSize + rows.length < rowCount) {
        pages.current.delete(page);
        dropped = true;
      }
    }
    if (dropped) setVersion((v) => v + 1);
  }, [rowCount, pageSize]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (key === null) return;
      const firstPage = Math.floor(Math.max(0, start - pageSize / 4) / pageSize);
      const lastPage = Math.floor((end + pageSize / 4) / pageSize);
      for (let page = firstPage; page <= lastPage; page++) {
        if (pages.current.has(page) || pending.current.has(page)) continue;
        pending.current.add(page);
        const mine = pages.current;
        fetchRef.current(page * pageSize, pageSize).then(
          (rows) => {
            if (mine !== pages.current) return;
            pages.current.set(page, rows);
            pending.current.delete(page);
            setVersion((v) => v + 1);
          },
          (err: Error) => {
            pending.current.delete(page);
            setError(err.message);
          },
        );
      }
    },
    [key, pageSize],
  );

  const getRow = useCallback((index: number): T | undefined => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize], [pageSize]);
  return { ensureRange, getRow, error };
}
