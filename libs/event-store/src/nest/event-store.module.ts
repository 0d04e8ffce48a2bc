import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventDefinition } from '@scim/contracts';
import { EsdbEventStore } from '../esdb-event-store';
import { EventRegistry, type Upcaster } from '../event-registry';
import type { EventStorePort } from '../port';

/** Injection token of the service's EventStorePort. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export interface EventStoreModuleOptions {
  /** EVENT_STORE_URL: esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://. */
  readonly url: string;
  readonly definitions: readonly EventDefinition[];
  readonly upcasters?: readonly Upcaster[];
}

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStorePort) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the EventStorePort to a service: the EventStoreDB client for a URL, or a given store (tests). */
@Module({})
export class EventStoreModule {
  static register(options: EventStoreModuleOptions): DynamicModule {
    const registry = new EventRegistry(options.definitions, options.upcasters ?? []);
    return EventStoreModule.forStore(EsdbEventStore.connect(options.url, registry));
  }

  static forStore(store: EventStorePort): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useValue: store }, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }
}
