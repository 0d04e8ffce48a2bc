import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPii } from '@scim/contracts';

/** A user's data key: 32 random bytes for AES-256-GCM, named by `keyId` in the events it sealed. */
export interface UserKey {
  readonly keyId: string;
  readonly key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function generateKeyMaterial(): Buffer {
  return randomBytes(32);
}

/**
 * Seals a JSON document with the user's key. `associatedData` (the user id) is authenticated but not
 * encrypted, so a ciphertext copied into another user's event does not open there.
 */
export function sealPii(document: unknown, key: UserKey, associatedData: string): SealedPii {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(document), 'utf8'), cipher.final()]);
  return {
    keyId: key.keyId,
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Opens a sealed document; throws when the key, the associated data or the ciphertext does not match. */
export function openPii(sealed: SealedPii, key: UserKey, associatedData: string): unknown {
  if (sealed.keyId !== key.keyId) throw new Error(`Sealed with key ${sealed.keyId}, not ${key.keyId}`);
  const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(sealed.iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8'));
}
