import { ScimError } from '../errors';
import { getIgnoringCase, isJsonObject, listsSchema } from '../resource';
import { PATCH_OP_SCHEMA } from '../schemas/urns';

export type PatchOpName = 'add' | 'replace' | 'remove';

/** More than any client sends for one user (Entra sends one operation per changed attribute); bounds a PATCH's cost. */
export const MAX_PATCH_OPERATIONS = 100;

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: unknown;
}

/**
 * Validates an RFC 7644 §3.5.2 PatchOp body. `op` is case-insensitive (Entra sends `Replace`); member
 * names are matched case-insensitively. An empty `Operations` list is accepted as "no change"
 * (Microsoft's validator sends one; RFC 7644 asks for one or more).
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('The PATCH body must be a JSON object');
  const schemas = getIgnoringCase(body, 'schemas');
  if (!listsSchema(schemas, PATCH_OP_SCHEMA)) throw invalidSyntax(`The PATCH body must list the schema "${PATCH_OP_SCHEMA}"`);
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('"Operations" must be an array');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw ScimError.badRequest('invalidValue', `A PATCH may carry at most ${MAX_PATCH_OPERATIONS} operations; send more PATCH requests`);
  }
  return operations.map(parseOperation);
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) throw invalidSyntax(`${where} must be an object`);
  const op = getIgnoringCase(operation, 'op');
  const name = typeof op === 'string' ? op.toLowerCase() : undefined;
  if (name !== 'add' && name !== 'replace' && name !== 'remove') {
    throw invalidSyntax(`${where}.op must be "add", "replace" or "remove"`);
  }
  const path = getIgnoringCase(operation, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw ScimError.badRequest('invalidPath', `${where}.path must be a string`);
  }
  const hasPath = typeof path === 'string' && path.trim() !== '';
  if (name === 'remove' && !hasPath) {
    throw ScimError.badRequest('noTarget', `${where}: "remove" needs a "path"`);
  }
  const hasValue = Object.keys(operation).some((key) => key.toLowerCase() === 'value');
  if (name !== 'remove' && !hasValue) throw invalidSyntax(`${where}: "${name}" needs a "value"`);
  return {
    op: name,
    ...(hasPath ? { path: path.trim() } : {}),
    ...(hasValue ? { value: getIgnoringCase(operation, 'value') } : {}),
  };
}

function invalidSyntax(detail: string): ScimError {
  return ScimError.badRequest('invalidSyntax', detail);
}
