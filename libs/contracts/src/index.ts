export * from './rpc/rpc-contract';
export * from './rpc/rpc-error';
export * from './rpc/request-context';
export * from './health/health.contracts';
export * from './events/event-definition';
export * from './events/event-metadata';
