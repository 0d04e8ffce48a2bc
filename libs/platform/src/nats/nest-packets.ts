/**
 * The JSON packets of Nest's NATS transport, for code that talks to Nest microservices through nats.js
 * directly: a request is `{ pattern, data, id }`, its reply `{ response | err, isDisposed, id }`, an event
 * `{ pattern, data }` (no id: no reply expected).
 */
export interface NestReplyPacket {
  readonly response?: unknown;
  readonly err?: unknown;
  /** Ours, not Nest's: the fingerprint of the reply schema the sender checked `response` against (checked-replies.ts). */
  readonly checkedAgainst?: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeNestRequest(pattern: string, data: unknown, id: string): Uint8Array {
  return encoder.encode(JSON.stringify({ pattern, data, id }));
}

export function encodeNestEvent(pattern: string, data: unknown): Uint8Array {
  return encoder.encode(JSON.stringify({ pattern, data }));
}

/** Throws on bytes that are not a JSON object (the caller reports it as a failed call). */
export function decodeNestReply(bytes: Uint8Array): NestReplyPacket {
  const packet: unknown = JSON.parse(decoder.decode(bytes));
  if (typeof packet !== 'object' || packet === null) throw new TypeError('A reply packet must be a JSON object');
  return packet as NestReplyPacket;
}

/** The `data` of an event packet; undefined when the bytes are not one. */
export function decodeNestEventData(bytes: Uint8Array): unknown {
  try {
    return (JSON.parse(decoder.decode(bytes)) as { data?: unknown } | null)?.data;
  } catch {
    return undefined;
  }
}
