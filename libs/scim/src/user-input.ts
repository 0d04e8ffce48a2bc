import type { z } from 'zod';
import { ScimError } from './errors';
import { findKey, getIgnoringCase, isJsonObject, listsSchema, type JsonObject } from './resource';
import type { AttributeDefinition, SchemaDefinition } from './schemas/attribute-definition';
import { canonicaliseKeys } from './schemas/canonical-keys';
import { coreUserSchema } from './schemas/core-user-schema';
import { dashboardUserSchema } from './schemas/dashboard-user-schema';
import { CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA, ENTERPRISE_USER_SCHEMA } from './schemas/urns';
import { userInputSchema, type UserInputFields } from './user-input-schema';

/** A create or replace body, normalised: the product attributes found wherever the client put them. */
export type UserInput = UserInputFields;

export interface ParseUserInputOptions {
  /** `create` (POST) requires userName; `replace` (PUT) does not (the modelled product's PUT omits it). */
  readonly mode: 'create' | 'replace';
}

/**
 * Schemas a body may list. The enterprise extension is accepted (Entra ID lists it on every user) but
 * its attributes are not supported, so they are ignored like any other unknown attribute.
 */
const ACCEPTED_SCHEMAS = [CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA, ENTERPRISE_USER_SCHEMA];

/**
 * Validates a `POST /Users` or `PUT /Users/{id}` body and normalises it into a `UserInput`.
 *
 * Decisions (RFC 7644 §3.3 leaves unknown attributes to the server):
 * - Unknown attributes are ignored, not rejected: Okta sends `password`, `locale`, `groups`; Entra
 *   `roles`, `title`, enterprise attributes; both echo `id`/`meta` (readOnly, also ignored). Microsoft's
 *   test collection expects a misspelt attribute on PUT to be ignored.
 * - Unknown schema URNs in `schemas` are rejected (400 invalidSyntax): they name data we would drop.
 * - Attribute names are case-insensitive. `department` and `permissions` are read at top level (as the
 *   modelled product documents them) or under the extension URN; different values in both places are
 *   400 invalidValue.
 * - Wrong types and bad values are 400 invalidValue naming the attribute path.
 */
export function parseUserInput(body: unknown, options: ParseUserInputOptions): UserInput {
  if (!isJsonObject(body)) throw ScimError.badRequest('invalidSyntax', 'The User body must be a JSON object');
  checkSchemas(getIgnoringCase(body, 'schemas'));
  const candidate = { ...pick(body, coreUserSchema), ...extensionAttributes(body) };
  const parsed = userInputSchema.safeParse(candidate);
  if (!parsed.success) throw invalidValue(parsed.error.issues[0]);
  const input = withoutUndefined(parsed.data);
  if (options.mode === 'create' && input.userName === undefined) {
    throw ScimError.badRequest('invalidValue', 'Attribute "userName" is required');
  }
  return input;
}

/**
 * userName cannot change (the product forbids it; /Schemas says immutable). Sending the current value,
 * in any case, is fine. Throws 400 mutability otherwise.
 */
export function assertUserNameUnchanged(currentUserName: string, input: UserInput): void {
  if (input.userName !== undefined && input.userName.toLowerCase() !== currentUserName.toLowerCase()) {
    throw ScimError.badRequest('mutability', 'Attribute "userName" is immutable and cannot be changed');
  }
}

function checkSchemas(schemas: unknown): void {
  if (!Array.isArray(schemas) || schemas.some((schema) => typeof schema !== 'string')) {
    throw ScimError.badRequest('invalidSyntax', '"schemas" must be an array of schema URNs');
  }
  if (!listsSchema(schemas, CORE_USER_SCHEMA)) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must list "${CORE_USER_SCHEMA}"`);
  }
  const unknown = schemas.find((schema: string) => !ACCEPTED_SCHEMAS.some((accepted) => listsSchema([schema], accepted)));
  if (unknown !== undefined) throw ScimError.badRequest('invalidSyntax', `Unsupported schema "${unknown}"`);
}

/** The writable attributes of `schema` found in `source`, with canonical keys. */
function pick(source: JsonObject, schema: SchemaDefinition): JsonObject {
  const result: JsonObject = {};
  for (const definition of writable(schema)) {
    const key = findKey(source, definition.name);
    if (key !== undefined) result[definition.name] = canonicaliseKeys(definition, source[key]);
  }
  return result;
}

function extensionAttributes(body: JsonObject): JsonObject {
  const container = getIgnoringCase(body, DASHBOARD_USER_SCHEMA);
  if (container !== undefined && container !== null && !isJsonObject(container)) {
    throw ScimError.badRequest('invalidValue', `Attribute "${DASHBOARD_USER_SCHEMA}" must be an object`);
  }
  const topLevel = pick(body, dashboardUserSchema);
  const nested = isJsonObject(container) ? pick(container, dashboardUserSchema) : {};
  for (const name of Object.keys(nested)) {
    if (name in topLevel && JSON.stringify(topLevel[name]) !== JSON.stringify(nested[name])) {
      const detail = `Attribute "${name}" is given twice, at top level and under "${DASHBOARD_USER_SCHEMA}", with different values`;
      throw ScimError.badRequest('invalidValue', detail);
    }
  }
  return { ...topLevel, ...nested };
}

function writable(schema: SchemaDefinition): AttributeDefinition[] {
  return schema.attributes.filter((definition) => definition.mutability !== 'readOnly');
}

function invalidValue(issue: z.core.$ZodIssue): ScimError {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  return ScimError.badRequest('invalidValue', `Attribute "${path}" ${issue.message}`);
}

function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (!isJsonObject(value)) return value;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutUndefined(item)])) as T;
}
