/** Nest's NATS transport wraps an emitted event as `{ pattern, data }`; this returns `data`. */
export function parseNestPacket(bytes: Uint8Array): unknown {
  try {
    const packet = JSON.parse(Buffer.from(bytes).toString('utf8')) as { data?: unknown };
    return packet.data;
  } catch {
    return undefined;
  }
}
