import { ScimError } from './errors';
import type { ScimFilter } from './filter/filter-ast';
import { parseFilter } from './filter/parse-filter';
import { isJsonObject, listsSchema } from './resource';
import type { ResourceTypeDefinition } from './schemas/attribute-definition';
import { resolveAttributePath, type AttributePath } from './schemas/attribute-path';
import { SCIM_MAX_RESULTS } from './schemas/discovery';
import { SEARCH_REQUEST_SCHEMA } from './schemas/urns';
import { userResourceType } from './schemas/user-resource-type';

export type SortOrder = 'ascending' | 'descending';

export interface ListQuery {
  readonly filter?: ScimFilter;
  /** 1-based; values below 1 are read as 1. */
  readonly startIndex: number;
  /** 0..maxResults; negative is read as 0, more than maxResults as maxResults, absent as maxResults. */
  readonly count: number;
  readonly sortBy?: AttributePath;
  readonly sortOrder: SortOrder;
  readonly attributes?: string[];
  readonly excludedAttributes?: string[];
}

export interface ListQueryOptions {
  readonly resourceType?: ResourceTypeDefinition;
  readonly maxResults?: number;
}

/**
 * Reads the list parameters of `GET /Users?...` (values are strings, or arrays when repeated). Parameter
 * names are case-insensitive, as are `sortOrder` values. Bad values give 400 invalidValue; a bad filter
 * 400 invalidFilter. Unknown parameters are ignored.
 */
export function parseListQuery(query: Record<string, unknown>, options: ListQueryOptions = {}): ListQuery {
  const resourceType = options.resourceType ?? userResourceType;
  const maxResults = options.maxResults ?? SCIM_MAX_RESULTS;
  const get = (name: string) => single(query, name);

  const filterText = get('filter');
  if (filterText !== undefined && typeof filterText !== 'string') throw invalidFilter('"filter" must be a string');
  const startIndex = integer(get('startIndex'), 'startIndex');
  const count = integer(get('count'), 'count');
  const sortBy = get('sortBy');
  return {
    ...(typeof filterText === 'string' && filterText.trim() !== ''
      ? { filter: parseFilter(filterText, { resourceType }) }
      : {}),
    startIndex: Math.max(1, startIndex ?? 1),
    count: Math.min(maxResults, Math.max(0, count ?? maxResults)),
    ...(sortBy !== undefined && sortBy !== '' ? { sortBy: sortPath(sortBy, resourceType) } : {}),
    sortOrder: sortOrder(get('sortOrder')),
    ...names(query, 'attributes'),
    ...names(query, 'excludedAttributes'),
  };
}

/** Reads a `POST /.search` body (RFC 7644 §3.4.3): the same parameters, plus the SearchRequest schema. */
export function parseSearchRequest(body: unknown, options: ListQueryOptions = {}): ListQuery {
  if (!isJsonObject(body)) throw ScimError.badRequest('invalidSyntax', 'The search body must be a JSON object');
  const schemas = single(body, 'schemas', true);
  if (!listsSchema(schemas, SEARCH_REQUEST_SCHEMA)) {
    throw ScimError.badRequest('invalidSyntax', `The search body must list the schema "${SEARCH_REQUEST_SCHEMA}"`);
  }
  return parseListQuery(body, options);
}

function single(source: Record<string, unknown>, name: string, keepArrays = false): unknown {
  const keys = Object.keys(source).filter((key) => key.toLowerCase() === name.toLowerCase());
  if (keys.length > 1) throw invalidValue(`"${name}" is given more than once`);
  const value = keys.length === 1 ? source[keys[0]] : undefined;
  if (keepArrays || !Array.isArray(value)) return value;
  if (value.length > 1) throw invalidValue(`"${name}" is given more than once`);
  return value[0];
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw invalidValue(`"${name}" must be an integer`);
}

function sortPath(value: unknown, resourceType: ResourceTypeDefinition): AttributePath {
  if (typeof value !== 'string') throw invalidValue('"sortBy" must be an attribute name');
  const resolution = resolveAttributePath(value, resourceType);
  if (resolution.kind !== 'attribute') throw invalidValue(`"sortBy": unknown attribute "${value}"`);
  const target = resolution.subAttribute ?? resolution.attribute;
  if (target.type !== 'complex') return resolution.path;
  // A multi-valued attribute sorts by its (primary) value, RFC 7644 §3.4.2.3.
  if (target.multiValued && target.subAttributes?.some((sub) => sub.name === 'value')) {
    return { ...resolution.path, subAttribute: 'value' };
  }
  throw invalidValue(`"sortBy": cannot sort by the complex attribute "${value}"`);
}

function sortOrder(value: unknown): SortOrder {
  if (value === undefined || value === '') return 'ascending';
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw invalidValue('"sortOrder" must be "ascending" or "descending"');
}

const NAME = /^(?:urn:[A-Za-z0-9:._-]+?:)?[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?$|^urn:[A-Za-z0-9:._-]+$/;

/** `attributes=a,b` or, in a search body, `attributes: ["a", "b"]`. */
function names(query: Record<string, unknown>, name: 'attributes' | 'excludedAttributes'): Partial<ListQuery> {
  const value = single(query, name, true);
  if (value === undefined) return {};
  const parts = (Array.isArray(value) ? value : [value]).map((part) => {
    if (typeof part !== 'string') throw invalidValue(`"${name}" must be a comma-separated list of attribute names`);
    return part;
  });
  const list = parts.flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part !== '');
  const bad = list.find((item) => !NAME.test(item));
  if (bad !== undefined) throw invalidValue(`"${name}": "${bad}" is not an attribute name`);
  return list.length > 0 ? { [name]: list } : {};
}

function invalidValue(detail: string): ScimError {
  return ScimError.badRequest('invalidValue', detail);
}

function invalidFilter(detail: string): ScimError {
  return ScimError.badRequest('invalidFilter', detail);
}
