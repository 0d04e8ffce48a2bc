import { z } from 'zod';
import { EntityId } from '../company/company.schemas';
import type { EventMetadata } from '../events/event-metadata';
import { Actor } from '../rpc/request-context';

/*
 * Recent events of a company's streams as an admin may see them: what happened, when, who did it, from where
 * and within which request, all from event metadata. Built from a one-line summary each service writes for
 * its own events, never from the payload as such (a token event's SHA-256 must not leave the service).
 */

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 200;

export const HistoryEntry = z.object({
  /** The stream the event is in, e.g. `company-<id>` or `scim-token-<id>`. */
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  /** Versioned event type, e.g. `ScimTokenIssued.v1`. */
  type: z.string().min(1),
  occurredAt: z.iso.datetime(),
  actor: Actor,
  sourceIp: z.string().nullable(),
  requestOrigin: z.string().nullable(),
  correlationId: z.string().min(1),
  /** One line for people, e.g. `SCIM token issued (…Ab3x)`. */
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Request of a `*.history` subject: the newest `limit` events of the company's stream, newest first. */
export const StreamHistoryRequest = z.object({
  companyId: EntityId,
  limit: z.number().int().min(1).max(MAX_HISTORY_LIMIT).default(DEFAULT_HISTORY_LIMIT),
});

export const StreamHistoryReply = z.object({ events: z.array(HistoryEntry) });

/** The shape of an event read back from the store that a history entry needs. */
export interface HistorySource {
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly metadata: EventMetadata;
}

export function historyEntryOf(event: HistorySource, summary: string): HistoryEntry {
  return {
    stream: event.streamName,
    revision: Number(event.revision),
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    actor: event.metadata.actor,
    sourceIp: event.metadata.sourceIp ?? null,
    requestOrigin: event.metadata.requestOrigin ?? null,
    correlationId: event.metadata.$correlationId,
    summary,
  };
}
