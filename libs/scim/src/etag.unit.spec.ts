import { ScimError } from './errors';
import { etagMatches, expectedRevisionFromIfMatch, formatEtag, parseEtagPrecondition, revisionOfEtag } from './etag';

function precondition(header: string) {
  const parsed = parseEtagPrecondition(header);
  if (!parsed) throw new Error('expected a precondition');
  return parsed;
}

describe('etag', () => {
  it('formats a weak ETag from a stream revision', () => {
    expect(formatEtag(0n)).toBe('W/"0"');
    expect(formatEtag(42)).toBe('W/"42"');
    expect(formatEtag(12345678901234567890n)).toBe('W/"12345678901234567890"');
  });

  it('reads the revision of weak, strong and bare tags', () => {
    expect(revisionOfEtag('W/"7"')).toBe(7n);
    expect(revisionOfEtag('w/"7"')).toBe(7n);
    expect(revisionOfEtag('"7"')).toBe(7n);
    expect(revisionOfEtag('7')).toBe(7n);
    expect(revisionOfEtag('W/"abc"')).toBeUndefined();
  });

  it('parses *, single tags, lists and repeated headers', () => {
    expect(parseEtagPrecondition('*')).toEqual({ kind: 'any' });
    expect(parseEtagPrecondition('W/"3"')).toEqual({ kind: 'revisions', revisions: [3n] });
    expect(parseEtagPrecondition('W/"3", "5" ,W/"x"')).toEqual({ kind: 'revisions', revisions: [3n, 5n] });
    expect(parseEtagPrecondition(['W/"1"', 'W/"2"'])).toEqual({ kind: 'revisions', revisions: [1n, 2n] });
    expect(parseEtagPrecondition('W/"a,b"')).toEqual({ kind: 'revisions', revisions: [] });
  });

  it('has no precondition for an absent or blank header', () => {
    expect(parseEtagPrecondition(undefined)).toBeUndefined();
    expect(parseEtagPrecondition('  ')).toBeUndefined();
  });

  it('rejects an unreadable list with 400 invalidSyntax', () => {
    expect(() => parseEtagPrecondition('W/"1", *')).toThrow(ScimError);
    expect(() => parseEtagPrecondition('W/"1" "unterminated')).toThrow(expect.objectContaining({ scimType: 'invalidSyntax' }));
  });

  it('matches weakly against the current revision; * matches any existing resource', () => {
    const list = precondition('W/"3", W/"5"');
    expect(etagMatches(list, 5n)).toBe(true);
    expect(etagMatches(list, 4n)).toBe(false);
    expect(etagMatches(precondition('"4"'), 4)).toBe(true);
    expect(etagMatches({ kind: 'any' }, 0n)).toBe(true);
    expect(etagMatches({ kind: 'any' }, undefined)).toBe(false);
  });

  it('maps If-Match onto the expected revision of the append', () => {
    expect(expectedRevisionFromIfMatch(precondition('W/"9"'))).toBe(9n);
    expect(expectedRevisionFromIfMatch({ kind: 'any' })).toBe('exists');
    expect(expectedRevisionFromIfMatch(precondition('W/"1", W/"2"'))).toBeUndefined();
  });
});
