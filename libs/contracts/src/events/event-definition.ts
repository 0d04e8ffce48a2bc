import { z } from 'zod';

/**
 * A versioned domain event type: `DashboardUserProvisioned.v1`. The zod schema is the single source of
 * truth for its payload; it is checked when the event is written and again when it is read.
 */
export interface EventDefinition<
  TName extends string = string,
  TVersion extends number = number,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly name: TName;
  readonly version: TVersion;
  readonly type: `${TName}.v${TVersion}`;
  readonly schema: TSchema;
}

export function defineEvent<const TName extends string, const TVersion extends number, TSchema extends z.ZodType>(
  name: TName,
  version: TVersion,
  schema: TSchema,
): EventDefinition<TName, TVersion, TSchema> {
  return Object.freeze({ name, version, type: `${name}.v${version}` as const, schema });
}

/** The `{ type, data }` pair a decider emits for a definition. */
export type EventOf<D extends EventDefinition> = { readonly type: D['type']; readonly data: z.infer<D['schema']> };

/** Builds a typed event value, so deciders never spell a type string by hand. */
export function eventOf<D extends EventDefinition>(definition: D, data: z.infer<D['schema']>): EventOf<D> {
  return { type: definition.type, data };
}
