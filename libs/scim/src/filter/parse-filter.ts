import type { Filter as RawFilter } from 'scim2-parse-filter';
import { parseFilter as parseTokens, Tokens, type Token } from 'scim2-parse-filter/lib/src/parser';
import { ScimError } from '../errors';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/attribute-definition';
import { formatAttributePath, resolveAttributePath, type AttributePath } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import type { CompareOperator, CompareValue, ScimFilter } from './filter-ast';
import { describeParserError } from './parser-messages';
import { rewriteFilterTokens } from './rewrite-filter-tokens';
import { tokenizeFilter } from './tokenize-filter';

export interface ParseFilterOptions {
  readonly resourceType?: ResourceTypeDefinition;
  /**
   * Parse the filter inside a value path (`emails[<filter>]` in a PATCH path): attribute names are
   * sub-attributes of this multi-valued attribute.
   */
  readonly within?: AttributePath;
}

/**
 * Parses an RFC 7644 §3.4.2.2 filter into a typed AST with canonical, schema-checked attribute paths.
 * Operators and attribute names are case-insensitive. Throws ScimError 400 invalidFilter.
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): ScimFilter {
  const resourceType = options.resourceType ?? userResourceType;
  const raw = parseRaw(text);
  checkSize(raw);
  return normalise(raw, { resourceType, within: options.within });
}

/** Far beyond any real client's filter; keeps evaluation, SQL depth and parameter counts bounded. */
export const MAX_FILTER_DEPTH = 32;
export const MAX_FILTER_COMPARISONS = 200;

function checkSize(raw: RawFilter): void {
  let comparisons = 0;
  const visit = (node: RawFilter, depth: number): void => {
    if (depth > MAX_FILTER_DEPTH) throw invalidFilter(`Invalid filter: nested more than ${MAX_FILTER_DEPTH} levels deep`);
    if ('filters' in node) node.filters.forEach((child) => visit(child, depth + 1));
    else if ('filter' in node) visit(node.filter, depth + 1);
    else if ('valFilter' in node) visit(node.valFilter, depth + 1);
    else comparisons += 1;
    if (comparisons > MAX_FILTER_COMPARISONS) {
      throw invalidFilter(`Invalid filter: more than ${MAX_FILTER_COMPARISONS} comparisons`);
    }
  };
  visit(raw, 1);
}

/**
 * The limits checkSize enforces, counted on the tokens: the parser recurses once per parenthesis, bracket
 * and `not`, so a filter nested thousands of levels deep would exhaust its stack before checkSize saw it.
 */
function checkNesting(tokens: readonly Token[]): void {
  let depth = 0;
  let negations = 0;
  for (const { type, literal } of tokens) {
    if (type === 'Bracket') depth += literal === '(' || literal === '[' ? 1 : -1;
    else if (type === 'Word' && literal.toLowerCase() === 'not') negations += 1;
    if (depth > MAX_FILTER_DEPTH) throw invalidFilter(`Invalid filter: nested more than ${MAX_FILTER_DEPTH} levels deep`);
    if (negations > MAX_FILTER_COMPARISONS) throw invalidFilter(`Invalid filter: more than ${MAX_FILTER_COMPARISONS} "not" operators`);
  }
}

function parseRaw(text: string): RawFilter {
  if (text.trim() === '') throw invalidFilter('Invalid filter: empty');
  const tokenList = rewriteFilterTokens(tokenizeFilter(text));
  checkNesting(tokenList);
  const tokens = new Tokens(tokenList);
  try {
    const raw = parseTokens(tokens);
    if (tokens.peek().type !== 'EOT') throw new Error(`unexpected "${tokens.peek().literal}"`);
    return raw;
  } catch (error) {
    if (error instanceof ScimError) throw error;
    throw invalidFilter(`Invalid filter: ${describeParserError((error as Error).message)}`);
  }
}

interface Scope {
  readonly resourceType: ResourceTypeDefinition;
  /** Set inside `attr[...]`: names there are sub-attributes of this attribute. */
  readonly within?: AttributePath;
}

function normalise(raw: RawFilter, scope: Scope): ScimFilter {
  switch (raw.op) {
    case 'and':
    case 'or':
      return { op: raw.op, filters: (raw as { filters: RawFilter[] }).filters.map((f) => normalise(f, scope)) };
    case 'not':
      return { op: 'not', filter: normalise((raw as { filter: RawFilter }).filter, scope) };
    case '[]':
      return normaliseValuePath(raw as { attrPath: string; valFilter: RawFilter }, scope);
    case 'pr':
      return { op: 'pr', path: resolve((raw as { attrPath: string }).attrPath, scope).path };
    default: {
      const compare = raw as { op: CompareOperator; attrPath: string; compValue: CompareValue };
      return normaliseComparison(compare.op, compare.attrPath, compare.compValue, scope);
    }
  }
}

function normaliseValuePath(raw: { attrPath: string; valFilter: RawFilter }, scope: Scope): ScimFilter {
  if (scope.within) throw invalidFilter('Invalid filter: value filters cannot be nested');
  const resolved = resolve(raw.attrPath, scope);
  if (resolved.subAttribute || resolved.attribute.type !== 'complex' || !resolved.attribute.multiValued) {
    throw invalidFilter(`Invalid filter: "${raw.attrPath}" is not a multi-valued complex attribute`);
  }
  return { op: 'valuePath', path: resolved.path, filter: normalise(raw.valFilter, { ...scope, within: resolved.path }) };
}

function normaliseComparison(op: CompareOperator, attrPath: string, compValue: CompareValue, scope: Scope): ScimFilter {
  let resolved = resolve(attrPath, scope);
  let target = resolved.subAttribute ?? resolved.attribute;
  if (target.type === 'complex') {
    // RFC 7644 §3.4.2.2 example: `emails co "example.com"` compares the implicit `value` sub-attribute.
    const implied = target.multiValued && !resolved.subAttribute;
    const value = implied ? target.subAttributes?.find((a) => a.name === 'value') : undefined;
    if (!value) throw invalidFilter(`Invalid filter: cannot compare complex attribute "${attrPath}"`);
    const path = { ...resolved.path, subAttribute: 'value' };
    resolved = { kind: 'attribute', path, attribute: resolved.attribute, subAttribute: value };
    target = value;
  }
  const value = coerceValue(op, compValue, target, attrPath);
  return { op, path: resolved.path, value, type: target.type, caseExact: target.caseExact };
}

function coerceValue(op: CompareOperator, value: CompareValue, target: AttributeDefinition, attrPath: string): CompareValue {
  const fail = (why: string) => invalidFilter(`Invalid filter: ${why} for "${attrPath}" (${target.type})`);
  if (value === null) {
    if (op === 'eq' || op === 'ne') return null;
    throw fail(`"${op} null" is not allowed`);
  }
  switch (target.type) {
    case 'boolean': {
      if (op !== 'eq' && op !== 'ne') throw fail(`operator "${op}" is not allowed`);
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw fail('expected true or false');
    }
    case 'dateTime': {
      if (['co', 'sw', 'ew'].includes(op)) throw fail(`operator "${op}" is not allowed`);
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) throw fail('expected an RFC 3339 date-time string');
      return new Date(time).toISOString();
    }
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') throw fail('expected a number');
      return value;
    default:
      if (typeof value === 'boolean') throw fail('expected a string');
      return String(value);
  }
}

function resolve(attrPath: string, scope: Scope) {
  const text = scope.within ? `${formatAttributePath(scope.within, scope.resourceType)}.${attrPath}` : attrPath;
  if (scope.within && attrPath.includes('.')) {
    throw invalidFilter(`Invalid filter: unknown attribute "${attrPath}" in value filter`);
  }
  const resolution = resolveAttributePath(text, scope.resourceType);
  if (resolution.kind !== 'attribute') {
    throw invalidFilter(`Invalid filter: unknown attribute "${text}"`);
  }
  return resolution;
}

function invalidFilter(detail: string): ScimError {
  return ScimError.badRequest('invalidFilter', detail);
}
