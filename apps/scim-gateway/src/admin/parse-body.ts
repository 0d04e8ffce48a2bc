import type { z } from 'zod';

/** Validates an HTTP body against its schema; a ZodError becomes a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  return schema.parse(body ?? {});
}
