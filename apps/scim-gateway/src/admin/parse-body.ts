import { issuesOf } from '@scim/contracts';
import { z } from 'zod';

/** Validates an HTTP body against its schema; a ZodError becomes a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  return schema.parse(body ?? {});
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
