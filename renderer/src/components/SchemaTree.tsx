import { useState } from 'react';

export interface TreeTable {
  schema: string;
  name: string;
  type: 'table' | 'view';
}

export interface TreeColumn {
  name: string;
  type: string;
  primary_key: boolean;
}

interface SchemaTreeProps {
  tables: TreeTable[];
  /** Columns loaded so far, by "schema.name". */
  columns: Record<string, TreeColumn[] | undefined>;
  onExpand(table: TreeTable): void;
  /** A table or column name picked to go into the editor. */
  onPick(text: string): void;
}

export const tableKey = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** The connection's tables beside the editor: expand one for its columns, double-click a name to insert it. */
export function SchemaTree(props: SchemaTreeProps) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const needle = filter.trim().toLowerCase();
  const shown = props.tables.filter((t) => !needle || t.name.toLowerCase().includes(needle));
  const toggle = (t: TreeTable) => {
    const key = tableKey(t);
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else {
      next.add(key);
      props.onExpand(t);
    }
    setOpen(next);
  };
  return (
    <nav className="schema-tree" aria-label="Tables of this connection" data-testid="schema-tree">
      <input type="search" placeholder="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter tables" />
      <ul role="tree" aria-label="Tables">
        {shown.map((t) => {
          const key = tableKey(t);
          const expanded = open.has(key);
          const cols = props.columns[key];
          return (
            <li key={key} role="treeitem" aria-expanded={expanded} aria-selected={false}>
              <button type="button" className="tree-node" onClick={() => toggle(t)} onDoubleClick={() => props.onPick(t.name)} title={`${key} (${t.type}) — double-click to insert`}>
                <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {t.name}
                {t.type === 'view' && <span className="muted"> view</span>}
              </button>
              {expanded && (
                <ul role="group">
                  {!cols && <li className="muted">loading…</li>}
                  {cols?.map((c) => (
                    <li key={c.name} role="treeitem" aria-selected={false}>
                      <button type="button" className="tree-leaf" onDoubleClick={() => props.onPick(c.name)} title="Double-click to insert">
                        {c.name} <span className="muted">{c.type}</span>
                        {c.primary_key && (
                          <abbr className="muted" title="primary key">
                            {' '}
                            PK
                          </abbr>
                        )}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted">No tables{needle ? ' match' : ''}.</li>}
      </ul>
    </nav>
  );
}
