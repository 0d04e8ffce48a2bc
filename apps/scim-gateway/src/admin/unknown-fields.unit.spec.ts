import { z } from 'zod';
import { droppedFields } from './unknown-fields';

const Company = z.object({
  name: z.string(),
  workspaces: z.array(z.object({ name: z.string(), teams: z.array(z.object({ name: z.string() })).default([]) })),
  allowlist: z.string().transform((text) => text.split(',')),
  limit: z.number().nullable(),
});
const fieldsDropped = (input: unknown) => droppedFields(input, Company.parse(input));

describe('droppedFields', () => {
  it('finds nothing when every field is known, defaults and transforms included', () => {
    expect(fieldsDropped({ name: 'Acme', workspaces: [{ name: 'Main' }], allowlist: 'a,b', limit: null })).toEqual([]);
  });

  it('names unknown fields at any depth, in arrays by index', () => {
    const input = {
      name: 'Acme',
      method: 'okta',
      workspaces: [{ name: 'Main' }, { name: 'Second', teams: [{ name: 'Ops', lead: 'ann' }], colour: 'red' }],
      allowlist: '',
      limit: 5,
    };
    expect(fieldsDropped(input)).toEqual(['method', 'workspaces[1].teams[0].lead', 'workspaces[1].colour']);
  });
});
