/**
 * Stream metadata: the latest `$metadata` event of the metastream `$$<stream>` decides what a read of
 * `<stream>` shows (`$tb`, `$maxCount`, `$maxAge`) and whether it is soft-deleted (`$tb` = long.MaxValue).
 */

export const METASTREAM_PREFIX = '$$';
export const METADATA_EVENT_TYPE = '$metadata';
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';

/** EventNumber.DeletedStream (long.MaxValue) as JSON text; JSON.parse reads it back as 2^63. */
const DELETED_STREAM_JSON = '9223372036854775807';
const DELETED_STREAM_THRESHOLD = 9.2e18;

export interface Visibility {
  /** Events below this revision are hidden (truncate before). */
  readonly truncateBefore: number;
  readonly maxCount?: number;
  /** Seconds. */
  readonly maxAge?: number;
  readonly softDeleted: boolean;
}

export const NO_METADATA: Visibility = { truncateBefore: 0, softDeleted: false };
/** EventStoreDB keeps only the latest event of a metastream visible. */
export const METASTREAM_VISIBILITY: Visibility = { truncateBefore: 0, maxCount: 1, softDeleted: false };

export const isMetastream = (stream: string): boolean => stream.startsWith(METASTREAM_PREFIX);
export const metastreamOf = (stream: string): string => METASTREAM_PREFIX + stream;

export function parseMetadata(data: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!data || data.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const positiveNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

export function visibilityOf(metadata: Record<string, unknown> | undefined): Visibility {
  if (!metadata) return NO_METADATA;
  const tb = positiveNumber(metadata['$tb']) ?? 0;
  const softDeleted = tb >= DELETED_STREAM_THRESHOLD;
  return {
    truncateBefore: softDeleted ? Number.POSITIVE_INFINITY : tb,
    maxCount: positiveNumber(metadata['$maxCount']),
    maxAge: positiveNumber(metadata['$maxAge']),
    softDeleted,
  };
}

/** The metadata a soft delete writes: everything kept, `$tb` = DeletedStream. */
export function softDeletedMetadata(current: Record<string, unknown> | undefined): Buffer {
  const { $tb: _ignored, ...rest } = current ?? {};
  // long.MaxValue has no exact JS number, so the field is spliced in as text.
  const others = JSON.stringify(rest);
  const json = others === '{}' ? `{"$tb":${DELETED_STREAM_JSON}}` : `${others.slice(0, -1)},"$tb":${DELETED_STREAM_JSON}}`;
  return Buffer.from(json, 'utf8');
}

/** The metadata an append to a soft-deleted stream writes: old events stay hidden below `firstNewRevision`. */
export function undeletedMetadata(current: Record<string, unknown> | undefined, firstNewRevision: number): Buffer {
  const { $tb: _ignored, ...rest } = current ?? {};
  return Buffer.from(JSON.stringify({ ...rest, $tb: firstNewRevision }), 'utf8');
}
