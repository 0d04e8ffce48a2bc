import { defineRpc } from '@scim/contracts';
import { z } from 'zod';
import { replyFingerprint } from './checked-replies';

const userReply = () => z.object({ id: z.uuid(), createdAt: z.iso.datetime(), tags: z.array(z.string()) });

describe('replyFingerprint', () => {
  it('is the same for the same contract built twice, as two processes built from one source build it', () => {
    expect(replyFingerprint(defineRpc('users.get', z.object({}), userReply()))).toBe(
      replyFingerprint(defineRpc('users.get', z.object({}), userReply())),
    );
  });

  it('differs when the reply schema changes in a way a reply can break', () => {
    const base = replyFingerprint(defineRpc('users.get', z.object({}), userReply()));
    const changes = [
      userReply().extend({ active: z.boolean() }),
      userReply().extend({ tags: z.array(z.number()) }),
      userReply().extend({ createdAt: z.string() }),
      userReply().partial(),
    ];
    for (const reply of changes) expect(replyFingerprint(defineRpc('users.get', z.object({}), reply))).not.toBe(base);
  });

  it('differs between subjects that share a reply schema', () => {
    const reply = userReply();
    expect(replyFingerprint(defineRpc('users.get', z.object({}), reply))).not.toBe(replyFingerprint(defineRpc('users.find', z.object({}), reply)));
  });

  it('does not depend on the request schema', () => {
    expect(replyFingerprint(defineRpc('users.get', z.object({ id: z.string() }), userReply()))).toBe(
      replyFingerprint(defineRpc('users.get', z.object({}), userReply())),
    );
  });
});
