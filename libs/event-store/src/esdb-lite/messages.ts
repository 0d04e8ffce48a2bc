import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  AppendResp,
  BatchAppendResp,
  DeleteResp,
  ReadResp,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import type { Expected } from './expected-revision';
import type { LogPosition } from './event-log';
import { encodeEventResponse } from './event-encoding';
import { TOMBSTONE_REVISION, type StoredEvent } from './storage';

/**
 * Builders for the response messages. They use the very `generated/*_pb` modules the client package
 * ships (and registers its serializers with): grpc-js checks `instanceof` against those classes.
 */

const TOMBSTONE_REVISION_TEXT = '9223372036854775807';

export const revisionText = (revision: number): string =>
  revision >= TOMBSTONE_REVISION ? TOMBSTONE_REVISION_TEXT : String(revision);

export function streamIdentifier(name: string): shared.StreamIdentifier {
  const identifier = new shared.StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

export function streamNameOf(identifier: shared.StreamIdentifier | undefined): string {
  if (!identifier) return '';
  const bytes = identifier.getStreamName_asU8();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** An event id from the wire: the string form, or the structured form (two big-endian int64 halves). */
export function uuidText(uuid: shared.UUID | undefined): string | undefined {
  if (!uuid) return undefined;
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (!structured) return undefined;
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const eventMessages = new WeakMap<StoredEvent, ReadResp>();

/** A `ReadResp{event}`; encoded once per stored event object and shared by every call that sends it. */
export function eventMessage(event: StoredEvent): ReadResp {
  let message = eventMessages.get(event);
  if (!message) {
    message = encodeEventResponse(event);
    eventMessages.set(event, message);
  }
  return message;
}

export function confirmationMessage(): ReadResp {
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const message = new ReadResp();
  message.setConfirmation(confirmation);
  return message;
}

export function caughtUpMessage(): ReadResp {
  const message = new ReadResp();
  message.setCaughtUp(new ReadResp.CaughtUp());
  return message;
}

export function checkpointMessage(position: number): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position));
  checkpoint.setPreparePosition(String(position));
  const message = new ReadResp();
  message.setCheckpoint(checkpoint);
  return message;
}

export function streamNotFoundMessage(stream: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(stream));
  const message = new ReadResp();
  message.setStreamNotFound(notFound);
  return message;
}

export function appendSuccess(currentRevision: number, position: LogPosition | undefined): AppendResp {
  const success = new AppendResp.Success();
  if (currentRevision < 0) success.setNoStream(new shared.Empty());
  else success.setCurrentRevision(revisionText(currentRevision));
  if (position) {
    const wirePosition = new AppendResp.Position();
    wirePosition.setCommitPosition(String(position.commit));
    wirePosition.setPreparePosition(String(position.prepare));
    success.setPosition(wirePosition);
  } else {
    success.setNoPosition(new shared.Empty());
  }
  const message = new AppendResp();
  message.setSuccess(success);
  return message;
}

export function appendWrongExpectedVersion(currentRevision: number, expected: Expected): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (currentRevision < 0) {
    wrong.setCurrentNoStream(new shared.Empty());
    wrong.setNoStream2060(new shared.Empty());
  } else {
    wrong.setCurrentRevision(String(currentRevision));
    wrong.setCurrentRevision2060(currentRevision);
  }
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new shared.Empty());
      wrong.setAny2060(new shared.Empty());
      break;
    case 'no_stream':
      // The 20.6 layout has no "no stream" expectation (its revision is unsigned).
      wrong.setExpectedNoStream(new shared.Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new shared.Empty());
      wrong.setStreamExists2060(new shared.Empty());
      break;
    case 'revision':
      wrong.setExpectedRevision(String(expected.revision));
      wrong.setExpectedRevision2060(expected.revision);
      break;
  }
  const message = new AppendResp();
  message.setWrongExpectedVersion(wrong);
  return message;
}

function batchResponse(correlationId: string, stream: string, expected: Expected): BatchAppendResp {
  const message = new BatchAppendResp();
  const id = new shared.UUID();
  id.setString(correlationId);
  message.setCorrelationId(id);
  message.setStreamIdentifier(streamIdentifier(stream));
  switch (expected.kind) {
    case 'any':
      message.setAny(new ProtoEmpty());
      break;
    case 'no_stream':
      message.setNoStream(new ProtoEmpty());
      break;
    case 'stream_exists':
      message.setStreamExists(new ProtoEmpty());
      break;
    case 'revision':
      message.setStreamPosition(String(expected.revision));
      break;
  }
  return message;
}

export function batchAppendSuccess(
  correlationId: string,
  stream: string,
  expected: Expected,
  currentRevision: number,
  position: LogPosition | undefined,
): BatchAppendResp {
  const success = new BatchAppendResp.Success();
  if (currentRevision < 0) success.setNoStream(new ProtoEmpty());
  else success.setCurrentRevision(revisionText(currentRevision));
  if (position) {
    const wirePosition = new shared.AllStreamPosition();
    wirePosition.setCommitPosition(String(position.commit));
    wirePosition.setPreparePosition(String(position.prepare));
    success.setPosition(wirePosition);
  } else {
    success.setNoPosition(new ProtoEmpty());
  }
  const message = batchResponse(correlationId, stream, expected);
  message.setSuccess(success);
  return message;
}

/** The error details a BatchAppend failure packs into its `google.rpc.Status`. */
export type BatchAppendFailure =
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number }
  | { readonly kind: 'stream_deleted' }
  | { readonly kind: 'maximum_append_size_exceeded'; readonly maxAppendSize: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unknown'; readonly message: string };

export function batchAppendError(
  correlationId: string,
  stream: string,
  expected: Expected,
  failure: BatchAppendFailure,
  code: number,
): BatchAppendResp {
  const status = new Status();
  status.setCode(code);
  const details = new Any();
  switch (failure.kind) {
    case 'wrong_expected_version': {
      const wrong = new shared.WrongExpectedVersion();
      if (failure.currentRevision < 0) wrong.setCurrentNoStream(new ProtoEmpty());
      else wrong.setCurrentStreamRevision(String(failure.currentRevision));
      if (expected.kind === 'any') wrong.setExpectedAny(new ProtoEmpty());
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new ProtoEmpty());
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new ProtoEmpty());
      else wrong.setExpectedStreamPosition(String(expected.revision));
      status.setMessage('WrongExpectedVersion');
      details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
      break;
    }
    case 'stream_deleted': {
      const deleted = new shared.StreamDeleted();
      deleted.setStreamIdentifier(streamIdentifier(stream));
      status.setMessage(`Event stream '${stream}' is deleted.`);
      details.pack(deleted.serializeBinary(), 'event_store.client.StreamDeleted');
      break;
    }
    case 'maximum_append_size_exceeded': {
      const exceeded = new shared.MaximumAppendSizeExceeded();
      exceeded.setMaxappendsize(failure.maxAppendSize);
      status.setMessage(`Maximum Append Size of ${failure.maxAppendSize} Exceeded.`);
      details.pack(exceeded.serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
      break;
    }
    case 'timeout':
      status.setMessage('Timeout');
      details.pack(new shared.Timeout().serializeBinary(), 'event_store.client.Timeout');
      break;
    case 'unknown':
      status.setMessage(failure.message);
      details.pack(new shared.Unknown().serializeBinary(), 'event_store.client.Unknown');
      break;
  }
  status.setDetails(details);
  const message = batchResponse(correlationId, stream, expected);
  message.setError(status);
  return message;
}

function deletePosition<T extends DeleteResp.Position | TombstoneResp.Position>(
  wirePosition: T,
  position: LogPosition,
): T {
  wirePosition.setCommitPosition(String(position.commit));
  wirePosition.setPreparePosition(String(position.prepare));
  return wirePosition;
}

export function deleteResponse(position: LogPosition | undefined): DeleteResp {
  const message = new DeleteResp();
  if (position) message.setPosition(deletePosition(new DeleteResp.Position(), position));
  else message.setNoPosition(new shared.Empty());
  return message;
}

export function tombstoneResponse(position: LogPosition | undefined): TombstoneResp {
  const message = new TombstoneResp();
  if (position) message.setPosition(deletePosition(new TombstoneResp.Position(), position));
  else message.setNoPosition(new shared.Empty());
  return message;
}
