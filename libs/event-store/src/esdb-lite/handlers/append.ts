import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import type { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { NewEvent } from '../storage';
import { appendSuccess, appendWrongExpectedVersion, streamNameOf } from '../messages';
import {
  internalError,
  invalidArgumentError,
  maximumAppendSizeExceededError,
  missingMetadataError,
  streamDeletedError,
} from '../grpc-errors';
import { appendSizeOf, expectedOf, proposedEvent } from '../requests';
import type { HandlerContext } from './context';

/** `Streams.Append` (client streaming): options first, then one proposed message per event. */
export function appendHandler(context: HandlerContext) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: NewEvent[] = [];
    let size = 0;
    let answered = false;
    const answer: typeof callback = (error, response) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };

    call.on('data', (request: AppendReq) => {
      if (answered) return;
      const header = request.getOptions();
      if (header) {
        options = header;
        return;
      }
      const message = request.getProposedMessage();
      if (!message) return;
      const event = proposedEvent(message, randomUUID);
      if (!event) return answer(missingMetadataError());
      size += appendSizeOf(event);
      if (size > context.maxAppendSize) return answer(maximumAppendSizeExceededError(context.maxAppendSize));
      events.push(event);
    });

    call.on('end', () => {
      if (answered) return;
      if (!options) return answer(invalidArgumentError('Append: the first message must carry options.'));
      const stream = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOf(options);
      context.log.append(stream, expected, events).then(
        (outcome) => {
          context.logger.debug({ rpc: 'append', stream, events: events.length, outcome: outcome.kind }, 'append');
          switch (outcome.kind) {
            case 'stream_deleted':
              return answer(streamDeletedError(stream));
            case 'wrong_expected_version':
              return answer(null, appendWrongExpectedVersion(outcome.currentRevision, expected));
            case 'success':
              return answer(null, appendSuccess(outcome.currentRevision, outcome.position));
          }
        },
        (error: unknown) => {
          context.logger.error({ err: error, rpc: 'append', stream }, 'append failed');
          answer(internalError(error instanceof Error ? error.message : String(error)));
        },
      );
    });

    call.on('error', (error) => context.logger.debug({ err: error, rpc: 'append' }, 'append call error'));
  };
}
