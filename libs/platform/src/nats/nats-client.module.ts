import { type DynamicModule, Module } from '@nestjs/common';
import { NATS_RPC_CLIENT_CONFIG, NatsRpcClient, type NatsRpcClientConfig } from './nats-rpc.client';

@Module({})
export class NatsClientModule {
  static register(config: NatsRpcClientConfig): DynamicModule {
    return {
      module: NatsClientModule,
      global: true,
      providers: [{ provide: NATS_RPC_CLIENT_CONFIG, useValue: config }, NatsRpcClient],
      exports: [NatsRpcClient],
    };
  }
}
