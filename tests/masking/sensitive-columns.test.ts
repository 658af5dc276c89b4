import { describe, expect, it } from 'vitest';
import { demoTable } from '../../mcp/demo/demo-schema.js';
import { classifyColumn, classifyPacsColumn, PACS_SENSITIVE_COLUMNS } from '../../mcp/masking/sensitive-columns.js';
import { PACS_CATALOG } from '../../mcp/pacs/pacs-catalog.js';

describe('the sensitive PACS columns', () => {
  it('are columns of the catalog and of the demo database', () => {
    for (const [table, columns] of Object.entries(PACS_SENSITIVE_COLUMNS)) {
      const catalog = PACS_CATALOG.tables[table];
      expect(catalog, table).toBeDefined();
      for (const column of Object.keys(columns)) {
        expect(catalog.columns.map((c) => c.name), `${table}.${column}`).toContain(column);
        expect(demoTable(table).columns.map((c) => c.name), `${table}.${column}`).toContain(column);
      }
    }
  });

  it("cover every column the catalog's note names", () => {
    const note = PACS_CATALOG.semantics.find((s) => s.topic === 'sensitive columns')!.note;
    const named = [...note.matchAll(/\b([a-z_]+)\.([a-z_0-9]+)\b/g)].map((m) => [m[1], m[2]] as const).filter(([table]) => table in PACS_CATALOG.tables);
    expect(named.length).toBeGreaterThan(10);
    for (const [table, column] of named) {
      if (column === 'confidential_flag' || column === 'confidential_sale') continue; // flags that mark a row, handled as such
      expect(PACS_SENSITIVE_COLUMNS[table]?.[column], `${table}.${column}`).toBeDefined();
    }
  });

  it('are recognised by name wherever the name says what they hold, and by table where it does not', () => {
    for (const [table, columns] of Object.entries(PACS_SENSITIVE_COLUMNS)) {
      for (const [column, category] of Object.entries(columns)) {
        expect(classifyPacsColumn(table, column), `${table}.${column}`).toEqual({ kind: 'sensitive', category });
        if (column !== 'amount') expect(classifyColumn(column), `${table}.${column}`).toEqual({ kind: 'sensitive', category });
      }
    }
    expect(classifyColumn('amount')).not.toEqual({ kind: 'sensitive', category: 'income' });
  });

  it('leave a table the catalog does not list, or a column it does not list, to the name', () => {
    expect(classifyPacsColumn('owner_extra', 'owner_ssn')).toEqual({ kind: 'sensitive', category: 'ssn' });
    expect(classifyPacsColumn('OWNER_EXTRA', 'widget')).toEqual({ kind: 'unknown' });
    expect(classifyPacsColumn('account', 'amount')).toEqual({ kind: 'unknown' });
    expect(classifyPacsColumn('account', 'prop_id')).toEqual({ kind: 'safe' });
  });
});
