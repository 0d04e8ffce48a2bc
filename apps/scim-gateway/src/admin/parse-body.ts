import { issuesOf } from '@scim/contracts';
import { z } from 'zod';
import { droppedFields } from './unknown-fields';

/** A body with fields its request does not have: a 400 naming each, rather than silently doing less than asked. */
export class UnknownFieldsError extends Error {
  constructor(readonly paths: readonly string[]) {
    super('The request body has fields this request does not take');
  }
}

/**
 * Validates an HTTP body against its schema; a ZodError becomes a 400 naming each bad field. A field the
 * schema does not know is refused too: a misspelt `method` for `provisioningMethod` must not save the default.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const input = body ?? {};
  const parsed = schema.parse(input);
  const unknown = droppedFields(input, parsed);
  if (unknown.length > 0) throw new UnknownFieldsError(unknown);
  return parsed;
}

/** A query string that does not fit its schema: a 400 naming each bad parameter. */
export class InvalidQueryError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super('The query string is invalid');
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidQueryError(issuesOf(parsed.error).map((issue) => ({ ...issue, path: issue.path || '(query)' })));
}
