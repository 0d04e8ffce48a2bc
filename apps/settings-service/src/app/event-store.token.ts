/** The service's EventStorePort is injected with `@Inject(EVENT_STORE)`; EventStoreModule provides it. */
export { EVENT_STORE } from '@scim/event-store';
