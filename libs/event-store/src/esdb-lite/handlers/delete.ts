import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import { expectedAsInt64 } from '../expected-revision';
import { internalError, invalidArgumentError, streamDeletedError, wrongExpectedVersionError } from '../grpc-errors';
import { deleteResponse, streamNameOf, tombstoneResponse } from '../messages';
import { expectedOf } from '../requests';
import type { HandlerContext } from './context';

/** `Streams.Delete` (soft delete) and `Streams.Tombstone` (hard delete), both unary. */
export function deleteHandler(context: HandlerContext) {
  return (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void =>
    remove(context, 'soft', call.request.getOptions(), callback, deleteResponse);
}

export function tombstoneHandler(context: HandlerContext) {
  return (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void =>
    remove(context, 'tombstone', call.request.getOptions(), callback, tombstoneResponse);
}

function remove<R>(
  context: HandlerContext,
  mode: 'soft' | 'tombstone',
  options: DeleteReq.Options | TombstoneReq.Options | undefined,
  callback: sendUnaryData<R>,
  response: (position: { commit: number; prepare: number } | undefined) => R,
): void {
  if (!options) return callback(invalidArgumentError('Delete: options are required.'));
  const stream = streamNameOf(options.getStreamIdentifier());
  const expected = expectedOf(options);
  context.log.delete(stream, expected, mode).then(
    (outcome) => {
      context.logger.debug({ rpc: mode === 'soft' ? 'delete' : 'tombstone', stream, outcome: outcome.kind }, 'delete');
      switch (outcome.kind) {
        case 'stream_deleted':
          return callback(streamDeletedError(stream));
        case 'wrong_expected_version':
          return callback(
            wrongExpectedVersionError(
              mode === 'soft' ? 'Delete' : 'Tombstone',
              stream,
              expectedAsInt64(expected),
              outcome.currentRevision,
            ),
          );
        case 'success':
          return callback(null, response(outcome.position));
      }
    },
    (error: unknown) => {
      context.logger.error({ err: error, rpc: 'delete', stream }, 'delete failed');
      callback(internalError(error instanceof Error ? error.message : String(error)));
    },
  );
}
