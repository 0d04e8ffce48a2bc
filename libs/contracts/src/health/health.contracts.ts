import { z } from 'zod';
import { defineRpc } from '../rpc/rpc-contract';

export const ServiceName = z.enum(['settings-service', 'token-service']);
export type ServiceName = z.infer<typeof ServiceName>;

export const HealthPingRequest = z.object({});
export const HealthPingReply = z.object({
  service: ServiceName,
  status: z.literal('up'),
  instanceId: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type HealthPingReply = z.infer<typeof HealthPingReply>;

export const SettingsHealthPing = defineRpc('settings.health.ping', HealthPingRequest, HealthPingReply);
export const TokenHealthPing = defineRpc('tokens.health.ping', HealthPingRequest, HealthPingReply);

/** The NATS queue group each service subscribes with, so N copies share the load. */
export const QueueGroup = {
  'settings-service': 'settings-service',
  'token-service': 'token-service',
} as const satisfies Record<ServiceName, string>;
