import type pg from 'pg';

/**
 * Describes what a real database holds in its `public` schema, as sorted lines in the words
 * schema-from-prisma.ts uses, read from pg_catalog. Prisma's own bookkeeping table is left out.
 */
export async function describeDatabase(client: pg.Client): Promise<string[]> {
  // One after another: a pg client runs one query at a time.
  const lines: string[] = [];
  for (const describe of [describeEnums, describeTables, describeColumns, describeIndexes]) {
    lines.push(...(await describe(client)));
  }
  lines.push(...(await describeForeignKeys(client)));
  return lines.sort();
}

const PUBLIC_TABLES = `
  c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
  AND c.relname <> '_prisma_migrations'`;

async function describeEnums(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name,
           array_agg(e.enumlabel::text ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = 'public'::regnamespace
     GROUP BY t.typname`);
  return rows.map((row) => `enum ${row.name} (${row.labels.join(', ')})`);
}

async function describeTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE ${PUBLIC_TABLES}`,
  );
  return rows.map((row) => `table ${row.name}`);
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  enum_name: string | null;
  is_array: boolean;
  not_null: boolean;
  default_expression: string | null;
}

async function describeColumns(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<ColumnRow>(`
    SELECT c.relname AS table_name, a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS type,
           CASE WHEN base.typtype = 'e' THEN base.typname END AS enum_name,
           t.typcategory = 'A' AS is_array,
           a.attnotnull AS not_null,
           pg_get_expr(d.adbin, d.adrelid) AS default_expression
      FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type base ON base.oid = CASE WHEN t.typelem <> 0 THEN t.typelem ELSE t.oid END
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE ${PUBLIC_TABLES}`);

  return rows.map((row) => {
    const type =
      row.enum_name === null ? row.type : `enum ${row.enum_name}${row.is_array ? '[]' : ''}`;
    const nullability = row.not_null ? 'not null' : 'null';
    const fallback = row.default_expression === null ? '' : ` default ${normalizeDefault(row)}`;
    return `column ${row.table_name}.${row.column_name} ${type} ${nullability}${fallback}`;
  });
}

const NUMERIC_CAST = /::(integer|bigint|smallint|numeric|double precision|real)$/;

/** Puts a default expression in the words schema-from-prisma.ts uses. */
function normalizeDefault(row: ColumnRow): string {
  const expression = row.default_expression ?? '';
  if (/^nextval\('.*'::regclass\)$/.test(expression)) return 'autoincrement';
  if (expression === 'CURRENT_TIMESTAMP' || expression === 'now()') return 'now()';

  // PostgreSQL shows a negative number as a quoted literal with a cast: '-1'::integer.
  const numeric = NUMERIC_CAST.test(expression);
  let literal = expression;
  while (/::[\w" .()[\]]+$/.test(literal) && literal.startsWith("'")) {
    literal = literal.replace(/::[\w" .()[\]]+$/, '');
  }
  return numeric ? literal.replace(/^'(-?[\d.]+)'$/, '$1') : literal;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_primary: boolean;
  is_unique: boolean;
  method: string;
  columns: string[];
}

async function describeIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<IndexRow>(`
    SELECT c.relname AS table_name, ic.relname AS index_name,
           i.indisprimary AS is_primary, i.indisunique AS is_unique, am.amname AS method,
           array(
             SELECT a.attname::text
                    || CASE WHEN i.indoption[k.n - 1] & 1 = 1 THEN ' desc' ELSE '' END
               FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              ORDER BY k.n
           )::text[] AS columns
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_am am ON am.oid = ic.relam
     WHERE ${PUBLIC_TABLES}`);

  return rows.map((row) => {
    const kind = row.is_primary ? 'primary key' : row.is_unique ? 'unique index' : 'index';
    const method = row.is_primary ? '' : ` using ${row.method}`;
    return `${kind} ${row.table_name}.${row.index_name} (${row.columns.join(', ')})${method}`;
  });
}

interface ForeignKeyRow {
  table_name: string;
  name: string;
  columns: string[];
  target: string;
  target_columns: string[];
  on_delete: string;
  on_update: string;
}

const ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

async function describeForeignKeys(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<ForeignKeyRow>(`
    SELECT c.relname AS table_name, k.conname AS name, t.relname AS target,
           k.confdeltype AS on_delete, k.confupdtype AS on_update,
           array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
                  ORDER BY u.n)::text[] AS columns,
           array(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum
                  ORDER BY u.n)::text[] AS target_columns
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class t ON t.oid = k.confrelid
     WHERE k.contype = 'f' AND ${PUBLIC_TABLES}`);

  return rows.map(
    (row) =>
      `foreign key ${row.table_name}.${row.name} (${row.columns.join(', ')})` +
      ` references ${row.target} (${row.target_columns.join(', ')})` +
      ` on delete ${ACTIONS[row.on_delete]} on update ${ACTIONS[row.on_update]}`,
  );
}
