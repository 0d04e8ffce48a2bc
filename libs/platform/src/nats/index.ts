export * from './context-headers';
export * from './contextual-nats-server';
export * from './nats-client.module';
export * from './nats-rpc.client';
export * from './nats-transport';
export * from './rpc-call-error';
export * from './rpc-handler.decorator';
export * from './nest-packets';
