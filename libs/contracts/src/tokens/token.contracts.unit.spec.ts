import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { COMPANY_EVENT_DEFINITIONS } from '../company/company.events';
import { looksLikeScimToken, scimTokenSha256 } from './token-hash';
import { ScimTokenIssued, TOKEN_EVENT_DEFINITIONS } from './token.events';
import {
  GetScimTokenRpc,
  IssueScimTokenRpc,
  RevokeScimTokenRpc,
  ScimTokenRevokedNotice,
  TOKEN_REVOKED_SUBJECT,
  VerifyScimTokenRpc,
} from './token.contracts';

/** Every object key anywhere in a zod schema (objects, arrays, unions, nullables, optionals). */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const nested: z.ZodType[] = [];
  if (def['shape']) {
    const shape = def['shape'] as Record<string, z.ZodType>;
    return Object.entries(shape).flatMap(([key, value]) => [key, ...keysOf(value)]);
  }
  for (const field of ['element', 'innerType', 'in', 'out']) if (def[field]) nested.push(def[field] as z.ZodType);
  if (Array.isArray(def['options'])) nested.push(...(def['options'] as z.ZodType[]));
  return nested.flatMap(keysOf);
}

describe('token contracts', () => {
  it('use the tokens.* subjects', () => {
    expect([IssueScimTokenRpc, GetScimTokenRpc, RevokeScimTokenRpc, VerifyScimTokenRpc].map((c) => c.subject)).toEqual([
      'tokens.issue',
      'tokens.get',
      'tokens.revoke',
      'tokens.verify',
    ]);
    expect(TOKEN_REVOKED_SUBJECT).toBe('tokens.events.revoked');
  });

  it('carry the plaintext token only in the issue reply', () => {
    const schemas: z.ZodType[] = [
      ...[...COMPANY_EVENT_DEFINITIONS, ...TOKEN_EVENT_DEFINITIONS].map((definition) => definition.schema),
      IssueScimTokenRpc.request,
      GetScimTokenRpc.request,
      GetScimTokenRpc.reply,
      RevokeScimTokenRpc.request,
      RevokeScimTokenRpc.reply,
      VerifyScimTokenRpc.request,
      VerifyScimTokenRpc.reply,
      ScimTokenRevokedNotice.schema,
    ];
    for (const schema of schemas) expect(keysOf(schema)).not.toContain('token' as string);
    expect(keysOf(IssueScimTokenRpc.reply)).toContain('token');
    expect(keysOf(ScimTokenIssued.schema)).toEqual(expect.arrayContaining(['sha256', 'hint', 'issuedBy']));
  });

  it('verify takes a SHA-256, not a token', () => {
    const token = `scim_${'A'.repeat(43)}`;
    expect(VerifyScimTokenRpc.request.safeParse({ tokenSha256: scimTokenSha256(token) }).success).toBe(true);
    expect(VerifyScimTokenRpc.request.safeParse({ tokenSha256: token }).success).toBe(false);
  });

  it('verify replies either valid with ids or just invalid', () => {
    expect(VerifyScimTokenRpc.reply.parse({ valid: true, companyId: randomUUID(), tokenId: randomUUID() }).valid).toBe(true);
    expect(VerifyScimTokenRpc.reply.safeParse({ valid: true }).success).toBe(false);
    expect(VerifyScimTokenRpc.reply.parse({ valid: false })).toEqual({ valid: false });
  });

  it('token metadata never includes the hash', () => {
    const keys = keysOf(GetScimTokenRpc.reply);
    expect(keys).toEqual(expect.arrayContaining(['tokenId', 'hint', 'issuedAt', 'issuedBy']));
    expect(keys).not.toContain('sha256');
  });
});

describe('token hash', () => {
  it('is the SHA-256 hex of the token text', () => {
    expect(scimTokenSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('recognises the token shape', () => {
    expect(looksLikeScimToken(`scim_${'a1_-'.repeat(10)}abc`)).toBe(true);
    expect(looksLikeScimToken(`scim_${'a'.repeat(42)}`)).toBe(false);
    expect(looksLikeScimToken(`Bearer scim_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeScimToken(`scim_${'a'.repeat(42)}=`)).toBe(false);
  });
});
