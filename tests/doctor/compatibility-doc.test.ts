import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACS_USAGE } from '../../mcp/doctor/pacs-usage.js';
import { COMPATIBILITY_DOC, compatibilityDoc } from '../helpers/compatibility-doc.js';
import { ROOT } from '../helpers/paths.js';

describe('docs/pacs-compatibility.md', () => {
  it('is what resources/pacs-usage.json says (PACS_UPDATE_USAGE=1 npx vitest run tests/sql/tsql-statements.test.ts rewrites both)', () => {
    expect(fs.readFileSync(path.join(ROOT, COMPATIBILITY_DOC), 'utf8')).toBe(compatibilityDoc(PACS_USAGE));
  });

  it('lists every operation doctor reports, each with its tables, and the writes of the writing ones', () => {
    const doc = compatibilityDoc(PACS_USAGE);
    for (const op of PACS_USAGE.operations) {
      expect(doc).toContain(`## \`${op.name}\``);
      for (const table of Object.keys(op.reads)) expect(doc).toContain(`- \`${table}\`: `);
    }
    expect(doc).toMatch(/## `route_appeal`[\s\S]*UPDATE `_arb_protest` \(docket_id, prot_hearing_appraisal_staff, prot_status, status_date_changed\)/);
    expect(doc).toMatch(/## `search_parcels`[\s\S]*- `account`: .*`file_as_name` varchar\(70\)/);
  });
});
