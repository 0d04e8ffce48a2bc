import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SCIM_TOKEN_PREFIX, scimTokenSha256 } from '@scim/contracts';

/** 256 bits from the OS CSPRNG. */
export const TOKEN_RANDOM_BYTES = 32;
export const TOKEN_HINT_LENGTH = 4;

/** A freshly generated token: `token` goes into the issue reply once; only `sha256` and `hint` are kept. */
export interface GeneratedToken {
  readonly token: string;
  readonly sha256: string;
  readonly hint: string;
}

/** `scim_` + base64url (no padding) of 32 random bytes: 48 characters. */
export function generateScimToken(random: (size: number) => Buffer = randomBytes): GeneratedToken {
  const bytes = random(TOKEN_RANDOM_BYTES);
  if (bytes.length !== TOKEN_RANDOM_BYTES) throw new Error(`Expected ${TOKEN_RANDOM_BYTES} random bytes, got ${bytes.length}`);
  const token = `${SCIM_TOKEN_PREFIX}${bytes.toString('base64url')}`;
  return { token, sha256: scimTokenSha256(token), hint: tokenHint(token) };
}

/** The last characters of a token, shown to admins to tell tokens apart (24 of its 256 bits). */
export function tokenHint(token: string): string {
  return token.slice(-TOKEN_HINT_LENGTH);
}

/**
 * Compares two hex digests in time independent of where they differ. Digests of different length are
 * unequal (the length of a SHA-256 hex is public, so an early return leaks nothing).
 */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
