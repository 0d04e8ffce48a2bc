import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { TOMBSTONE_REVISION, type StoredEvent } from './storage';

/**
 * The hot path of every read and subscription, `ReadResp{event}`, encoded straight into protobuf bytes
 * instead of through jspb objects (several times faster, far less garbage). The result is a `ReadResp`
 * subclass, so grpc-js's generated serializer (`instanceof ReadResp`, then `serializeBinary()`) takes it
 * as is; it carries no readable fields. `event-encoding.unit.spec.ts` checks the bytes against jspb.
 *
 * Layout (streams.proto / shared.proto):
 *   ReadResp      { 1: ReadEvent event }
 *   ReadEvent     { 1: RecordedEvent event, 3: uint64 commit_position }
 *   RecordedEvent { 1: UUID id { 2: string }, 2: StreamIdentifier { 3: bytes stream_name },
 *                   3: uint64 stream_revision, 4: uint64 prepare_position, 5: uint64 commit_position,
 *                   6: map<string,string> metadata, 7: bytes custom_metadata, 8: bytes data }
 */

export class EncodedReadResp extends ReadResp {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  override serializeBinary(): Uint8Array {
    return this.bytes;
  }
}

const LENGTH_DELIMITED = 2;
const VARINT = 0;
const tag = (field: number, wireType: number) => (field << 3) | wireType;

/** long.MaxValue as a varint: what a tombstone's revision encodes to. */
const TOMBSTONE_VARINT = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);

function varintSize(value: number): number {
  if (value >= TOMBSTONE_REVISION) return TOMBSTONE_VARINT.length;
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}

class Writer {
  offset = 0;
  constructor(readonly buffer: Buffer) {}

  byte(value: number): void {
    this.buffer[this.offset++] = value;
  }

  varint(value: number): void {
    if (value >= TOMBSTONE_REVISION) {
      TOMBSTONE_VARINT.copy(this.buffer, this.offset);
      this.offset += TOMBSTONE_VARINT.length;
      return;
    }
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.offset++] = value;
  }

  /** A length-delimited field whose payload is already known. */
  bytes(field: number, payload: Uint8Array): void {
    this.byte(tag(field, LENGTH_DELIMITED));
    this.varint(payload.length);
    this.buffer.set(payload, this.offset);
    this.offset += payload.length;
  }

  header(field: number, length: number): void {
    this.byte(tag(field, LENGTH_DELIMITED));
    this.varint(length);
  }
}

/** Size of a length-delimited field (tag + length + payload); every field number here is below 16. */
const fieldSize = (payloadLength: number) => 1 + varintSize(payloadLength) + payloadLength;

const CREATED_KEY = Buffer.from('created');
const TYPE_KEY = Buffer.from('type');
const CONTENT_TYPE_KEY = Buffer.from('content-type');
const JSON_CONTENT_TYPE = Buffer.from('application/json');
const BINARY_CONTENT_TYPE = Buffer.from('application/octet-stream');

export function encodeEventResponse(event: StoredEvent): EncodedReadResp {
  const id = Buffer.from(event.id, 'utf8');
  const stream = Buffer.from(event.stream, 'utf8');
  const type = Buffer.from(event.type, 'utf8');
  const created = Buffer.from(`${event.createdUs}0`, 'latin1'); // .NET ticks: ten per microsecond
  const contentType = event.isJson ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE;
  const entries: Array<[Buffer, Buffer]> = [
    [TYPE_KEY, type],
    [CREATED_KEY, created],
    [CONTENT_TYPE_KEY, contentType],
  ];

  const uuidSize = fieldSize(id.length);
  const streamIdentifierSize = fieldSize(stream.length);
  const entrySizes = entries.map(([key, value]) => fieldSize(key.length) + fieldSize(value.length));
  const recordedSize =
    fieldSize(uuidSize) +
    fieldSize(streamIdentifierSize) +
    (event.revision === 0 ? 0 : 1 + varintSize(event.revision)) +
    (1 + varintSize(event.position)) * 2 +
    entrySizes.reduce((sum, size) => sum + fieldSize(size), 0) +
    (event.metadata.length > 0 ? fieldSize(event.metadata.length) : 0) +
    (event.data.length > 0 ? fieldSize(event.data.length) : 0);
  const readEventSize = fieldSize(recordedSize) + 1 + varintSize(event.position);

  const writer = new Writer(Buffer.allocUnsafe(fieldSize(readEventSize)));
  writer.header(1, readEventSize); // ReadResp.event
  writer.header(1, recordedSize); // ReadEvent.event
  writer.header(1, uuidSize); // RecordedEvent.id
  writer.bytes(2, id); // UUID.string
  writer.header(2, streamIdentifierSize); // RecordedEvent.stream_identifier
  writer.bytes(3, stream); // StreamIdentifier.stream_name
  if (event.revision !== 0) {
    writer.byte(tag(3, VARINT));
    writer.varint(event.revision);
  }
  writer.byte(tag(4, VARINT));
  writer.varint(event.position);
  writer.byte(tag(5, VARINT));
  writer.varint(event.position);
  entries.forEach(([key, value], i) => {
    writer.header(6, entrySizes[i]);
    writer.bytes(1, key);
    writer.bytes(2, value);
  });
  if (event.metadata.length > 0) writer.bytes(7, event.metadata);
  if (event.data.length > 0) writer.bytes(8, event.data);
  writer.byte(tag(3, VARINT)); // ReadEvent.commit_position
  writer.varint(event.position);
  if (writer.offset !== writer.buffer.length) {
    throw new Error(`event encoding size mismatch: wrote ${writer.offset} of ${writer.buffer.length} bytes`);
  }
  return new EncodedReadResp(writer.buffer);
}
