import type { CompanyView } from '@scim/contracts';
import { ReadModelFirstCompanyViews, type CompanyViews } from './company-views';

const company = (id: string, name: string): CompanyView => ({ id, name, workspaces: [], roles: [], scimSettings: null, scimDailyRequestLimit: null });

describe('ReadModelFirstCompanyViews', () => {
  it('answers from the read model without asking the stream, and asks the stream for companies it does not hold yet', async () => {
    const asked: string[] = [];
    const stream: CompanyViews = {
      get: async (id) => {
        asked.push(id);
        return company(id, 'from the stream');
      },
    };
    const held = new Map([['c-1', company('c-1', 'from the read model')]]);
    const views = new ReadModelFirstCompanyViews({ get: (id) => held.get(id) }, stream);

    expect((await views.get('c-1'))?.name).toBe('from the read model');
    expect((await views.get('c-2'))?.name).toBe('from the stream');
    expect(asked).toEqual(['c-2']);
  });
});
