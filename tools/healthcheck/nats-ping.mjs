// Container healthcheck of a NATS service: asks `<subject>` over NATS the way the gateway's /readyz does.
// Usage: node healthcheck/nats-ping.mjs settings.health.ping
import { connect, JSONCodec } from 'nats';

const subject = process.argv[2];
const codec = JSONCodec();
try {
  const nc = await connect({ servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','), timeout: 2000 });
  const reply = await nc.request(subject, codec.encode({ pattern: subject, data: {}, id: 'healthcheck' }), { timeout: 2000 });
  const body = codec.decode(reply.data);
  await nc.close();
  process.exit(body?.response?.status === 'up' ? 0 : 1);
} catch {
  process.exit(1);
}
