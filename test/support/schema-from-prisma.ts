import { readFile } from 'node:fs/promises';
import { get_dmmf } from '@prisma/prisma-schema-wasm';

/**
 * Describes the database a Prisma schema asks for, as sorted lines in the same words that
 * schema-from-database.ts uses for a real database, so that the two compare line by line.
 * The schema is read with Prisma's own parser (its wasm build), not with a home-made one.
 */

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}

interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

/** Reads a schema file and describes the database it asks for. */
export async function describeSchemaFile(path: string): Promise<string[]> {
  const prismaSchema = await readFile(path, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as { datamodel: Datamodel };
  return describeDatamodel(dmmf.datamodel);
}

function describeDatamodel(datamodel: Datamodel): string[] {
  const enumNames = new Map(datamodel.enums.map((item) => [item.name, item.dbName ?? item.name]));
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const lines = datamodel.enums.map(
    (item) => `enum ${item.dbName ?? item.name} (${item.values.map(enumValue).join(', ')})`,
  );

  for (const model of datamodel.models) {
    lines.push(`table ${tableName(model)}`);
    for (const field of model.fields) {
      if (field.kind === 'scalar' || field.kind === 'enum') {
        lines.push(describeColumn(model, field, enumNames));
      }
      if (field.kind === 'object' && (field.relationFromFields ?? []).length > 0) {
        lines.push(describeForeignKey(model, field, models));
      }
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    if (model) lines.push(describeIndex(model, index));
  }
  return lines.sort();
}

function enumValue(value: { name: string; dbName: string | null }): string {
  return value.dbName ?? value.name;
}

function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnName(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? fieldName;
}

function describeColumn(
  model: DmmfModel,
  field: DmmfField,
  enumNames: Map<string, string>,
): string {
  const type = field.kind === 'enum' ? `enum ${enumNames.get(field.type)}` : columnType(field);
  const list = field.isList ? '[]' : '';
  const nullability = field.isRequired ? 'not null' : 'null';
  const fallback = databaseDefault(field);
  const defaultText = fallback === undefined ? '' : ` default ${fallback}`;
  const column = `${tableName(model)}.${field.dbName ?? field.name}`;
  return `column ${column} ${type}${list} ${nullability}${defaultText}`;
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

// How PostgreSQL's format_type() spells the `@db.*` native types Prisma offers.
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : 'character varying'),
  Char: (args) => `character(${args[0] ?? 1})`,
  Uuid: () => 'uuid',
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: (args) => (args.length > 0 ? `numeric(${args.join(',')})` : 'numeric'),
  Timestamp: (args) => `timestamp(${args[0] ?? 3}) without time zone`,
  Timestamptz: (args) => `timestamp(${args[0] ?? 3}) with time zone`,
  Date: () => 'date',
  Boolean: () => 'boolean',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
  Inet: () => 'inet',
  Citext: () => 'citext',
};

function columnType(field: DmmfField): string {
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    // An unknown native type shows up in the diff under its Prisma name; teach the map above.
    return NATIVE_TYPES[name]?.(args) ?? `native ${name}(${args.join(',')})`;
  }
  return SCALAR_TYPES[field.type] ?? `unknown ${field.type}`;
}

// Defaults Prisma fills in on the client side leave the column without one.
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

/** The column default as schema-from-database.ts normalizes it, or undefined for none. */
function databaseDefault(field: DmmfField): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const value = field.default;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object' && 'name' in value) {
    const { name, args } = value as { name: string; args: unknown[] };
    if (name === 'autoincrement' || name === 'sequence') return 'autoincrement';
    if (name === 'now') return 'now()';
    if (name === 'dbgenerated') return String(args[0] ?? '');
    if (CLIENT_SIDE_DEFAULTS.has(name)) return undefined;
  }
  return `unknown ${JSON.stringify(value)}`;
}

// Prisma's default names: the table's and columns' database names, a suffix, and the whole
// cut to PostgreSQL's 63-byte identifier limit before the suffix.
function defaultName(table: string, columns: string[], suffix: string): string {
  const base = [table, ...columns].join('_');
  return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}

const INDEX_SUFFIXES = { id: '_pkey', unique: '_key', normal: '_idx', fulltext: '_idx' };
const INDEX_KINDS = {
  id: 'primary key',
  unique: 'unique index',
  normal: 'index',
  fulltext: 'index',
};

function describeIndex(model: DmmfModel, index: DmmfIndex): string {
  const table = tableName(model);
  const columns = index.fields.map((field) => columnName(model, field.name));
  const suffix = INDEX_SUFFIXES[index.type];
  const name = index.dbName ?? defaultName(table, index.type === 'id' ? [] : columns, suffix);
  const parts = index.fields.map(
    (field, i) => `${columns[i]}${field.sortOrder === 'desc' ? ' desc' : ''}`,
  );
  const method = index.type === 'id' ? '' : ` using ${(index.algorithm ?? 'BTree').toLowerCase()}`;
  return `${INDEX_KINDS[index.type]} ${table}.${name} (${parts.join(', ')})${method}`;
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'cascade',
  Restrict: 'restrict',
  NoAction: 'no action',
  SetNull: 'set null',
  SetDefault: 'set default',
};

// LIMITATION: the DMMF does not carry `@relation(map: ...)`, so a renamed foreign key would be
// reported as a difference; reading the schema's text for `map:` would lift it.
function describeForeignKey(
  model: DmmfModel,
  field: DmmfField,
  models: Map<string, DmmfModel>,
): string {
  const target = models.get(field.type);
  if (!target) return `foreign key to unknown model ${field.type}`;
  const table = tableName(model);
  const columns = (field.relationFromFields ?? []).map((name) => columnName(model, name));
  const referenced = (field.relationToFields ?? []).map((name) => columnName(target, name));

  // Prisma's defaults: an optional relation sets null on delete, a required one restricts.
  const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
  const onUpdate = field.relationOnUpdate ?? 'Cascade';
  return (
    `foreign key ${table}.${defaultName(table, columns, '_fkey')} (${columns.join(', ')})` +
    ` references ${tableName(target)} (${referenced.join(', ')})` +
    ` on delete ${REFERENTIAL_ACTIONS[onDelete]} on update ${REFERENTIAL_ACTIONS[onUpdate]}`
  );
}
