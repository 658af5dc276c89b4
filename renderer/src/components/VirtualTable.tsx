import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** A CSS grid track: "120px", "2fr", "minmax(8rem, 1fr)". */
  width: string;
  render: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right';
  cellClassName?: (row: T) => string | undefined;
  /** Columns sharing a group get a header band above them (the diff's Base | Target). */
  group?: string;
}

export interface VirtualTableProps<T> {
  label: string;
  columns: Column<T>[];
  rowCount: number;
  /** The row at an index, or undefined while it is still loading (a placeholder is drawn). */
  getRow: (index: number) => T | undefined;
  rowHeight?: number;
  height?: number | string;
  rowClassName?: (row: T, index: number) => string | undefined;
  onVisibleRangeChange?: (start: number, end: number) => void;
  /** Enter or a click on a row. */
  onActivate?: (row: T, index: number) => void;
  activeIndex?: number | null;
  emptyText?: ReactNode;
  testId?: string;
  /** Wider tables scroll sideways, header and rows together. */
  minWidth?: number;
}

/**
 * A table that renders only the rows in view (plus a few above and below), so 100,000 rows cost
 * the same as 40. Keyboard: focus the table, then arrows, Page Up/Down, Home/End move the current
 * row and Enter opens it.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { columns, rowCount, getRow, rowHeight = 30, height = 480, onVisibleRangeChange, onActivate } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number>(props.activeIndex ?? 0);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const template = columns.map((c) => c.width).join(' ');
  const groups = groupBands(columns);

  useEffect(() => {
    if (last >= first) onVisibleRangeChange?.(first, last);
  }, [first, last, onVisibleRangeChange]);

  useEffect(() => {
    if (cursor >= rowCount && rowCount > 0) setCursor(rowCount - 1);
  }, [rowCount, cursor]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rowCount - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(cursor + 1),
      ArrowUp: () => move(cursor - 1),
      PageDown: () => move(cursor + page),
      PageUp: () => move(cursor - page),
      Home: () => move(0),
      End: () => move(rowCount - 1),
      Enter: () => {
        const row = getRow(cursor);
        if (row !== undefined) onActivate?.(row, cursor);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={rowCount + 1} data-testid={props.testId}>
      <div className="vtable-inner" style={props.minWidth ? { minWidth: props.minWidth } : undefined}>
      {groups && (
        <div className="vtable-groups" style={{ gridTemplateColumns: template }} aria-hidden="true">
          {groups.map((g, i) => (
            <div key={i} className={g.label ? 'vtable-group' : undefined} style={{ gridColumn: `span ${g.span}` }}>
              {g.label}
            </div>
          ))}
        </div>
      )}
      <div className="vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={c.align === 'right' ? 'num' : undefined}>
            {c.header}
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        style={{ height }}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={rowCount ? `${props.testId ?? 'vt'}-row-${cursor}` : undefined}
      >
        {rowCount === 0 ? (
          <div className="vtable-empty">{props.emptyText ?? 'Nothing to show.'}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = getRow(item.index);
              const classes = ['vtable-row', item.index % 2 ? 'odd' : '', item.index === cursor ? 'cursor' : '', item.index === props.activeIndex ? 'active' : '', row !== undefined ? (props.rowClassName?.(row, item.index) ?? '') : 'loading'];
              return (
                <div
                  key={item.key}
                  id={`${props.testId ?? 'vt'}-row-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={classes.filter(Boolean).join(' ')}
                  style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setCursor(item.index);
                    if (row !== undefined) onActivate?.(row, item.index);
                  }}
                >
                  {row === undefined ? (
                    <div role="cell" className="placeholder" style={{ gridColumn: `span ${columns.length}` }}>
                      Loading…
                    </div>
                  ) : (
                    columns.map((c) => (
                      <div key={c.key} role="cell" className={[c.align === 'right' ? 'num' : '', c.cellClassName?.(row) ?? ''].filter(Boolean).join(' ') || undefined}>
                        {c.render(row, item.index)}
                      </div>
                    ))
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
      </div>
    </div>
  );
}

function groupBands<T>(columns: Column<T>[]): { label: string; span: number }[] | null {
  if (!columns.some((c) => c.group)) return null;
  const bands: { label: string; span: number }[] = [];
  for (const c of columns) {
    const label = c.group ?? '';
    const last = bands[bands.length - 1];
    if (last && last.label === label) last.span++;
    else bands.push({ label, span: 1 });
  }
  return bands;
}
