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

  it('logs why a SCIM request was refused and the request line, with the correlation id and without the token', async () => {
    const correlationId = `refused-${Date.now()}`;
    const token = `scim_${'q'.repeat(40)}`;
    const response = await system.gateway.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { 'x-request-id': correlationId, authorization: `Bearer ${token}` },
    });

    expect(response.statusCode).toBe(401);
    const refused = await system.logs.gateway.waitFor((entry) => entry['correlationId'] === correlationId && entry['msg'] === 'SCIM request refused');
    expect(refused).toMatchObject({ service: 'scim-gateway', reason: 'unknown or revoked token' });
    const completed = await system.logs.gateway.waitFor((entry) => entry['correlationId'] === correlationId && entry['msg'] === 'request completed');
    expect(completed).toMatchObject({ req: { method: 'GET', url: '/scim/v2/Users' }, res: { statusCode: 401 } });
    expect(JSON.stringify(system.logs.gateway.lines)).not.toContain(token);
  });

  it('keeps filter values and tokens in the query string out of the request log', async () => {
    const correlationId = `query-${Date.now()}`;
    const email = `private-${Date.now()}@example.com`;
    const token = `adm_${'z'.repeat(40)}`;
    await system.gateway.inject({
      method: 'GET',
      url: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}&count=5&access_token=${token}`,
      headers: { 'x-request-id': correlationId },
    });
    const completed = await system.logs.gateway.waitFor((entry) => entry['correlationId'] === correlationId && entry['msg'] === 'request completed');
    expect(completed).toMatchObject({ req: { url: '/scim/v2/Users?filter=[redacted]&count=5&access_token=[redacted]' } });
    const everything = JSON.stringify(system.logs.gateway.lines);
    expect(everything).not.toContain(email);
    expect(everything).not.toContain(encodeURIComponent(email));
    expect(everything).not.toContain(token);
  });
});
