import { ScimError } from './errors';

const TAG = /(?:W\/)?"[^"]*"|[^\s,"]+/gi;

/** A parsed `If-Match` / `If-None-Match` header: `*`, or the stream revisions its ETags name. */
export type EtagPrecondition =
  | { readonly kind: 'any' }
  /** Tags that are not revisions of ours are dropped: they can never match. */
  | { readonly kind: 'revisions'; readonly revisions: readonly bigint[] };

/** The weak ETag of a resource at a stream revision: `W/"<revision>"` (also its `meta.version`). */
export function formatEtag(revision: bigint | number): string {
  return `W/"${BigInt(revision).toString()}"`;
}

/** The revision an ETag names (weak or strong, quoted or, leniently, bare), or undefined. */
export function revisionOfEtag(tag: string): bigint | undefined {
  const opaque = tag.trim().replace(/^W\//i, '').replace(/^"(.*)"$/, '$1');
  return /^\d+$/.test(opaque) ? BigInt(opaque) : undefined;
}

/**
 * Parses `If-Match` / `If-None-Match`: `*`, or a comma-separated list of (weak or strong) ETags, possibly
 * split over repeated headers. Absent or blank: undefined (no precondition). Throws 400 invalidSyntax if
 * the list cannot be read.
 */
export function parseEtagPrecondition(header: string | readonly string[] | undefined): EtagPrecondition | undefined {
  const text = (Array.isArray(header) ? header.join(',') : (header as string | undefined) ?? '').trim();
  if (text === '') return undefined;
  if (text === '*') return { kind: 'any' };
  const tags: string[] = [...(text.match(TAG) ?? [])];
  const leftover = text.replace(TAG, '').replace(/[\s,]/g, '');
  if (tags.length === 0 || leftover !== '' || tags.includes('*')) {
    throw ScimError.badRequest('invalidSyntax', `Cannot read the ETag list "${text}"`);
  }
  const revisions = tags.map(revisionOfEtag).filter((revision): revision is bigint => revision !== undefined);
  return { kind: 'revisions', revisions };
}

/**
 * Whether a resource at `revision` (undefined: it does not exist) matches the precondition, comparing
 * weakly (RFC 7232 §2.3.2): `If-Match` passes when this is true, `If-None-Match` when it is false
 * (else 412, or 304 for a GET).
 */
export function etagMatches(precondition: EtagPrecondition, revision: bigint | number | undefined): boolean {
  if (revision === undefined) return false;
  if (precondition.kind === 'any') return true;
  const current = BigInt(revision);
  return precondition.revisions.some((candidate) => candidate === current);
}

/**
 * What an `If-Match` precondition means for the append: the exact revision to expect (so the check and
 * the write are one atomic step), `exists` for `*`, or undefined when it names several revisions (then
 * check `etagMatches` against the revision read and append with that revision).
 */
export function expectedRevisionFromIfMatch(precondition: EtagPrecondition): bigint | 'exists' | undefined {
  if (precondition.kind === 'any') return 'exists';
  return precondition.revisions.length === 1 ? precondition.revisions[0] : undefined;
}
