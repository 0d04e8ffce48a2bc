import { createHash } from 'node:crypto';

/**
 * How a userName is stored: trimmed, in Unicode NFC. Clients may send it in any case; the case they sent is
 * kept for display, uniqueness ignores it.
 */
export function normaliseUserName(userName: string): string {
  return userName.trim().normalize('NFC');
}

/** The form userNames are compared in (uniqueness, `userName eq` filters): normalised, then lower-cased. */
export function userNameKey(userName: string): string {
  return normaliseUserName(userName).toLowerCase();
}

/** SHA-256 (hex) of the lower-cased userName: the id of its reservation stream `username-{sha256}`. */
export function userNameSha256(userName: string): string {
  return createHash('sha256').update(userNameKey(userName), 'utf8').digest('hex');
}
