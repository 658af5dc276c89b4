import { tokenizeSql, type SqlToken } from '../../guard/sql-lexer.js';
import { UserError } from '../../util/user-error.js';

export class CatalogScopeError extends UserError {
  constructor(message: string) {
    super('refused', message);
  }
}

const isName = (t: SqlToken | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted_identifier');

/**
 * A query on a tenant's Databricks connection may only name that tenant's catalog: a name of
 * three or more parts must start with it, and no other `tenant_*` catalog may appear at all.
 * (Unity Catalog grants are the database-side wall; this keeps a shared token from crossing it.)
 */
export function assertCatalogScope(sql: string, catalog: string): void {
  const tokens = tokenizeSql(sql, 'databricks');
  const own = catalog.toLowerCase();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!isName(token)) continue;
    if (/^tenant_[a-z0-9_]*$/.test(token.normalized) && token.normalized !== own) {
      throw new CatalogScopeError(`This connection serves catalog ${catalog}; the query names ${token.text}, another tenant's catalog, and is refused.`);
    }
    const startsChain = tokens[i - 1]?.text !== '.';
    if (startsChain && tokens[i + 1]?.text === '.' && isName(tokens[i + 2]) && tokens[i + 3]?.text === '.' && isName(tokens[i + 4])) {
      if (token.normalized !== own) {
        throw new CatalogScopeError(
          `This connection serves catalog ${catalog}; ${token.text}.${tokens[i + 2].text}.${tokens[i + 4].text} is in another catalog and is refused. ` +
            'Write bronze.<table> (or silver./gold.), which resolves in the tenant catalog.',
        );
      }
    }
  }
}
