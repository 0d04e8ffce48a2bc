import { randomUUID } from 'node:crypto';
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { CallSink } from '../call-sink';
import type { Expected } from '../expected-revision';
import { batchAppendError, batchAppendSuccess, streamNameOf, uuidText, type BatchAppendFailure } from '../messages';
import { appendSizeOf, batchExpectedOf, proposedEvent } from '../requests';
import type { NewEvent } from '../storage';
import type { HandlerContext } from './context';

interface PendingBatch {
  readonly stream: string;
  readonly expected: Expected;
  readonly deadline?: number;
  readonly events: NewEvent[];
  size: number;
  failure?: BatchAppendFailure;
}

const CODE_OF: Record<BatchAppendFailure['kind'], number> = {
  wrong_expected_version: status.FAILED_PRECONDITION,
  stream_deleted: status.FAILED_PRECONDITION,
  maximum_append_size_exceeded: status.INVALID_ARGUMENT,
  timeout: status.DEADLINE_EXCEEDED,
  unknown: status.UNKNOWN,
};

/**
 * `Streams.BatchAppend` (bidi): one long-lived call per client carries many appends, told apart by
 * correlation id; an append may span several chunks and is decided when its `is_final` chunk arrives.
 * Failures travel as a `google.rpc.Status` with packed details, never as a call error.
 */
export function batchAppendHandler(context: HandlerContext) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const sink = new CallSink<BatchAppendResp>(call);
    context.track(sink);
    const pending = new Map<string, PendingBatch>();

    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidText(request.getCorrelationId()) ?? '';
      let batch = pending.get(correlationId);
      if (!batch) {
        const options = request.getOptions();
        const deadline = options?.getDeadline();
        batch = {
          stream: streamNameOf(options?.getStreamIdentifier()),
          expected: options ? batchExpectedOf(options) : { kind: 'any' },
          deadline: deadline ? deadline.toDate().getTime() : undefined,
          events: [],
          size: 0,
        };
        pending.set(correlationId, batch);
      }
      collect(batch, request.getProposedMessagesList());
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      void respond(correlationId, batch).then((response) => sink.send(response));
    });

    call.on('end', () => sink.end());
    call.on('error', (error) => context.logger.debug({ err: error, rpc: 'batchAppend' }, 'batch append call error'));
  };

  function collect(batch: PendingBatch, messages: BatchAppendReq.ProposedMessage[]): void {
    for (const message of messages) {
      if (batch.failure) return;
      const event = proposedEvent(message, randomUUID);
      if (!event) {
        batch.failure = { kind: 'unknown', message: 'Required Metadata Properties Missing: type, content-type' };
        return;
      }
      batch.size += appendSizeOf(event);
      if (batch.size > context.maxAppendSize) {
        batch.failure = { kind: 'maximum_append_size_exceeded', maxAppendSize: context.maxAppendSize };
        return;
      }
      batch.events.push(event);
    }
  }

  async function respond(correlationId: string, batch: PendingBatch): Promise<BatchAppendResp> {
    const { stream, expected } = batch;
    const fail = (failure: BatchAppendFailure) =>
      batchAppendError(correlationId, stream, expected, failure, CODE_OF[failure.kind]);
    if (batch.failure) return fail(batch.failure);
    if (batch.deadline !== undefined && Date.now() > batch.deadline) return fail({ kind: 'timeout' });
    try {
      const outcome = await context.log.append(stream, expected, batch.events);
      context.logger.debug(
        { rpc: 'batchAppend', stream, events: batch.events.length, outcome: outcome.kind },
        'batch append',
      );
      if (outcome.kind === 'success') {
        return batchAppendSuccess(correlationId, stream, expected, outcome.currentRevision, outcome.position);
      }
      return fail(outcome);
    } catch (error) {
      context.logger.error({ err: error, rpc: 'batchAppend', stream }, 'batch append failed');
      return fail({ kind: 'unknown', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
