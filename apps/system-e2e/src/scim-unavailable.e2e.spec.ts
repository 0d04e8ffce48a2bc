import { connect } from 'nats';
import { AdminClient } from './support/admin-client';
import { waitUntilNoResponders } from './support/nats-responders';
import { ERROR_SCHEMA, ScimClient, uniqueEmail, USER_SCHEMA } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

describe('SCIM while settings-service is unavailable', () => {
  let system: RunningSystem;
  let scim: ScimClient;

  beforeAll(async () => {
    system = await startSystem({ natsRequestTimeoutMs: 1_000 });
    scim = new ScimClient(system.gateway, await provisionTenant(new AdminClient(system.gateway, system.adminToken)));
    // A first call caches the token and the company's settings in the gateway, as on a busy system.
    expect((await scim.call('GET', '/Users?count=1')).status).toBe(200);
    await system.settingsService.close();
    await waitUntilNoResponders(system.nats.url, 'settings.users.create');
  });
  afterAll(() => system.stop());

  it('answers 503 with Retry-After when no settings-service listens', async () => {
    const response = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('down') });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
  });

  it('answers 503 with Retry-After when settings-service takes the request but never replies', async () => {
    const hung = await connect({ servers: system.nats.url });
    hung.subscribe('settings.users.get', { queue: 'settings-service', callback: () => undefined });
    await hung.flush();
    try {
      const response = await scim.call('GET', '/Users/4b8e1c8e-6c1f-4a4e-9d0c-5b2f0e3a7c11');
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    } finally {
      await hung.close();
    }
  });
});
