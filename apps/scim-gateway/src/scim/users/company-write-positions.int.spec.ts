import type { RequestContext } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import { startNats, type RunningNats } from '@scim/testing';
import pino from 'pino';
import { CompanyWritePositions } from './company-write-positions';

const context: RequestContext = { correlationId: 'write-1', actor: { type: 'scim-token', id: 'token-1' } };
const acme = '7c1d3c7e-2f4a-4f1b-9a49-0d6f4c1e2a01';
const globex = '7c1d3c7e-2f4a-4f1b-9a49-0d6f4c1e2a02';

async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('CompanyWritePositions across gateways', () => {
  let nats: RunningNats;
  const clients: NatsRpcClient[] = [];
  const gateways: CompanyWritePositions[] = [];

  beforeAll(async () => {
    nats = await startNats({ jetstream: false });
    for (const name of ['gateway-a', 'gateway-b']) {
      const client = new NatsRpcClient({ servers: [nats.url], name, requestTimeoutMs: 1_000 }, pino({ level: 'silent' }));
      const positions = new CompanyWritePositions(client);
      positions.onApplicationBootstrap();
      await (await client.connection()).flush();
      clients.push(client);
      gateways.push(positions);
    }
  });

  afterAll(async () => {
    for (const positions of gateways) positions.onApplicationShutdown();
    for (const client of clients) await client.onApplicationShutdown();
    await nats.stop();
  });

  it("tells every gateway of a company's latest write, and never moves a company's position back", async () => {
    const [a, b] = gateways;
    a.record(acme, '120/120', context);
    expect(a.latestFor(acme)).toBe('120/120');
    await eventually(() => b.latestFor(acme) === '120/120');

    b.record(acme, '300/300', context);
    await eventually(() => a.latestFor(acme) === '300/300');
    // An older position (a slow reply, a late notice) does not rewind anyone.
    a.record(acme, '200/200', context);
    b.record(globex, '400/400', context);
    await eventually(() => a.latestFor(globex) === '400/400');
    expect(a.latestFor(acme)).toBe('300/300');
    expect(b.latestFor(acme)).toBe('300/300');
  });

  it('ignores writes that changed nothing (no position)', () => {
    gateways[0].record(globex, null, context);
    expect(gateways[0].latestFor(globex)).toBe('400/400');
  });
});
