import { z } from 'zod';
import { issuePath, issuesOf } from './rpc-error';

describe('issuePath', () => {
  it.each([
    [[], ''],
    [['userName'], 'userName'],
    [['user', 'emails', 3, 'value'], 'user.emails[3].value'],
    [['ipAllowlist', 2], 'ipAllowlist[2]'],
    [['matrix', 0, 1], 'matrix[0][1]'],
  ])('writes %j as %p', (path, text) => {
    expect(issuePath(path)).toBe(text);
  });
});

describe('issuesOf', () => {
  it('names every bad field of a zod failure, list entries by index', () => {
    const schema = z.object({ name: z.string(), emails: z.array(z.object({ value: z.email() })) });
    const parsed = schema.safeParse({ name: 1, emails: [{ value: 'a@example.com' }, { value: 'nope' }] });
    expect(parsed.success).toBe(false);
    expect(issuesOf(parsed.error as z.ZodError).map((issue) => issue.path)).toEqual(['name', 'emails[1].value']);
  });
});
