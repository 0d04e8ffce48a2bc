import { connect } from 'nats';
import { waitUntilNoResponders } from './support/nats-responders';
import { startSystem, type RunningSystem } from './support/system';

describe('GET /readyz and /healthz', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ readinessTimeoutMs: 1_000 });
  });
  afterAll(() => system.stop());

  it('answers 200 with every check up when NATS and both services answer', async () => {
    const response = await system.gateway.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: { nats: 'up', 'settings-service': 'up', 'token-service': 'up' },
    });
  });

  it('answers /healthz without asking anyone', async () => {
    const response = await system.gateway.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the token-service once it is gone, within the readiness timeout', async () => {
    await system.tokenService.close();
    await waitUntilNoResponders(system.nats.url, 'tokens.health.ping');

    const response = await system.gateway.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      checks: { nats: 'up', 'settings-service': 'up', 'token-service': 'down' },
    });
  });

  it('answers 503 instead of hanging when a service receives the ping but never replies', async () => {
    await system.settingsService.close();
    await waitUntilNoResponders(system.nats.url, 'settings.health.ping');
    const hung = await connect({ servers: system.nats.url });
    hung.subscribe('settings.health.ping', { queue: 'settings-service', callback: () => undefined });
    await hung.flush();
    try {
      const response = await system.gateway.inject({ method: 'GET', url: '/readyz' });

      expect(response.statusCode).toBe(503);
      expect(response.json().checks).toEqual({ nats: 'up', 'settings-service': 'down', 'token-service': 'down' });
    } finally {
      await hung.close();
    }
  });
});
