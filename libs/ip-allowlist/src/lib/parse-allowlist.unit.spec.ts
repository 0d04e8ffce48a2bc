import { formatAllowlist, MAX_ALLOWLIST_ENTRIES, parseAllowlist, type AllowlistParseResult } from './parse-allowlist';

function texts(result: AllowlistParseResult): string[] {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return formatAllowlist(result.entries);
}

describe('parseAllowlist', () => {
  it('parses the settings page example', () => {
    expect(texts(parseAllowlist('203.0.113.0/24, 198.51.100.7, 2001:db8::/32'))).toEqual(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32']);
  });

  it('treats an empty or blank list as no entries', () => {
    expect(texts(parseAllowlist(''))).toEqual([]);
    expect(texts(parseAllowlist(' , ,\n'))).toEqual([]);
    expect(texts(parseAllowlist([]))).toEqual([]);
  });

  it('accepts commas, semicolons and line breaks as separators and ignores blanks', () => {
    expect(texts(parseAllowlist('10.0.0.1;10.0.0.2\n10.0.0.3,,\r\n 10.0.0.4 ,'))).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']);
  });

  it('accepts an array, e.g. the stored canonical list', () => {
    expect(texts(parseAllowlist(['2001:db8::/32', '10.0.0.1-10.0.0.9']))).toEqual(['2001:db8::/32', '10.0.0.1-10.0.0.9']);
  });

  it('round-trips: parsing the canonical form gives the same canonical form', () => {
    const first = texts(parseAllowlist('2001:0DB8::/32, ::ffff:10.0.0.0/104, 10.0.0.9 - 10.0.0.20, 198.51.100.7/32'));
    expect(texts(parseAllowlist(first))).toEqual(first);
  });

  it('drops duplicates after normalisation, keeping the first', () => {
    expect(texts(parseAllowlist('10.0.0.1, 2001:DB8::1, 10.0.0.1/32, 2001:db8:0::1, 10.0.0.1-10.0.0.1, ::ffff:10.0.0.1'))).toEqual(['10.0.0.1', '2001:db8::1']);
  });

  it('keeps overlapping but different entries as written', () => {
    expect(texts(parseAllowlist('10.0.0.0/8, 10.1.0.0/16'))).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
  });

  it('reports every bad entry with its position and text', () => {
    const result = parseAllowlist('10.0.0.1, nonsense, 203.0.113.7/24, 10.0.0.9-10.0.0.1, 2001:db8::1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ index, entry }) => ({ index, entry }))).toEqual([
      { index: 1, entry: 'nonsense' },
      { index: 2, entry: '203.0.113.7/24' },
      { index: 3, entry: '10.0.0.9-10.0.0.1' },
    ]);
    for (const error of result.errors) expect(error.message).toContain(`"${error.entry}"`);
  });

  it('refuses an overlong entry without echoing all of it', () => {
    const long = '1'.repeat(500);
    const result = parseAllowlist(`10.0.0.1, ${long}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].index).toBe(1);
    expect(result.errors[0].entry.length).toBeLessThan(120);
  });

  it(`refuses more than ${MAX_ALLOWLIST_ENTRIES} entries`, () => {
    const many = Array.from({ length: MAX_ALLOWLIST_ENTRIES + 1 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
    expect(parseAllowlist(many.slice(0, MAX_ALLOWLIST_ENTRIES)).ok).toBe(true);
    const result = parseAllowlist(many);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].message).toContain(`at most ${MAX_ALLOWLIST_ENTRIES}`);
  });
});
