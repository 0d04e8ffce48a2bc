import { createHash } from 'node:crypto';

/** Every SCIM token starts with this, so leaked tokens are recognisable (secret scanners, log scrubbers). */
export const SCIM_TOKEN_PREFIX = 'scim_';

/** `scim_` + base64url of 32 random bytes (43 characters, no padding). */
const SCIM_TOKEN_SHAPE = /^scim_[A-Za-z0-9_-]{43}$/;

/** Cheap shape check before any lookup: anything else cannot be a token we issued. */
export function looksLikeScimToken(candidate: string): boolean {
  return SCIM_TOKEN_SHAPE.test(candidate);
}

/**
 * SHA-256 (hex) of a SCIM token: the only form in which a token is stored, looked up or sent between
 * services (the gateway hashes the bearer token before calling `tokens.verify`). A plain hash is enough:
 * tokens carry 256 random bits, so there is nothing to brute-force.
 */
export function scimTokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
