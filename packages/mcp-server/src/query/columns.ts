/**
 * Which columns a statement reads, told from DuckDB's own parse tree (`json_serialize_sql`), so that a query loads
 * only those: a question over 60,000 rows usually names 3 or 4 of a report's 20 to 40 columns, and loading is
 * most of a query's cost. When the tree does not say for sure (a `*`, `COLUMNS(...)`, a whole row used as a value,
 * a natural join, a table function, renamed columns, DESCRIBE/SUMMARIZE), every column is loaded.
 *
 * A column the reading misses cannot give a wrong answer: the table is created without it, so the statement fails
 * to bind ("column not found"), and the query is run again with every column (see the query tool).
 */

/** Lower-cased names the statement refers to as columns (every part of `a.b.c`), or 'all'. */
export type ReferencedNames = ReadonlySet<string> | 'all';

/** Table references whose columns the tree does not list. */
const OPAQUE_REFS = new Set(['TABLE_FUNCTION', 'SHOW_REF', 'PIVOT', 'COLUMN_DATA', 'DELIM_GET']);

export function referencedNames(ast: unknown): ReferencedNames {
  const names = new Set<string>();
  // Names that stand for a whole table (its name or alias): used alone as a value, they read every column.
  const tables = new Set<string>();
  const singles: string[] = [];
  let all = false;
  const walk = (node: unknown): void => {
    if (all || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.class === 'STAR' || record.class === 'LAMBDA') all = true;
    if (typeof record.type === 'string' && OPAQUE_REFS.has(record.type)) all = true;
    if (record.ref_type === 'NATURAL') all = true;
    if (record.type === 'BASE_TABLE') {
      if (Array.isArray(record.column_name_alias) && record.column_name_alias.length > 0) all = true;
      if (typeof record.table_name === 'string') tables.add(record.table_name.toLowerCase());
      if (typeof record.alias === 'string' && record.alias) tables.add(record.alias.toLowerCase());
    }
    if (record.class === 'COLUMN_REF' && Array.isArray(record.column_names)) {
      const parts = record.column_names.map((part) => String(part).toLowerCase());
      for (const part of parts) names.add(part);
      if (parts.length === 1) singles.push(parts[0]!);
    }
    if (Array.isArray(record.using_columns)) {
      for (const name of record.using_columns) names.add(String(name).toLowerCase());
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(ast);
  if (all || singles.some((name) => tables.has(name))) return 'all';
  return names;
}
