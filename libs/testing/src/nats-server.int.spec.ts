import { connect, StringCodec } from 'nats';
import { startNats } from './nats-server';

describe('startNats', () => {
  it('starts two private servers on different free ports, each with JetStream, and stops them', async () => {
    const [first, second] = await Promise.all([startNats(), startNats()]);
    try {
      expect(first.port).not.toBe(second.port);
      expect(first.port).not.toBe(4222);
      const nc = await connect({ servers: first.url });
      const codec = StringCodec();
      nc.subscribe('echo', { callback: (_error, message) => message.respond(message.data) });
      const reply = await nc.request('echo', codec.encode('hello'), { timeout: 1_000 });
      expect(codec.decode(reply.data)).toBe('hello');
      const kv = await nc.jetstream().views.kv('test-bucket');
      await kv.put('k', codec.encode('v'));
      expect(codec.decode((await kv.get('k'))?.value ?? new Uint8Array())).toBe('v');
      await nc.close();
    } finally {
      await first.stop();
      await second.stop();
    }
    await expect(connect({ servers: first.url, reconnect: false, timeout: 500 })).rejects.toThrow();
  });
});
