import { AdminClient } from './support/admin-client';
import { ScimClient, uniqueEmail, USER_SCHEMA } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

/**
 * A burst of creates larger than the services can finish within the gateway's NATS timeout. Without admission
 * many were written after their client had been told 503, and a retry then met 409 for a user it was told was
 * not created. A 503 must mean that nothing changed.
 */
describe('write admission under a burst', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ natsRequestTimeoutMs: 1_500, gatewayEnv: { SCIM_WRITES_IN_FLIGHT: '8', SCIM_WRITE_WAIT_MS: '300' } });
  });
  afterAll(() => system.stop());

  it('answers every create 201 or 503; exactly the 201s exist, and a retried 503 is created', async () => {
    const client = new ScimClient(system.gateway, await provisionTenant(new AdminClient(system.gateway, system.adminToken)));
    const userNames = Array.from({ length: 400 }, (_, index) => uniqueEmail(`burst${index}`));
    const responses = await Promise.all(userNames.map((userName) => client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName })));

    const created = userNames.filter((_, index) => responses[index]?.status === 201);
    const refused = userNames.filter((_, index) => responses[index]?.status === 503);
    expect(created.length + refused.length).toBe(userNames.length);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of responses.filter((candidate) => candidate.status === 503)) {
      expect(response.headers['retry-after']).toBeDefined();
      expect(response.body).toMatchObject({ status: '503', detail: expect.stringContaining('nothing was changed') });
    }

    // Anything written after its 503 would show up once the read model has applied everything.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const listed = await client.call('GET', '/Users?count=1000&attributes=userName');
    expect(listed.status).toBe(200);
    const stored = (listed.body.Resources as { userName: string }[]).map((user) => user.userName.toLowerCase()).sort();
    expect(stored).toEqual(created.map((userName) => userName.toLowerCase()).sort());

    const retried = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: refused[0] });
    expect(retried.status).toBe(201);
  });
});
