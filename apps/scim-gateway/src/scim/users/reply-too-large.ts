import { RpcCallError } from '@scim/platform';

/** settings-service's answer when a reply would not fit in one NATS message (its max_payload, 1 MiB by default). */
export function isReplyTooLarge(error: unknown): error is RpcCallError {
  return error instanceof RpcCallError && error.code === 'REPLY_TOO_LARGE';
}

/**
 * How many of `count` items to ask for instead, by the sizes the refusal reported, with room to spare (items
 * differ in size); fewer than before and at least one.
 */
export function countThatFits(count: number, error: RpcCallError): number {
  const { replyBytes, maxReplyBytes } = error;
  const scaled = replyBytes && maxReplyBytes ? Math.floor(((count * maxReplyBytes) / replyBytes) * 0.8) : Math.floor(count / 2);
  return Math.max(1, Math.min(count - 1, scaled));
}
