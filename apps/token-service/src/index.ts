export * from './config';
export * from './app/token-service.module';
export * from './app/start-token-service';
