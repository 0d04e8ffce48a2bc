import { ScimError } from '../errors';
import { parseFilter } from '../filter/parse-filter';
import type { ScimFilter } from '../filter/filter-ast';
import {
  findByName,
  type AttributeDefinition,
  type ResourceTypeDefinition,
  type SchemaDefinition,
} from '../schemas/attribute-definition';
import { resolveAttributePath, type AttributePath } from '../schemas/attribute-path';

/** Where a PATCH operation acts: an attribute (optionally filtered, optionally a sub-attribute). */
export type PatchTarget =
  | {
      readonly kind: 'attribute';
      /** The attribute (no sub-attribute) the operation starts from. */
      readonly path: AttributePath;
      readonly attribute: AttributeDefinition;
      /** `emails[type eq "work"]...`: only the values matching this filter. */
      readonly filter?: ScimFilter;
      /** `name.givenName` or `emails[...].value`. */
      readonly subAttribute?: AttributeDefinition;
    }
  /** A bare extension URN; the value is an object of that schema's attributes. */
  | { readonly kind: 'schema'; readonly schema: SchemaDefinition }
  /** An attribute this server does not support (Entra sends `title`, enterprise attributes, ...): no-op. */
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * Parses an RFC 7644 §3.5.2 PATCH path: `attrPath`, `attrPath[valFilter]`, `attrPath[valFilter].subAttr`,
 * each optionally URN-qualified. Malformed paths give 400 invalidPath; unknown attributes are ignored,
 * as they are in POST and PUT bodies.
 */
export function parsePatchPath(text: string, resourceType: ResourceTypeDefinition): PatchTarget {
  const open = text.indexOf('[');
  if (open < 0) return resolvePlain(text, resourceType);
  const close = closingBracket(text, open);
  const trailer = text.slice(close + 1);
  if (!/^(\.[A-Za-z][\w$-]*)?$/.test(trailer)) throw invalidPath(text, 'unexpected text after "]"');
  const resolution = resolveAttributePath(text.slice(0, open), resourceType);
  if (resolution.kind === 'unknown') return { kind: 'ignored', reason: resolution.reason };
  const filterable =
    resolution.kind === 'attribute' &&
    !resolution.subAttribute &&
    resolution.attribute.multiValued &&
    resolution.attribute.type === 'complex';
  if (!filterable) {
    throw invalidPath(text, 'a value filter needs a multi-valued complex attribute');
  }
  let filter: ScimFilter;
  try {
    filter = parseFilter(text.slice(open + 1, close), { resourceType, within: resolution.path });
  } catch (error) {
    if (error instanceof ScimError) throw invalidPath(text, error.detail);
    throw error;
  }
  const target = { kind: 'attribute' as const, path: resolution.path, attribute: resolution.attribute, filter };
  if (!trailer) return target;
  const subAttribute = findByName(resolution.attribute.subAttributes, trailer.slice(1));
  if (!subAttribute) return { kind: 'ignored', reason: `unknown sub-attribute in "${text}"` };
  return { ...target, subAttribute };
}

function resolvePlain(text: string, resourceType: ResourceTypeDefinition): PatchTarget {
  if (text.includes(']') || text.includes('"') || /\s/.test(text.trim())) throw invalidPath(text, 'malformed path');
  const resolution = resolveAttributePath(text, resourceType);
  switch (resolution.kind) {
    case 'unknown':
      return { kind: 'ignored', reason: resolution.reason };
    case 'schema':
      return resolution;
    default: {
      const path = { schema: resolution.path.schema, attribute: resolution.path.attribute };
      const target = { kind: 'attribute' as const, path, attribute: resolution.attribute };
      return resolution.subAttribute ? { ...target, subAttribute: resolution.subAttribute } : target;
    }
  }
}

function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (inString && char === '\\') i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === ']') return i;
  }
  throw invalidPath(text, 'missing "]"');
}

function invalidPath(text: string, why: string): ScimError {
  return ScimError.badRequest('invalidPath', `Invalid path "${text}": ${why}`);
}
