export * from './config';
export * from './app/gateway.module';
export * from './app/create-gateway-app';
