import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ContextHeader, defineRpc, DomainError, type RequestContext, type RpcRequest } from '@scim/contracts';
import { startNats, type RunningNats } from '@scim/testing';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import pino from 'pino';
import { z } from 'zod';
import { NatsRpcClient } from './nats-rpc.client';
import { SERVICE_SHARE_OF_TIMEOUT } from './call-deadline';
import { contextFromHeaders, contextToHeaders } from './context-headers';
import { natsMicroserviceOptions } from './nats-transport';
import { decodeNestEventData, encodeNestRequest, decodeNestReply } from './nest-packets';
import { storage } from 'nestjs-pino/storage';
import { Writable } from 'node:stream';
import { RpcCallError } from './rpc-call-error';
import { RpcHandler } from './rpc-handler.decorator';
import { replyFingerprint } from './checked-replies';

const EchoRpc = defineRpc('test.echo', z.object({ text: z.string() }), z.object({ text: z.string(), correlationId: z.string(), actorId: z.string() }));
const MissingRpc = defineRpc('test.missing', z.object({ id: z.string() }), z.object({}));
const SlowRpc = defineRpc('test.slow', z.object({ ms: z.number() }), z.object({ done: z.boolean() }));
const BrokenReplyRpc = defineRpc('test.broken-reply', z.object({}), z.object({ count: z.number() }));
/** Answered by a raw responder whose reply claims it was checked against this contract (the same schema as the caller's). */
const ClaimedCheckedRpc = defineRpc('test.claimed-checked', z.object({}), z.object({ count: z.number() }));
/** Answered by a raw responder whose reply was checked against another version of this contract's reply. */
const OtherVersionRpc = defineRpc('test.other-version', z.object({}), z.object({ count: z.number() }));
/** Served by an RpcHandler whose reply breaks its own contract. */
const HandlerBreaksReplyRpc = defineRpc('test.handler-breaks-reply', z.object({}), z.object({ count: z.number() }));
/** Answers in a later loop callback, as a handler that waits for I/O does. */
const DeferredEchoRpc = defineRpc('test.deferred-echo', z.object({ text: z.string() }), z.object({ text: z.string() }));
const NobodyRpc = defineRpc('test.nobody-listens', z.object({}), z.object({}));
/** Answers with `bytes` characters of text: more than one NATS message takes (1 MiB by default) when asked to. */
const SizedRpc = defineRpc('test.sized', z.object({ bytes: z.number() }), z.object({ text: z.string() }));
/** Counts the calls its handler ran. */
const CountedRpc = defineRpc('test.counted', z.object({}), z.object({ calls: z.number() }));
let countedCalls = 0;
/** Answered by a raw responder that keeps the headers of each request. */
const HeadersRpc = defineRpc('test.headers', z.object({}), z.object({}));
/** Logs a line through the message's logger and answers with the correlation id of its context. */
const LoggedRpc = defineRpc('test.logged', z.object({}), z.object({ correlationId: z.string(), actor: z.string() }));

@Controller()
class TestController {
  @RpcHandler(EchoRpc)
  echo(request: RpcRequest<typeof EchoRpc>, context: RequestContext) {
    return { text: request.text, correlationId: context.correlationId, actorId: context.actor.id };
  }

  @RpcHandler(MissingRpc)
  missing(request: RpcRequest<typeof MissingRpc>): never {
    throw new DomainError('NOT_FOUND', `No thing ${request.id}`);
  }

  @RpcHandler(LoggedRpc)
  logged(_request: RpcRequest<typeof LoggedRpc>, context: RequestContext) {
    storage.getStore()?.logger.info('handling test.logged');
    return { correlationId: context.correlationId, actor: `${context.actor.type}:${context.actor.id}` };
  }

  @RpcHandler(HandlerBreaksReplyRpc)
  breaksReply() {
    return { count: 'many' } as never;
  }

  @RpcHandler(DeferredEchoRpc)
  async deferredEcho(request: RpcRequest<typeof DeferredEchoRpc>) {
    await new Promise((done) => setImmediate(done));
    return { text: request.text };
  }

  @RpcHandler(SizedRpc)
  sized(request: RpcRequest<typeof SizedRpc>) {
    return { text: 'x'.repeat(request.bytes) };
  }

  @RpcHandler(CountedRpc)
  counted() {
    countedCalls += 1;
    return { calls: countedCalls };
  }

  @RpcHandler(SlowRpc)
  async slow(request: RpcRequest<typeof SlowRpc>) {
    await new Promise((done) => setTimeout(done, request.ms));
    return { done: true };
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

const context: RequestContext = { correlationId: 'corr-1', actor: { type: 'scim-token', id: 'token-1' } };

/** Every chunk written to any socket of this process while `work` runs (client and service alike). */
async function socketWritesDuring(work: () => Promise<unknown>): Promise<string[]> {
  const writes: string[] = [];
  const original = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    writes.push(Buffer.from(args[0] as Uint8Array).toString('latin1'));
    return original.apply(this, args);
  } as Socket['write'];
  try {
    await work();
  } finally {
    Socket.prototype.write = original;
  }
  return writes;
}

describe('NatsRpcClient against a Nest NATS microservice', () => {
  let nats: RunningNats;
  let service: INestMicroservice;
  let client: NatsRpcClient;
  let raw: NatsConnection;
  /** What the service's root logger wrote, one parsed JSON line each. */
  const serviceLog: Record<string, unknown>[] = [];

  beforeAll(async () => {
    nats = await startNats({ jetstream: false });
    const transport = natsMicroserviceOptions({ servers: [nats.url], name: 'test-service', queue: 'test-service', gracePeriodMs: 50 });
    const logLines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        serviceLog.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    transport.strategy.useRootLogger(pino({ level: 'info' }, logLines));
    service = await NestFactory.createMicroservice(TestModule, { ...transport, logger: false });
    await service.listen();
    raw = await connect({ servers: nats.url });
    // A responder that is not Nest: answers with a reply that breaks its contract.
    raw.subscribe(BrokenReplyRpc.subject, { callback: (_error, message) => message.respond(new TextEncoder().encode('{"response":{"count":"many"},"isDisposed":true}')) });
    const respondChecked = (subject: string, checkedAgainst: string) =>
      raw.subscribe(subject, {
        callback: (_error, message) => message.respond(new TextEncoder().encode(JSON.stringify({ response: { count: 'many' }, isDisposed: true, checkedAgainst }))),
      });
    respondChecked(ClaimedCheckedRpc.subject, replyFingerprint(ClaimedCheckedRpc));
    const olderReply = defineRpc(OtherVersionRpc.subject, z.object({}), z.object({ count: z.string() }));
    respondChecked(OtherVersionRpc.subject, replyFingerprint(olderReply));
    await raw.flush();
    client = new NatsRpcClient({ servers: [nats.url], name: 'test-client', requestTimeoutMs: 2_000 }, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await client?.onApplicationShutdown();
    await raw?.close();
    await service?.close();
    await nats?.stop();
  });

  it('returns the validated reply, with the request context delivered in headers', async () => {
    await expect(client.request(EchoRpc, { text: 'hello' }, context)).resolves.toEqual({ text: 'hello', correlationId: 'corr-1', actorId: 'token-1' });
  });

  it('writes the calls of one loop turn to the socket together, and the service its replies', async () => {
    await client.request(DeferredEchoRpc, { text: 'connected' }, context);
    const calls = 50;
    const writes = await socketWritesDuring(async () => {
      // Each call from its own loop callback, as requests arriving on different HTTP connections are.
      const replies = await Promise.all(
        Array.from({ length: calls }, (_, index) =>
          new Promise((done) => setImmediate(() => done(client.request(DeferredEchoRpc, { text: `batched-${index}` }, context)))),
        ),
      );
      expect(replies).toHaveLength(calls);
    });
    const isRequest = (chunk: string) => chunk.includes(`PUB ${DeferredEchoRpc.subject} `);
    const requestWrites = writes.filter(isRequest);
    expect(requestWrites).toHaveLength(1);
    expect(requestWrites[0]?.split(`PUB ${DeferredEchoRpc.subject} `)).toHaveLength(calls + 1);
    const replyWrites = writes.filter((chunk) => chunk.includes('batched-') && !isRequest(chunk));
    expect(replyWrites.length).toBeGreaterThan(0);
    // One write per reply without batching; the service may receive the calls in a few reads, never in fifty.
    expect(replyWrites.length).toBeLessThan(calls / 2);
  });

  it('with sendNow, writes the call at once rather than with the calls queued in its loop turn', async () => {
    await client.request(EchoRpc, { text: 'connected' }, context);
    const writes = await socketWritesDuring(
      () =>
        new Promise((done) =>
          setImmediate(() => {
            const queued = client.request(EchoRpc, { text: 'queued' }, context);
            const now = client.request(EchoRpc, { text: 'sent-now' }, context, { sendNow: true });
            done(Promise.all([queued, now]));
          }),
        ),
    );
    const requests = writes.filter((chunk) => chunk.includes(`PUB ${EchoRpc.subject} `));
    expect(requests.map((chunk) => [chunk.includes('sent-now'), chunk.includes('queued')])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('gives a message without a context one system context, whose correlation id its log lines carry too', async () => {
    const reply = await raw.request(LoggedRpc.subject, encodeNestRequest(LoggedRpc.subject, {}, 'no-headers-1'), { timeout: 2_000 });
    const answered = LoggedRpc.reply.parse(decodeNestReply(reply.data).response);
    expect(answered.actor).toBe('system:system');
    const line = serviceLog.find((entry) => entry['msg'] === 'handling test.logged');
    expect(line?.['correlationId']).toBe(answered.correlationId);

    await expect(client.request(LoggedRpc, {}, context)).resolves.toEqual({ correlationId: 'corr-1', actor: 'scim-token:token-1' });
    expect(serviceLog.filter((entry) => entry['msg'] === 'handling test.logged').map((entry) => entry['correlationId'])).toEqual([
      answered.correlationId,
      'corr-1',
    ]);
  });

  it('sends every call with its timeout, less the share kept for the way back', async () => {
    const timeouts: string[] = [];
    const subscription = raw.subscribe(HeadersRpc.subject, {
      callback: (_error, message) => {
        timeouts.push(message.headers?.get(ContextHeader.timeoutMs) ?? '');
        message.respond(new TextEncoder().encode('{"response":{},"isDisposed":true}'));
      },
    });
    await raw.flush();
    try {
      await client.request(HeadersRpc, {}, context, { timeoutMs: 1_000 });
      expect(timeouts).toHaveLength(1);
      expect(Number(timeouts[0])).toBeLessThanOrEqual(1_000 * SERVICE_SHARE_OF_TIMEOUT);
      expect(Number(timeouts[0])).toBeGreaterThan(1_000 * SERVICE_SHARE_OF_TIMEOUT - 100);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('refuses a request whose caller has no time left as UNAVAILABLE, without running the handler, and logs it', async () => {
    const send = (timeoutMs: string) => {
      const headers = contextToHeaders(context);
      headers.set(ContextHeader.timeoutMs, timeoutMs);
      return raw.request(CountedRpc.subject, encodeNestRequest(CountedRpc.subject, {}, randomUUID()), { timeout: 2_000, headers });
    };
    const callsBefore = countedCalls;
    expect(decodeNestReply((await send('0')).data).err).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('stopped waiting') });
    expect(countedCalls).toBe(callsBefore);
    expect(serviceLog).toContainEqual(expect.objectContaining({ correlationId: 'corr-1', subject: CountedRpc.subject, level: 40, msg: expect.stringContaining('stopped waiting') }));
    // Time left, no timeout, or one that is not a duration: handled.
    expect(decodeNestReply((await send('2000')).data).response).toEqual({ calls: callsBefore + 1 });
    expect(decodeNestReply((await send('soon')).data).response).toEqual({ calls: callsBefore + 2 });
    await expect(client.request(CountedRpc, {}, context)).resolves.toEqual({ calls: callsBefore + 3 });
  });

  it('keeps concurrent calls apart on the shared reply subscription', async () => {
    const texts = Array.from({ length: 200 }, (_, index) => `call-${index}`);
    const replies = await Promise.all(texts.map((text) => client.request(EchoRpc, { text }, context)));
    expect(replies.map((reply) => reply.text)).toEqual(texts);
  });

  it("turns the service's error envelope into an RpcCallError with its code", async () => {
    const failure = await client.request(MissingRpc, { id: 'x1' }, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcCallError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'No thing x1', transportFailure: undefined });
  });

  it('fails as REPLY_TOO_LARGE, with both sizes and at once, when the reply would not fit in one message; the service logs it with the correlation id', async () => {
    const maxPayload = (await client.connection()).info?.max_payload ?? 0;
    expect(maxPayload).toBeGreaterThan(0);
    await expect(client.request(SizedRpc, { bytes: maxPayload - 1_000 }, context)).resolves.toMatchObject({ text: expect.any(String) });
    const startedAt = Date.now();
    const failure = await client.request(SizedRpc, { bytes: maxPayload + 10 }, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcCallError);
    expect(failure).toMatchObject({ code: 'REPLY_TOO_LARGE', maxReplyBytes: maxPayload, transportFailure: undefined });
    expect((failure as RpcCallError).replyBytes).toBeGreaterThan(maxPayload + 10);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(serviceLog).toContainEqual(expect.objectContaining({ correlationId: 'corr-1', maxReplyBytes: maxPayload, msg: expect.stringContaining('REPLY_TOO_LARGE') }));
    await expect(client.request(EchoRpc, { text: 'after the large one' }, context)).resolves.toMatchObject({ text: 'after the large one' });
  });

  it('fails as REQUEST_TOO_LARGE, sending nothing, when the request would not fit in one message', async () => {
    const maxPayload = (await client.connection()).info?.max_payload ?? 0;
    const failure = await client.request(EchoRpc, { text: 'x'.repeat(maxPayload) }, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcCallError);
    expect(failure).toMatchObject({ code: 'REQUEST_TOO_LARGE', message: expect.stringContaining(`at most ${maxPayload} bytes`) });
    await expect(client.request(EchoRpc, { text: 'after the large one' }, context)).resolves.toMatchObject({ text: 'after the large one' });
  });

  it('fails as UNAVAILABLE (no-responders) at once when nobody serves the subject', async () => {
    const startedAt = Date.now();
    const failure = await client.request(NobodyRpc, {}, context).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE', transportFailure: 'no-responders' });
    expect(Date.now() - startedAt).toBeLessThan(1_500);
  });

  it('fails as UNAVAILABLE (timeout) when the reply takes longer than the timeout', async () => {
    const failure = await client.request(SlowRpc, { ms: 400 }, context, { timeoutMs: 100 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE', transportFailure: 'timeout' });
    await expect(client.request(SlowRpc, { ms: 10 }, context)).resolves.toEqual({ done: true });
  });

  it('drops a reply that arrives after its timeout, and the next call still gets its own reply', async () => {
    const late = await client.request(SlowRpc, { ms: 150 }, context, { timeoutMs: 50 }).catch((error: unknown) => error);
    expect(late).toMatchObject({ code: 'UNAVAILABLE', transportFailure: 'timeout' });
    await new Promise((done) => setTimeout(done, 200));
    await expect(client.request(EchoRpc, { text: 'after the late one' }, context)).resolves.toMatchObject({ text: 'after the late one' });
  });

  it('fails a call in flight as UNAVAILABLE (disconnected) as soon as its connection closes, not at its timeout', async () => {
    const closing = new NatsRpcClient({ servers: [nats.url], name: 'closing', requestTimeoutMs: 10_000 }, pino({ level: 'silent' }));
    try {
      const connection = await closing.connection();
      const startedAt = Date.now();
      // The handler's own wait ends within the suite (a 5 s one kept Jest from exiting); the call's timeout is 10 s.
      const inFlight = closing.request(SlowRpc, { ms: 1_000 }, context).catch((error: unknown) => error);
      await new Promise((done) => setTimeout(done, 50));
      await connection.close();
      expect(await inFlight).toMatchObject({ code: 'UNAVAILABLE', transportFailure: 'disconnected' });
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    } finally {
      await closing.onApplicationShutdown();
    }
  });

  it('refuses a reply that does not match the contract as INTERNAL', async () => {
    await expect(client.request(BrokenReplyRpc, {}, context)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it("marks the service's replies with the fingerprint of the reply schema it checked them against; error replies, a refused reply among them, carry none", async () => {
    const replyOf = async (subject: string, data: unknown) =>
      decodeNestReply((await raw.request(subject, encodeNestRequest(subject, data, 'raw-1'), { timeout: 2_000 })).data);
    await expect(replyOf(EchoRpc.subject, { text: 'hi' })).resolves.toMatchObject({ response: { text: 'hi' }, checkedAgainst: replyFingerprint(EchoRpc) });
    const error = await replyOf(MissingRpc.subject, { id: 'x' });
    expect(error.err).toMatchObject({ code: 'NOT_FOUND' });
    expect(error).not.toHaveProperty('checkedAgainst');
    const refusedReply = await replyOf(HandlerBreaksReplyRpc.subject, {});
    expect(refusedReply.err).toMatchObject({ code: 'INTERNAL' });
    expect(refusedReply).not.toHaveProperty('checkedAgainst');
  });

  it('uses a reply checked against its own reply schema as it is, and checks one checked against another version', async () => {
    // Trusted as sent: this is what makes the second check unnecessary, so a lying responder is believed too.
    await expect(client.request(ClaimedCheckedRpc, {}, context)).resolves.toEqual({ count: 'many' });
    await expect(client.request(OtherVersionRpc, {}, context)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses a request its contract does not allow before anything is sent, as the service would', async () => {
    const refused = await client.request(EchoRpc, { text: 42 } as never, context).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcCallError);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'text', message: expect.any(String) }], transportFailure: undefined });
  });

  it("publishes events in Nest's event packet, with the context in headers", async () => {
    const subscription = raw.subscribe('test.notice', { max: 1 });
    await raw.flush();
    await client.publish('test.notice', { companyId: 'c1' }, context);
    for await (const message of subscription) {
      expect(decodeNestEventData(message.data)).toEqual({ companyId: 'c1' });
      expect(contextFromHeaders(message.headers, 'fallback')).toEqual(context);
    }
  });

  it('listens to a notice: valid ones reach the handler, malformed ones are dropped, and it stops when told', async () => {
    const Notice = { subject: 'test.events.changed', schema: z.object({ companyId: z.string().min(1) }) };
    const heard: unknown[] = [];
    const stop = client.listen(Notice, (notice) => heard.push(notice));
    await (await client.connection()).flush();
    await client.publish(Notice.subject, { companyId: '' }, context);
    await client.publish(Notice.subject, { companyId: 'c1' }, context);
    raw.publish(Notice.subject, new TextEncoder().encode('not json'));
    await raw.flush();
    const deadline = Date.now() + 2_000;
    while (heard.length < 1 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 10));
    stop();
    await (await client.connection()).flush();
    await client.publish(Notice.subject, { companyId: 'c2' }, context);
    await new Promise((done) => setTimeout(done, 100));
    expect(heard).toEqual([{ companyId: 'c1' }]);
  });

  it('with noEcho, does not hear the notices it publishes itself, only those of others', async () => {
    const Notice = { subject: 'test.events.echo', schema: z.object({ from: z.string() }) };
    const quiet = new NatsRpcClient({ servers: [nats.url], name: 'test-no-echo', requestTimeoutMs: 2_000, noEcho: true }, pino({ level: 'silent' }));
    try {
      const heard: unknown[] = [];
      quiet.listen(Notice, (notice) => heard.push(notice));
      await (await quiet.connection()).flush();
      await quiet.publish(Notice.subject, { from: 'itself' }, context);
      await client.publish(Notice.subject, { from: 'another' }, context);
      await (await client.connection()).flush();
      const deadline = Date.now() + 2_000;
      while (heard.length < 1 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 10));
      await (await quiet.connection()).flush();
      expect(heard).toEqual([{ from: 'another' }]);
    } finally {
      await quiet.onApplicationShutdown();
    }
  });

  it('fails as UNAVAILABLE when NATS goes away, within the timeout', async () => {
    const doomed = await startNats({ jetstream: false });
    const stranded = new NatsRpcClient({ servers: [doomed.url], name: 'stranded', requestTimeoutMs: 300 }, pino({ level: 'silent' }));
    try {
      await stranded.connection();
      await doomed.stop();
      const startedAt = Date.now();
      await expect(stranded.request(EchoRpc, { text: 'x' }, context)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      expect(Date.now() - startedAt).toBeLessThan(1_500);
    } finally {
      await stranded.onApplicationShutdown();
      await doomed.stop();
    }
  });
});
