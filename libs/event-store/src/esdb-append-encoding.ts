import { AppendReq, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';

/**
 * Custom metadata as the client would write it (UTF-8 JSON), handed over as bytes. The client base64-encodes
 * JSON metadata it is given as an object, and google-protobuf then decodes that string again in JavaScript,
 * character by character, when it serialises the append (3.5% of settings-service's CPU in a POST profile).
 * A plain Uint8Array (the client checks the constructor) goes to the wire as it is: the same bytes.
 */
export function metadataBytes(metadata: unknown): Uint8Array {
  return textEncoder.encode(JSON.stringify(metadata));
}

const textEncoder = new TextEncoder();

type ProposedMessagePrototype = { getData(): string | Uint8Array; getData_asU8(): Uint8Array };

/**
 * A JSON event's data has no such way round: the client always base64-encodes it, and serialising the append
 * decodes it in JavaScript again (4.8% of settings-service's CPU in a POST profile). This swaps that decode,
 * for the two append messages only, for Node's native one. The strings are the client's own
 * `Buffer#toString('base64')`, so both decoders give the same bytes (pinned by esdb-append-encoding.unit.spec.ts);
 * were the generated getter renamed, appends would simply keep the slower decode.
 */
export function decodeAppendDataNatively(): void {
  for (const prototype of [AppendReq.ProposedMessage.prototype, BatchAppendReq.ProposedMessage.prototype] as unknown as ProposedMessagePrototype[]) {
    if (Object.prototype.hasOwnProperty.call(prototype, 'getData_asU8') && prototype.getData_asU8 !== dataAsBytes) {
      prototype.getData_asU8 = dataAsBytes;
    }
  }
}

function dataAsBytes(this: ProposedMessagePrototype): Uint8Array {
  const data = this.getData();
  return typeof data === 'string' ? Buffer.from(data, 'base64') : data;
}
