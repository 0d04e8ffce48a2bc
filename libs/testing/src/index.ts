export * from './free-port';
export * from './log-capture';
export * from './nats-server';
export * from './esdb-lite';
export * from './stallable-proxy';
