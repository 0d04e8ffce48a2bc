import { looksLikeScimToken, scimTokenSha256 } from '@scim/contracts';
import { digestsEqual, generateScimToken, tokenHint, TOKEN_RANDOM_BYTES } from './token-secret';

describe('generateScimToken', () => {
  it('is scim_ + base64url of 32 random bytes, with its SHA-256 and last-4 hint', () => {
    const generated = generateScimToken();
    expect(generated.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeScimToken(generated.token)).toBe(true);
    expect(Buffer.from(generated.token.slice('scim_'.length), 'base64url')).toHaveLength(32);
    expect(generated.sha256).toBe(scimTokenSha256(generated.token));
    expect(generated.hint).toBe(generated.token.slice(-4));
  });

  it('draws its bytes from the random source it is given', () => {
    const bytes = Buffer.alloc(TOKEN_RANDOM_BYTES, 0xff);
    const generated = generateScimToken(() => bytes);
    expect(generated.token).toBe(`scim_${bytes.toString('base64url')}`);
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => generateScimToken(() => Buffer.alloc(16))).toThrow(/32 random bytes/);
  });

  it('gives a different token every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateScimToken().token));
    expect(tokens.size).toBe(200);
  });
});

describe('tokenHint', () => {
  it('is the last four characters', () => {
    expect(tokenHint('scim_abcdefgh')).toBe('efgh');
  });
});

describe('digestsEqual', () => {
  const digest = scimTokenSha256('a');

  it('is true only for the same digest', () => {
    expect(digestsEqual(digest, scimTokenSha256('a'))).toBe(true);
    expect(digestsEqual(digest, scimTokenSha256('b'))).toBe(false);
    expect(digestsEqual(digest, digest.slice(0, 63))).toBe(false);
    expect(digestsEqual(digest, '')).toBe(false);
  });
});
