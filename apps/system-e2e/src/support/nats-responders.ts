import { connect, ErrorCode, type NatsError } from 'nats';

/** Nest resolves close() before nats-server drops the subscription; wait for NATS to say nobody listens. */
export async function waitUntilNoResponders(url: string, subject: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await nc.request(subject, new Uint8Array(), { timeout: 200 });
      } catch (error) {
        if ((error as NatsError).code === ErrorCode.NoResponders) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${subject} still has responders`);
  } finally {
    await nc.close();
  }
}
