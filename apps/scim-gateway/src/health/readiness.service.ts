import { Inject, Injectable } from '@nestjs/common';
import {
  SettingsHealthPing,
  SYSTEM_ACTOR,
  TokenHealthPing,
  type ServiceName,
} from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import type { GatewayConfig } from '../config';

export type CheckName = 'nats' | ServiceName;
export type CheckState = 'up' | 'down';

export interface Readiness {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Record<CheckName, CheckState>;
}

const SERVICE_PINGS = { 'settings-service': SettingsHealthPing, 'token-service': TokenHealthPing } as const;

/** Asks NATS and every service behind it, each bounded by the readiness timeout, so /readyz never hangs. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly nats: NatsRpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async check(correlationId: string = randomUUID()): Promise<Readiness> {
    const timeoutMs = this.config.READINESS_TIMEOUT_MS;
    const [nats, settings, tokens] = await Promise.all([
      this.checkNats(timeoutMs),
      this.ping('settings-service', timeoutMs, correlationId),
      this.ping('token-service', timeoutMs, correlationId),
    ]);
    const checks = { nats, 'settings-service': settings, 'token-service': tokens };
    const allUp = Object.values(checks).every((state) => state === 'up');
    return { status: allUp ? 'ok' : 'unavailable', checks };
  }

  private async ping(service: ServiceName, timeoutMs: number, correlationId: string): Promise<CheckState> {
    try {
      const reply = await this.nats.request(
        SERVICE_PINGS[service],
        {},
        { correlationId, actor: SYSTEM_ACTOR },
        { timeoutMs },
      );
      return reply.service === service ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  private async checkNats(timeoutMs: number): Promise<CheckState> {
    try {
      const connection = await withTimeout(this.nats.connection(), timeoutMs);
      if (connection.isClosed()) return 'down';
      await withTimeout(connection.flush(), timeoutMs);
      return 'up';
    } catch {
      return 'down';
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
