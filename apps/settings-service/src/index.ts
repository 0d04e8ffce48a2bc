export * from './config';
export * from './app/settings-service.module';
export * from './app/start-settings-service';
