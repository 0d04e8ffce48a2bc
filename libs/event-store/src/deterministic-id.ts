import { createHash } from 'node:crypto';

/** Namespace of this project's name-based event ids (a fixed, random UUID). */
export const EVENT_ID_NAMESPACE = '6d1c2b8e-4f0a-4c57-9a61-3f5e2d7b9c10';

/** An RFC 9562 version 5 (SHA-1, name-based) UUID: the same namespace and name always give the same id. */
export function uuidV5(name: string, namespace: string = EVENT_ID_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new TypeError(`Namespace '${namespace}' is not a UUID`);
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event a command produces, so a retried command appends the same ids. */
export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}:${index}`);
}
