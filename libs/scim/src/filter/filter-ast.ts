import type { AttributeType } from '../schemas/attribute-definition';
import type { AttributePath } from '../schemas/attribute-path';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompareValue = string | number | boolean | null;

/**
 * `attribute op value`. The path is canonical (schema casing, fully qualified); the value is coerced to
 * the attribute's type (dateTime values are normalised with `Date#toISOString()`). `type` and `caseExact`
 * are the compared attribute's, so the backends need no schema lookups.
 */
export interface ComparisonFilter {
  readonly op: CompareOperator;
  readonly path: AttributePath;
  readonly value: CompareValue;
  readonly type: AttributeType;
  readonly caseExact: boolean;
}

export interface PresentFilter {
  readonly op: 'pr';
  readonly path: AttributePath;
}

export interface LogicalFilter {
  readonly op: 'and' | 'or';
  readonly filters: readonly ScimFilter[];
}

export interface NotFilter {
  readonly op: 'not';
  readonly filter: ScimFilter;
}

/**
 * `emails[type eq "work" and value co "@x"]`: some single value of the multi-valued attribute `path`
 * matches `filter` as a whole. Paths inside `filter` are sub-attributes of `path`.
 */
export interface ValuePathFilter {
  readonly op: 'valuePath';
  readonly path: AttributePath;
  readonly filter: ScimFilter;
}

export type ScimFilter = ComparisonFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;
