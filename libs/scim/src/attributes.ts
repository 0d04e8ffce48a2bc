import { isPresent } from './filter/evaluate-filter';
import { containerOf, findKey, getIgnoringCase, isJsonObject, type JsonObject, type ScimResource } from './resource';
import type { AttributeDefinition, ResourceTypeDefinition } from './schemas/attribute-definition';
import { isCoreSchema, resolveAttributePath, schemasOf } from './schemas/attribute-path';
import { userResourceType } from './schemas/user-resource-type';

export interface AttributeSelection {
  /** Names to return (plus `returned: always` ones); see RFC 7644 §3.9. */
  readonly attributes?: readonly string[];
  /** Names to leave out (never `returned: always` ones). */
  readonly excludedAttributes?: readonly string[];
}

/** Per top-level attribute (`schema|name`), or per bare schema URN: the whole thing, or some sub-attributes. */
type Picks = Map<string, 'whole' | Set<string>>;

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.9): names are case-insensitive, may name a
 * sub-attribute (`name.givenName`), be URN-qualified, or be a bare extension URN (the whole extension).
 * `returned: always` attributes (id) and `schemas` are always kept; `returned: never` ones never appear;
 * `returned: request` ones only when asked for. Unknown names are ignored. Only attributes of the
 * resource type's schemas are returned.
 */
export function projectAttributes(
  resource: ScimResource,
  selection: AttributeSelection = {},
  resourceType: ResourceTypeDefinition = userResourceType,
): ScimResource {
  const selecting = selection.attributes !== undefined && selection.attributes.length > 0;
  const requested = selecting ? picksOf(selection.attributes ?? [], resourceType) : undefined;
  const excluded = picksOf(selection.excludedAttributes ?? [], resourceType);
  const result: ScimResource = {};
  const schemas = getIgnoringCase(resource, 'schemas');
  if (schemas !== undefined) result['schemas'] = schemas;

  for (const schema of schemasOf(resourceType)) {
    const source = containerOf(resource, schema.id, resourceType);
    if (!source) continue;
    const target: JsonObject = isCoreSchema(resourceType, schema.id) ? result : {};
    for (const definition of schema.attributes) {
      const key = findKey(source, definition.name);
      if (key === undefined) continue;
      const id = pickKey(schema.id, definition.name);
      const pick = requested?.get(id) ?? (requested?.has(schema.id) ? 'schema' : undefined);
      const include = decide(definition, pick, requested !== undefined);
      if (include === undefined) continue;
      const exclusion = excluded.get(id) ?? (excluded.has(schema.id) ? 'whole' : undefined);
      const value = project(definition, source[key], include, exclusion);
      if (isPresent(value)) target[definition.name] = value;
    }
    if (target !== result && Object.keys(target).length > 0) result[schema.id] = target;
  }
  return result;
}

/** Which sub-attributes to keep: all of them, or a named set. undefined: drop the attribute. */
function decide(
  definition: AttributeDefinition,
  pick: 'whole' | 'schema' | Set<string> | undefined,
  selecting: boolean,
): 'whole' | Set<string> | undefined {
  if (definition.returned === 'never') return undefined;
  if (definition.returned === 'always') return 'whole';
  if (!selecting) return definition.returned === 'request' ? undefined : 'whole';
  if (pick === 'schema') return definition.returned === 'request' ? undefined : 'whole';
  return pick;
}

function project(
  definition: AttributeDefinition,
  value: unknown,
  include: 'whole' | Set<string>,
  exclude: 'whole' | Set<string> | undefined,
): unknown {
  if (exclude === 'whole' && definition.returned !== 'always') return undefined;
  if (definition.type !== 'complex') return value;
  const keep = (sub: AttributeDefinition) =>
    sub.returned === 'always' ||
    (sub.returned !== 'never' &&
      (include === 'whole' ? sub.returned !== 'request' : include.has(sub.name)) &&
      !(exclude instanceof Set && exclude.has(sub.name)));
  const projectOne = (item: unknown) => {
    if (!isJsonObject(item)) return item;
    const out: JsonObject = {};
    for (const sub of definition.subAttributes ?? []) {
      const key = findKey(item, sub.name);
      if (key !== undefined && keep(sub)) out[sub.name] = item[key];
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  if (!Array.isArray(value)) return projectOne(value);
  const items = value.map(projectOne).filter((item) => item !== undefined);
  return items.length > 0 ? items : undefined;
}

function picksOf(names: readonly string[], resourceType: ResourceTypeDefinition): Picks {
  const picks: Picks = new Map();
  for (const name of names) {
    const resolution = resolveAttributePath(name, resourceType);
    if (resolution.kind === 'schema') {
      picks.set(resolution.schema.id, 'whole');
      continue;
    }
    if (resolution.kind !== 'attribute') continue;
    const id = pickKey(resolution.path.schema, resolution.path.attribute);
    const current = picks.get(id);
    if (!resolution.path.subAttribute || current === 'whole') {
      picks.set(id, 'whole');
    } else {
      picks.set(id, new Set([...(current ?? []), resolution.path.subAttribute]));
    }
  }
  return picks;
}

function pickKey(schemaId: string, attribute: string): string {
  return `${schemaId}|${attribute}`;
}
