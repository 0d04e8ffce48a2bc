import { EventStoreDBClient, START } from '@eventstore/db-client';
import { AdminClient } from './support/admin-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

describe('a SCIM token is shown once and then exists only as a hash', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('never appears in any log line or stored event of a run that issues, uses, resets and revokes it', async () => {
    const admin = new AdminClient(system.gateway, system.adminToken);
    const tenant = await provisionTenant(admin);
    const use = (token: string) =>
      system.gateway.inject({
        method: 'GET',
        url: '/scim/v2/ServiceProviderConfig',
        headers: { authorization: `Bearer ${token}`, 'x-request-origin': tenant.origin },
      });
    expect((await use(tenant.token)).statusCode).toBe(200);
    const reset = await admin.call('POST', `/admin/v1/companies/${tenant.companyId}/scim-token`);
    const second = reset.body?.token as string;
    expect((await use(second)).statusCode).toBe(200);
    await use(tenant.token);
    await admin.call('DELETE', `/admin/v1/companies/${tenant.companyId}/scim-token`);
    await use(second);

    const logText = [system.logs.gateway, system.logs.settings, system.logs.tokens].flatMap((capture) => capture.raw).join('\n');
    expect(logText.length).toBeGreaterThan(0);

    const client = EventStoreDBClient.connectionString(system.eventStoreUrl);
    const stored: string[] = [];
    for await (const resolved of client.readAll({ fromPosition: START })) {
      stored.push(JSON.stringify(resolved.event ?? {}, (_key, value) => (typeof value === 'bigint' ? String(value) : value)));
    }
    await client.dispose();
    const eventText = stored.join('\n');
    expect(eventText).toContain('ScimTokenIssued');

    for (const token of [tenant.token, second]) {
      const secretPart = token.slice('scim_'.length);
      expect(logText).not.toContain(secretPart);
      expect(eventText).not.toContain(secretPart);
    }
  });
});
