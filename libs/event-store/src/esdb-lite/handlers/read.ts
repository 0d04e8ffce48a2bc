import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { CallSink } from '../call-sink';
import { internalError, invalidArgumentError } from '../grpc-errors';
import { readAll, readStream } from '../reads';
import { readRequestOf, type ReadRequest } from '../requests';
import { subscribeToAll, subscribeToStream } from '../subscriptions';
import type { HandlerContext } from './context';

/** `Streams.Read` (server streaming): reads and catch-up subscriptions of a stream or `$all`. */
export function readHandler(context: HandlerContext) {
  return (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const sink = new CallSink<ReadResp>(call);
    const options = call.request.getOptions();
    if (!options) return sink.fail(invalidArgumentError('Read: options are required.'));
    let request: ReadRequest;
    try {
      request = readRequestOf(options);
    } catch (error) {
      return sink.fail(invalidArgumentError(error instanceof Error ? error.message : String(error)));
    }
    context.logger.debug({ rpc: 'read', ...request, filter: request.kind === 'all' && !!request.filter }, 'read');
    context.track(sink);
    run(context, sink, request).catch((error: unknown) => {
      context.logger.error({ err: error, rpc: 'read' }, 'read failed');
      sink.fail(internalError(error instanceof Error ? error.message : String(error)));
    });
  };
}

function run(context: HandlerContext, sink: CallSink<ReadResp>, request: ReadRequest): Promise<void> {
  const { log, subscriptions: settings, logger } = context;
  const subscription = { log, settings, logger };
  if (request.kind === 'stream') {
    return request.subscribe
      ? subscribeToStream(subscription, sink, request.stream, request.from)
      : readStream(log, sink, request.stream, request.direction, request.from, request.count, settings.pageSize);
  }
  return request.subscribe
    ? subscribeToAll(subscription, sink, request.from, request.filter)
    : readAll(log, sink, request.direction, request.from, request.count, request.filter, settings.pageSize);
}
