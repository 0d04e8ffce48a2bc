import { randomUUID } from 'node:crypto';
import { generateKeyMaterial, openPii, sealPii } from './pii-cipher';

const key = { keyId: randomUUID(), key: generateKeyMaterial() };
const document = { userName: 'jane@example.com', name: { givenName: 'Jane' } };

describe('PII cipher (AES-256-GCM)', () => {
  it('round-trips a document and never shows it in the sealed form', () => {
    const sealed = sealPii(document, key, 'user-1');
    expect(JSON.stringify(sealed)).not.toContain('jane');
    expect(sealed).toMatchObject({ keyId: key.keyId, alg: 'A256GCM' });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(openPii(sealed, key, 'user-1')).toEqual(document);
  });

  it('uses a fresh nonce each time', () => {
    expect(sealPii(document, key, 'user-1').ciphertext).not.toBe(sealPii(document, key, 'user-1').ciphertext);
  });

  it('refuses another key, another user (associated data) and a changed ciphertext', () => {
    const sealed = sealPii(document, key, 'user-1');
    expect(() => openPii(sealed, { keyId: key.keyId, key: generateKeyMaterial() }, 'user-1')).toThrow();
    expect(() => openPii(sealed, { keyId: randomUUID(), key: key.key }, 'user-1')).toThrow(/Sealed with key/);
    expect(() => openPii(sealed, key, 'user-2')).toThrow();
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => openPii({ ...sealed, ciphertext: bytes.toString('base64') }, key, 'user-1')).toThrow();
  });
});
