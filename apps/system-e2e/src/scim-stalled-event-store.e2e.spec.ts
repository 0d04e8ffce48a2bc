import { AdminClient } from './support/admin-client';
import { ScimClient, uniqueEmail, USER_SCHEMA } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

const NATS_REQUEST_TIMEOUT_MS = 1_500;

/**
 * The event store stalls (a leader election, a network hiccup) past the gateway's NATS timeout, in the middle
 * of a create: its userName claim is on its way. The gateway answers 503, and a 503 must mean that nothing
 * changed: when the store comes back, the create must not go on to write the user its client was told was not
 * created (the client's retry would then get 409 for it).
 */
describe('a create caught by an event store stall longer than the gateway waits', () => {
  let system: RunningSystem;
  let client: ScimClient;

  beforeAll(async () => {
    system = await startSystem({ natsRequestTimeoutMs: NATS_REQUEST_TIMEOUT_MS, stallableEventStore: true });
    client = new ScimClient(system.gateway, await provisionTenant(new AdminClient(system.gateway, system.adminToken)));
  });
  afterAll(() => system.stop());

  it('answers 503 and writes nothing once the store is back: the user is not there, and the retry is created', async () => {
    const link = system.eventStoreLink;
    if (!link) throw new Error('the system was started without a stallable event store');
    const userName = uniqueEmail('stalled');
    // Warm: the token and the company are known to the gate, so the create is what waits on the store.
    expect((await client.call('GET', '/Users?count=1')).status).toBe(200);

    link.stall();
    const startedAt = Date.now();
    const stalled = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName });
    expect(stalled.status).toBe(503);
    expect(stalled.headers['retry-after']).toBeDefined();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(NATS_REQUEST_TIMEOUT_MS - 50);
    link.resume();

    // The claim lands now, after the deadline; the user append it would have been followed by must not. The
    // create is over once settings-service logs its refusal (its name released by then).
    const refusal = (line: Record<string, unknown>) => line['msg'] === 'The caller stopped waiting before this request was handled; nothing was changed';
    await system.logs.settings.waitFor(refusal, 5_000).catch(() => undefined);
    const found = await client.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 0 });

    const retried = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName });
    expect(retried.status).toBe(201);
  });
});
