import { startSystem, type RunningSystem } from './support/system';

describe('correlation id', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('takes X-Request-Id from the caller, returns it, and carries it over NATS into the service logs', async () => {
    const correlationId = `test-${Date.now()}`;
    const response = await system.gateway.inject({
      method: 'GET',
      url: '/readyz',
      headers: { 'x-request-id': correlationId },
    });

    expect(response.headers['x-request-id']).toBe(correlationId);
    const line = await system.logs.settings.waitFor(
      (entry) => entry['correlationId'] === correlationId && entry['subject'] === 'settings.health.ping',
    );
    expect(line).toMatchObject({ service: 'settings-service', level: 'debug', msg: 'handled' });
    await system.logs.tokens.waitFor((entry) => entry['correlationId'] === correlationId);
  });

  it('generates an id when the caller sends none or an unusable one', async () => {
    const missing = await system.gateway.inject({ method: 'GET', url: '/healthz' });
    const forged = await system.gateway.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n{"level":"fatal"}' },
    });

    for (const response of [missing, forged]) {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(missing.headers['x-request-id']).not.toBe(forged.headers['x-request-id']);
  });

  it('writes structured JSON request logs with the correlation id', async () => {
    const correlationId = `log-${Date.now()}`;
    await system.gateway.inject({ method: 'GET', url: '/no-such-route', headers: { 'x-request-id': correlationId } });
    const line = await system.logs.gateway.waitFor((entry) => entry['correlationId'] === correlationId);
    expect(line).toMatchObject({ service: 'scim-gateway', msg: 'request completed', res: { statusCode: 404 } });
  });
});
