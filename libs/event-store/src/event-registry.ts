import type { z } from 'zod';
import type { EventDefinition } from '@scim/contracts';
import { InvalidEventPayload, UnknownEventType } from './errors';

/** Turns the stored payload of an old event type into the payload of a newer one. */
export interface Upcaster<TTo extends EventDefinition = EventDefinition> {
  /** The old, stored type, e.g. `DashboardUserProvisioned.v1`. It need not be registered itself. */
  readonly from: string;
  readonly to: TTo;
  readonly upcast: (data: unknown) => z.input<TTo['schema']>;
}

/** An event as read, after upcasting; `original` keeps the stored form when an upcaster changed it. */
export interface DecodedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly original?: { readonly type: string; readonly data: unknown };
}

/**
 * The event types a store accepts: each type's zod schema checks payloads on write and on read, and upcasters
 * turn old stored types into current ones on read. Event schemas must be JSON in, JSON out (no transforms):
 * what is read back is the stored JSON, checked against the schema.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventDefinition>();
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(definitions: readonly EventDefinition[] = [], upcasters: readonly Upcaster[] = []) {
    this.register(...definitions);
    for (const upcaster of upcasters) this.registerUpcaster(upcaster);
  }

  register(...definitions: readonly EventDefinition[]): this {
    for (const definition of definitions) {
      const existing = this.definitions.get(definition.type);
      if (existing && existing !== definition) throw new Error(`Event type '${definition.type}' is registered twice`);
      this.definitions.set(definition.type, definition);
    }
    return this;
  }

  /** Registers an upcaster (and its target definition). The `from` type can then only be read, never written. */
  registerUpcaster<TTo extends EventDefinition>(upcaster: Upcaster<TTo>): this {
    if (this.upcasters.has(upcaster.from)) throw new Error(`Event type '${upcaster.from}' has two upcasters`);
    if (!this.definitions.has(upcaster.to.type)) this.register(upcaster.to);
    this.upcasters.set(upcaster.from, upcaster as unknown as Upcaster);
    this.assertNoUpcastCycle(upcaster.from);
    return this;
  }

  /** True when events of this type can be written. */
  has(type: string): boolean {
    return this.definitions.has(type) && !this.upcasters.has(type);
  }

  get types(): readonly string[] {
    return [...this.definitions.keys()];
  }

  /** Checks a payload about to be written and returns it as it will be stored. */
  validateForWrite(type: string, data: unknown): unknown {
    const definition = this.definitions.get(type);
    if (!definition || this.upcasters.has(type)) throw new UnknownEventType(type);
    const result = definition.schema.safeParse(data);
    if (!result.success) throw new InvalidEventPayload(type, result.error.issues);
    return result.data;
  }

  /** Upcasts a stored event to its current type and checks it against that type's schema. */
  decode(type: string, data: unknown): DecodedEvent {
    let currentType = type;
    let currentData = data;
    for (let upcaster = this.upcasters.get(currentType); upcaster; upcaster = this.upcasters.get(currentType)) {
      currentData = upcaster.upcast(currentData);
      currentType = upcaster.to.type;
    }
    const definition = this.definitions.get(currentType);
    if (!definition) throw new UnknownEventType(type);
    const result = definition.schema.safeParse(currentData);
    if (!result.success) throw new InvalidEventPayload(currentType, result.error.issues);
    if (currentType === type) return { type, data };
    return { type: currentType, data: result.data, original: { type, data } };
  }

  private assertNoUpcastCycle(from: string): void {
    const seen = new Set<string>();
    for (let type: string | undefined = from; type !== undefined; type = this.upcasters.get(type)?.to.type) {
      if (seen.has(type)) {
        this.upcasters.delete(from);
        throw new Error(`Upcasters for '${from}' form a cycle`);
      }
      seen.add(type);
    }
  }
}
