export * from './contract-suite';
export * from './contract-events';
