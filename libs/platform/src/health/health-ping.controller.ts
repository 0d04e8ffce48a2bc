import { Controller, type Type } from '@nestjs/common';
import { HealthPingReply, type RpcContract, type ServiceName } from '@scim/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RpcHandler } from '../nats/rpc-handler.decorator';

type HealthPingContract = RpcContract<z.ZodType<Record<string, never>>, typeof HealthPingReply>;

/** A controller answering a service's readiness ping; the gateway's /readyz asks every service. */
export function healthPingController(service: ServiceName, contract: HealthPingContract): Type<unknown> {
  const instanceId = randomUUID();
  const startedAt = Date.now();

  @Controller()
  class HealthPingController {
    @RpcHandler(contract)
    ping(): HealthPingReply {
      return { service, status: 'up', instanceId, uptimeSeconds: (Date.now() - startedAt) / 1000 };
    }
  }
  return HealthPingController;
}
