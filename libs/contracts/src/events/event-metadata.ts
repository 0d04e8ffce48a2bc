import { z } from 'zod';
import { Actor } from '../rpc/request-context';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Metadata stored with every event. `$correlationId`/`$causationId` use EventStoreDB's own key names so
 * its tooling (and projections such as `$by_correlation_id`) understand them.
 */
export const EventMetadata = z.object({
  $correlationId: z.string().min(1),
  $causationId: z.string().min(1),
  actor: Actor,
  sourceIp: z.string().optional(),
  requestOrigin: z.string().optional(),
  occurredAt: z.iso.datetime(),
  /** SHA-256 of the previous event of the same stream (hex), or 64 zeros for the first one. */
  prevHash: z.string().regex(SHA256_HEX),
  /** Schema version of this metadata shape, for future upcasting. */
  metadataVersion: z.literal(1),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

export const GENESIS_HASH = '0'.repeat(64);
