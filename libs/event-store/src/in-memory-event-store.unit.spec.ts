import { InMemoryEventStore } from './in-memory-event-store';
import { describeEventStoreContract } from './testing';

describeEventStoreContract('InMemoryEventStore', async (registry) => ({ store: new InMemoryEventStore({ registry }) }));
