import { ScimError } from '../errors';
import type { ResourceTypeDefinition } from '../schemas/attribute-definition';
import { formatAttributePath, type AttributePath } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import type { ColumnMap, ColumnSpec } from './column-map';
import type { ComparisonFilter, ScimFilter } from './filter-ast';

export interface SqlFragment {
  readonly sql: string;
  readonly params: unknown[];
}

export interface CompileOptions {
  readonly resourceType?: ResourceTypeDefinition;
  /**
   * SQL function that lower-cases like `String#toLowerCase()` for case-insensitive comparisons on
   * columns that are not `folded`. SQLite's built-in `lower()` folds ASCII only; register a Unicode one
   * (`db.function('scim_fold', { deterministic: true }, foldCase)`) and name it here to match
   * `evaluateFilter` exactly.
   */
  readonly foldFunction?: string;
}

/** Lower-cases like the in-memory evaluator; register it as the SQL `foldFunction`. */
export function foldCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Compiles a parsed filter to a parameterised SQLite WHERE clause with the semantics of `evaluateFilter`.
 * Every predicate is two-valued (never NULL), so `not` behaves as in memory. Attributes without a column
 * give 400 invalidFilter: a silently empty result would make a client create a duplicate.
 */
export function compileFilterToSql(filter: ScimFilter, columns: ColumnMap, options: CompileOptions = {}): SqlFragment {
  const compiler = new Compiler(columns, options.resourceType ?? userResourceType, options.foldFunction ?? 'lower');
  const sql = compiler.compile(filter, undefined);
  return { sql, params: compiler.params };
}

/** Inside `emails[...]` or `EXISTS (... json_each(emails) ...)`: the alias of the current array element. */
interface ElementScope {
  readonly path: AttributePath;
  readonly alias: string;
}

/** Where a value comes from: a column, or a JSON property of an array element. */
type ValueSource = { readonly sql: string; readonly folded: boolean; readonly params: unknown[] };

class Compiler {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(
    private readonly columns: ColumnMap,
    private readonly resourceType: ResourceTypeDefinition,
    private readonly fold: string,
  ) {}

  compile(filter: ScimFilter, scope: ElementScope | undefined): string {
    switch (filter.op) {
      case 'and':
      case 'or':
        return `(${filter.filters.map((f) => this.compile(f, scope)).join(` ${filter.op.toUpperCase()} `)})`;
      case 'not':
        return `(NOT ${this.compile(filter.filter, scope)})`;
      case 'valuePath': {
        const alias = this.nextAlias();
        const column = this.jsonArrayColumn(filter.path);
        const inner = this.compile(filter.filter, { path: filter.path, alias });
        return `EXISTS (SELECT 1 FROM json_each(${column}) AS ${alias} WHERE ${inner})`;
      }
      case 'pr':
        return this.leaf(filter.path, scope, (source) => this.present(source));
      default:
        // Negations wrap the whole (possibly EXISTS) predicate: "no value equals", as in memory.
        if (filter.op === 'ne') return `(NOT ${this.compile({ ...filter, op: 'eq' }, scope)})`;
        if (filter.value === null) return `(NOT ${this.compile({ op: 'pr', path: filter.path }, scope)})`;
        return this.leaf(filter.path, scope, (source) => this.comparison(filter, source));
    }
  }

  /** Resolves where `path` is read from and builds the predicate; multi-valued attributes get EXISTS. */
  private leaf(path: AttributePath, scope: ElementScope | undefined, predicate: (source: ValueSource) => string): string {
    if (scope && sameAttribute(scope.path, path)) {
      return predicate(this.elementProperty(scope.alias, path));
    }
    const spec = this.spec(path);
    if (spec && spec.kind === 'scalar') return predicate({ sql: spec.column, folded: !!spec.folded, params: [] });
    const arrayColumn = this.spec({ schema: path.schema, attribute: path.attribute });
    if (arrayColumn?.kind === 'jsonArray') {
      const alias = this.nextAlias();
      const where = path.subAttribute ? predicate(this.elementProperty(alias, path)) : '1';
      return `EXISTS (SELECT 1 FROM json_each(${arrayColumn.column}) AS ${alias} WHERE ${where})`;
    }
    throw this.unsupported(path);
  }

  private elementProperty(alias: string, path: AttributePath): ValueSource {
    if (!path.subAttribute) throw this.unsupported(path);
    return { sql: `json_extract(${alias}.value, ?)`, folded: false, params: [`$.${path.subAttribute}`] };
  }

  private present(source: ValueSource): string {
    const value = this.use(source);
    const again = this.use(source);
    return `(${value} IS NOT NULL AND ${again} <> '')`;
  }

  private comparison(filter: ComparisonFilter, source: ValueSource): string {
    const insensitive = isText(filter) && !filter.caseExact;
    const value = toSqlValue(filter, insensitive);
    const column = () => {
      const sql = this.use(source);
      return insensitive && !source.folded ? `${this.fold}(${sql})` : sql;
    };
    const param = () => {
      this.params.push(value);
      return '?';
    };
    const notNull = `${this.use(source)} IS NOT NULL`;
    switch (filter.op) {
      case 'eq':
        return `(${notNull} AND ${column()} = ${param()})`;
      case 'co':
        return `(${notNull} AND instr(${column()}, ${param()}) > 0)`;
      case 'sw':
        return `(${notNull} AND substr(${column()}, 1, length(${param()})) = ${param()})`;
      case 'ew':
        return (
          `(${notNull} AND length(${column()}) >= length(${param()})` +
          ` AND substr(${column()}, length(${column()}) - length(${param()}) + 1) = ${param()})`
        );
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        return `(${notNull} AND ${column()} ${ORDERING[filter.op]} ${param()})`;
      default:
        throw new Error(`unexpected operator ${filter.op}`);
    }
  }

  /** Emits a source's SQL, pushing its own parameters (the JSON path) each time it is used. */
  private use(source: ValueSource): string {
    this.params.push(...source.params);
    return source.sql;
  }

  private spec(path: AttributePath): ColumnSpec | undefined {
    return this.columns[formatAttributePath(path, this.resourceType)];
  }

  private jsonArrayColumn(path: AttributePath): string {
    const spec = this.spec(path);
    if (spec?.kind !== 'jsonArray') throw this.unsupported(path);
    return spec.column;
  }

  private nextAlias(): string {
    this.aliases += 1;
    return `v${this.aliases}`;
  }

  private unsupported(path: AttributePath): ScimError {
    const name = formatAttributePath(path, this.resourceType);
    return ScimError.badRequest('invalidFilter', `Filtering on "${name}" is not supported`);
  }
}

const ORDERING = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function sameAttribute(a: AttributePath, b: AttributePath): boolean {
  return a.schema === b.schema && a.attribute === b.attribute;
}

function isText(filter: ComparisonFilter): boolean {
  return filter.type === 'string' || filter.type === 'reference' || filter.type === 'binary';
}

function toSqlValue(filter: ComparisonFilter, insensitive: boolean): unknown {
  if (typeof filter.value === 'boolean') return filter.value ? 1 : 0;
  if (insensitive && typeof filter.value === 'string') return filter.value.toLowerCase();
  return filter.value;
}
