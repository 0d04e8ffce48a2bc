import type { INestMicroservice } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@scim/platform';
import { createGatewayApp, GatewayConfigSchema } from '@scim/scim-gateway';
import { SettingsServiceConfigSchema, startSettingsService } from '@scim/settings-service';
import { LogCapture, startEsdbLite, startNats, startStallableProxy, type RunningNats, type StallableProxy } from '@scim/testing';
import { startTokenService, TokenServiceConfigSchema } from '@scim/token-service';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningSystem {
  /** Starts one more settings-service on the same NATS and event store, sharing the key store, with its own read model. */
  startAnotherSettingsService(): Promise<INestMicroservice>;
  /** Starts one more gateway on the same NATS (as a second instance behind a load balancer would be). */
  startAnotherGateway(): Promise<NestFastifyApplication>;
  readonly nats: RunningNats;
  readonly eventStoreUrl: string;
  readonly gateway: NestFastifyApplication;
  readonly settingsService: INestMicroservice;
  readonly tokenService: INestMicroservice;
  readonly logs: { gateway: LogCapture; settings: LogCapture; tokens: LogCapture };
  readonly adminToken: string;
  /** With `stallableEventStore`: the link every service reaches the event store through. */
  readonly eventStoreLink: StallableProxy | undefined;
  stop(): Promise<void>;
}

/** The whole system in one process, on a private nats-server; each app is the real module its main.ts runs. */
export async function startSystem(
  overrides: {
    readinessTimeoutMs?: number;
    natsRequestTimeoutMs?: number;
    gatewayEnv?: Record<string, string>;
    /** The services reach the event store through a link the test can stall (`eventStoreLink`). */
    stallableEventStore?: boolean;
  } = {},
): Promise<RunningSystem> {
  const nats = await startNats();
  const eventStore = await startEsdbLite();
  const eventStoreLink = overrides.stallableEventStore ? await startStallableProxy(eventStore) : undefined;
  const logs = { gateway: new LogCapture(), settings: new LogCapture(), tokens: new LogCapture() };
  const adminToken = randomBytes(24).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'scim-system-'));
  const serviceEnv = {
    DATA_DIR: dataDir,
    NATS_URL: nats.url,
    EVENT_STORE_URL: eventStoreLink ? `esdb://${eventStoreLink.host}:${eventStoreLink.port}?tls=false` : eventStore.url,
    LOG_LEVEL: 'debug',
    SHUTDOWN_GRACE_MS: '50',
  };
  const settingsService = await startSettingsService(loadConfig(SettingsServiceConfigSchema, serviceEnv), {
    logDestination: logs.settings,
  });
  const tokenService = await startTokenService(loadConfig(TokenServiceConfigSchema, serviceEnv), {
    logDestination: logs.tokens,
  });
  const gatewayConfig = loadConfig(GatewayConfigSchema, {
    NATS_URL: nats.url,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'info',
    READINESS_TIMEOUT_MS: String(overrides.readinessTimeoutMs ?? 1_000),
    NATS_REQUEST_TIMEOUT_MS: String(overrides.natsRequestTimeoutMs ?? 5_000),
    ...overrides.gatewayEnv,
  });
  const gateway = await createGatewayApp(gatewayConfig, { logDestination: logs.gateway });
  const extraGateways: NestFastifyApplication[] = [];
  const extraServices: INestMicroservice[] = [];
  return {
    nats,
    eventStoreUrl: eventStore.url,
    gateway,
    settingsService,
    tokenService,
    logs,
    adminToken,
    eventStoreLink,
    startAnotherSettingsService: async () => {
      const another = await startSettingsService(loadConfig(SettingsServiceConfigSchema, serviceEnv), {
        logDestination: logs.settings,
        users: { readModelFile: join(dataDir, `users-read-model-${extraServices.length + 2}.sqlite`) },
      });
      extraServices.push(another);
      return another;
    },
    startAnotherGateway: async () => {
      const another = await createGatewayApp(gatewayConfig, { logDestination: logs.gateway });
      extraGateways.push(another);
      return another;
    },
    stop: async () => {
      for (const another of extraGateways) await another.close();
      for (const another of extraServices) await another.close();
      await gateway.close();
      await settingsService.close();
      await tokenService.close();
      await eventStoreLink?.stop();
      await eventStore.stop();
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
