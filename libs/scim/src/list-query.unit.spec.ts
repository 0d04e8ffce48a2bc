import { ScimError } from './errors';
import { parseListQuery, parseSearchRequest } from './list-query';
import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT, SEARCH_REQUEST_SCHEMA } from './schemas/urns';

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseListQuery', () => {
  it('has defaults: first page, maxResults items, ascending, no filter', () => {
    expect(parseListQuery({})).toEqual({ startIndex: 1, count: 1000, sortOrder: 'ascending' });
  });

  it("reads Okta's existence check", () => {
    const query = parseListQuery({ filter: 'userName eq "jane@acme.com"', startIndex: '1', count: '100' });
    expect(query).toMatchObject({ startIndex: 1, count: 100, filter: { op: 'eq', value: 'jane@acme.com' } });
  });

  it('clamps startIndex below 1 to 1, negative count to 0 and count above maxResults to maxResults', () => {
    expect(parseListQuery({ startIndex: '0', count: '-5' })).toMatchObject({ startIndex: 1, count: 0 });
    expect(parseListQuery({ startIndex: '-3', count: '5000' })).toMatchObject({ startIndex: 1, count: 1000 });
    expect(parseListQuery({ count: '50' }, { maxResults: 20 })).toMatchObject({ count: 20 });
  });

  it('reads sortBy (canonical, multi-valued attributes by their value) and sortOrder in any case', () => {
    expect(parseListQuery({ sortBy: 'NAME.familyname', sortOrder: 'Descending' })).toMatchObject({
      sortBy: { schema: CORE, attribute: 'name', subAttribute: 'familyName' },
      sortOrder: 'descending',
    });
    expect(parseListQuery({ sortBy: 'emails' }).sortBy).toEqual({ schema: CORE, attribute: 'emails', subAttribute: 'value' });
    expect(parseListQuery({ sortBy: 'department' }).sortBy).toEqual({ schema: EXT, attribute: 'department' });
  });

  it('splits attributes and excludedAttributes on commas', () => {
    expect(parseListQuery({ attributes: 'userName, name.givenName,', excludedAttributes: `${EXT}:permissions` })).toMatchObject({
      attributes: ['userName', 'name.givenName'],
      excludedAttributes: [`${EXT}:permissions`],
    });
  });

  it('matches parameter names case-insensitively', () => {
    expect(parseListQuery({ StartIndex: '3', COUNT: '2' })).toMatchObject({ startIndex: 3, count: 2 });
  });

  it.each([
    ['a non-integer startIndex', { startIndex: 'abc' }, 'invalidValue'],
    ['a fractional count', { count: '1.5' }, 'invalidValue'],
    ['an unknown sortBy', { sortBy: 'nickName' }, 'invalidValue'],
    ['a complex sortBy', { sortBy: 'name' }, 'invalidValue'],
    ['a bad sortOrder', { sortOrder: 'up' }, 'invalidValue'],
    ['a malformed attributes list', { attributes: 'userName eq' }, 'invalidValue'],
    ['a repeated filter', { filter: ['userName eq "a"', 'userName eq "b"'] }, 'invalidValue'],
    ['a malformed filter', { filter: 'userName eq' }, 'invalidFilter'],
    ['a filter on an unknown attribute', { filter: 'title eq "x"' }, 'invalidFilter'],
  ])('rejects %s', (_case, query, scimType) => {
    expect(errorOf(() => parseListQuery(query))).toMatchObject({ status: 400, scimType });
  });
});

describe('parseSearchRequest', () => {
  it('reads a POST /.search body with typed values and attribute arrays', () => {
    const body = {
      schemas: [SEARCH_REQUEST_SCHEMA],
      filter: 'active eq true',
      startIndex: 2,
      count: 10,
      attributes: ['userName', 'emails.value'],
    };
    expect(parseSearchRequest(body)).toMatchObject({
      filter: { op: 'eq', value: true },
      startIndex: 2,
      count: 10,
      attributes: ['userName', 'emails.value'],
    });
  });

  it('requires the SearchRequest schema', () => {
    expect(errorOf(() => parseSearchRequest({ filter: 'active eq true' }))).toMatchObject({ scimType: 'invalidSyntax' });
    expect(errorOf(() => parseSearchRequest('x'))).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('rejects a non-integer number', () => {
    expect(errorOf(() => parseSearchRequest({ schemas: [SEARCH_REQUEST_SCHEMA], count: 2.5 }))).toMatchObject({ scimType: 'invalidValue' });
  });
});
