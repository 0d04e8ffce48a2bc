import * as shared from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { encodeEventResponse } from './event-encoding';
import { TOMBSTONE_REVISION, type StoredEvent } from './storage';

/** The same message built field by field with jspb: the reference the hand encoding must match. */
function viaJspb(event: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new shared.UUID();
  id.setString(event.id);
  recorded.setId(id);
  const stream = new shared.StreamIdentifier();
  stream.setStreamName(Buffer.from(event.stream, 'utf8'));
  recorded.setStreamIdentifier(stream);
  recorded.setStreamRevision(event.revision >= TOMBSTONE_REVISION ? '9223372036854775807' : String(event.revision));
  recorded.setPreparePosition(String(event.position));
  recorded.setCommitPosition(String(event.position));
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  recorded.getMetadataMap().set('created', `${event.createdUs}0`);
  recorded.setCustomMetadata(event.metadata);
  recorded.setData(event.data);
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(String(event.position));
  const message = new ReadResp();
  message.setEvent(readEvent);
  return message;
}

const decoded = (message: ReadResp) => ReadResp.deserializeBinary(message.serializeBinary()).toObject();

const base: StoredEvent = {
  position: 1234567,
  stream: 'dashboard-user-ü-1',
  revision: 42,
  id: '5e1c2a3b-1111-4222-8333-944455556666',
  type: 'DashboardUserProvisioned.v1',
  isJson: true,
  data: Buffer.from(JSON.stringify({ userName: 'a@b.com', long: 'x'.repeat(300) })),
  metadata: Buffer.from(JSON.stringify({ correlationId: 'c-1' })),
  createdUs: 1_763_900_000_123_456,
};

describe('encodeEventResponse', () => {
  it.each<[string, StoredEvent]>([
    ['a JSON event', base],
    ['revision 0 and a binary payload', { ...base, revision: 0, isJson: false, data: Buffer.from([0, 255, 7]) }],
    ['empty data and metadata', { ...base, data: Buffer.alloc(0), metadata: Buffer.alloc(0) }],
    ['a tombstone (revision long.MaxValue)', { ...base, revision: TOMBSTONE_REVISION, type: '$streamDeleted' }],
    ['a large position and payload', { ...base, position: 2 ** 40 + 3, data: Buffer.alloc(70_000, 1) }],
  ])('decodes to the same message jspb builds, for %s', (_name, event) => {
    expect(decoded(encodeEventResponse(event))).toEqual(decoded(viaJspb(event)));
  });

  it('is a ReadResp, so grpc-js serializes it without complaint', () => {
    expect(encodeEventResponse(base)).toBeInstanceOf(ReadResp);
  });

  it('keeps the tombstone revision exact', () => {
    const bytes = encodeEventResponse({ ...base, revision: TOMBSTONE_REVISION }).serializeBinary();
    expect(ReadResp.deserializeBinary(bytes).getEvent()?.getEvent()?.getStreamRevision()).toBe('9223372036854775807');
  });
});
