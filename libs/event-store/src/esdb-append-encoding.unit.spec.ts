import { AppendReq, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { decodeAppendDataNatively, metadataBytes } from './esdb-append-encoding';

const payloads: unknown[] = [
  {},
  { userName: 'ada@example.com', name: { givenName: 'Ada' } },
  { text: 'Ünïcødé ✓ 𝄞 — "quoted" \\ back\nslash', n: 1.5, list: [null, true, false] },
  { big: 'x'.repeat(70_000) },
];

/** What the client does with a JSON event's data before it reaches protobuf. */
const asTheClientSetsIt = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

describe('metadataBytes', () => {
  it.each(payloads)('gives the bytes the client would send for metadata %#, as a plain Uint8Array', (metadata) => {
    const bytes = metadataBytes(metadata);
    expect(bytes.constructor).toBe(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(asTheClientSetsIt(metadata), 'base64'))).toBe(true);
  });
});

describe('decodeAppendDataNatively', () => {
  const messageTypes = [
    ['BatchAppendReq.ProposedMessage', BatchAppendReq.ProposedMessage],
    ['AppendReq.ProposedMessage', AppendReq.ProposedMessage],
  ] as const;

  const serialised = (Message: (typeof messageTypes)[number][1], data: unknown) => {
    const message = new Message();
    message.setData(asTheClientSetsIt(data));
    message.setCustomMetadata(metadataBytes({ correlationId: 'c-1' }));
    message.getMetadataMap().set('type', 'UserProvisioned');
    message.getMetadataMap().set('content-type', 'application/json');
    return Buffer.from(message.serializeBinary());
  };

  it('makes both append messages serialise to the bytes google-protobuf gives them', () => {
    const before = messageTypes.map(([, Message]) => payloads.map((data) => serialised(Message, data)));
    const gettersBefore = messageTypes.map(([, Message]) => Message.prototype.getData_asU8);
    decodeAppendDataNatively();
    messageTypes.forEach(([name, Message], type) => {
      expect({ name, patched: Message.prototype.getData_asU8 !== gettersBefore[type] }).toEqual({ name, patched: true });
      payloads.forEach((data, index) => expect(serialised(Message, data).equals(before[type]?.[index] as Buffer)).toBe(true));
    });
  });

  it('leaves data given as bytes as it is, and can be called again', () => {
    decodeAppendDataNatively();
    decodeAppendDataNatively();
    const message = new BatchAppendReq.ProposedMessage();
    const bytes = new Uint8Array([0, 1, 2, 250]);
    message.setData(bytes);
    expect(message.getData_asU8()).toBe(bytes);
  });
});
