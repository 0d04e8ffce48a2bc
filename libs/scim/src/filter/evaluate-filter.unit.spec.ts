import { DASHBOARD_USER_SCHEMA } from '../schemas/urns';
import { evaluateFilter } from './evaluate-filter';
import { filterCases } from './filter-cases.fixture';
import { parseFilter } from './parse-filter';
import { sampleUsers } from './users-read-model.fixture';

const matchingIds = (filter: string) =>
  sampleUsers.filter((user) => evaluateFilter(parseFilter(filter), user)).map((user) => user['id']);

describe('evaluateFilter', () => {
  it.each(filterCases)('%s matches %j', (filter, ids) => {
    expect(matchingIds(filter)).toEqual(ids);
  });

  it('evaluates presence of a complex attribute', () => {
    expect(matchingIds('name pr')).toEqual(['u1', 'u2', 'u3']);
  });

  it('evaluates sub-attributes of complex extension attributes, any value matching', () => {
    const user = {
      id: 'p1',
      userName: 'p@x.com',
      [DASHBOARD_USER_SCHEMA]: {
        permissions: { companyPermissions: ['admin'], appGroup: [{ appGroupName: 'Prod', appGroupPermissions: ['view_campaigns'] }] },
      },
    };
    expect(evaluateFilter(parseFilter('permissions.companyPermissions eq "admin"'), user)).toBe(true);
    expect(evaluateFilter(parseFilter('permissions.companyPermissions eq "ADMIN"'), user)).toBe(false);
    expect(evaluateFilter(parseFilter('permissions.appGroup pr'), user)).toBe(true);
    expect(evaluateFilter(parseFilter('permissions.roles pr'), user)).toBe(false);
  });

  it('finds attributes whatever the casing of the stored keys', () => {
    expect(evaluateFilter(parseFilter('userName eq "a@b.c"'), { UserName: 'A@B.C' })).toBe(true);
  });

  it('does not match a value of the wrong type', () => {
    expect(evaluateFilter(parseFilter('active eq true'), { active: 'true' })).toBe(false);
    expect(evaluateFilter(parseFilter('meta.created gt "2020-01-01T00:00:00Z"'), { meta: { created: 'soon' } })).toBe(false);
  });
});
