import { startNats, type RunningNats } from '@scim/testing';
import { connect, type KV, type NatsConnection } from 'nats';
import { DailyRateLimiter } from './daily-rate-limiter';

describe('DailyRateLimiter over JetStream KV', () => {
  let nats: RunningNats;
  let connection: NatsConnection;
  let kv: KV;
  const noon = Date.UTC(2026, 10, 23, 12, 0, 0);

  beforeAll(async () => {
    nats = await startNats();
    connection = await connect({ servers: nats.url });
    kv = await connection.jetstream().views.kv('scim-rate-limits-test', { history: 1, ttl: 2 * 86_400_000 });
  });
  afterAll(async () => {
    await connection.close();
    await nats.stop();
  });

  const limiter = (now = () => noon) => new DailyRateLimiter(kv, { flushIntervalMs: 60_000, now });

  it('allows up to the limit, then refuses, with remaining and the next UTC midnight as reset', async () => {
    const gateway = limiter();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await gateway.consume('company-a', 3));

    expect(decisions.map((decision) => [decision.allowed, decision.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[0]?.resetAt).toBe(Date.UTC(2026, 10, 24) / 1000);
    await gateway.close();
  });

  it('shares one count between gateway instances', async () => {
    const first = limiter();
    const second = limiter();
    for (let i = 0; i < 3; i++) await first.consume('company-b', 5);
    await first.flush();
    const fromSecond = [];
    for (let i = 0; i < 3; i++) fromSecond.push((await second.consume('company-b', 5)).allowed);

    expect(fromSecond).toEqual([true, true, false]);
    await second.flush();
    const entry = await kv.get(`company-b.20261123`);
    expect(new TextDecoder().decode(entry?.value)).toBe('5');
    await Promise.all([first.close(), second.close()]);
  });

  it('never loses increments when instances flush concurrently', async () => {
    const instances = [limiter(), limiter(), limiter(), limiter()];
    await Promise.all(instances.map(async (instance) => {
      for (let i = 0; i < 25; i++) await instance.consume('company-c', 10_000);
    }));
    await Promise.all(instances.map((instance) => instance.flush()));
    const entry = await kv.get('company-c.20261123');
    expect(new TextDecoder().decode(entry?.value)).toBe('100');
    await Promise.all(instances.map((instance) => instance.close()));
  });

  it('starts a fresh count on the next UTC day', async () => {
    let now = noon;
    const gateway = limiter(() => now);
    await gateway.consume('company-d', 1);
    expect((await gateway.consume('company-d', 1)).allowed).toBe(false);
    now += 86_400_000;
    expect((await gateway.consume('company-d', 1)).allowed).toBe(true);
    await gateway.close();
  });
});
