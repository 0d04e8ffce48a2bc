import { buildListResponse, paginate } from './list-response';

const SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('buildListResponse', () => {
  it('builds a ListResponse with integer counts and itemsPerPage = resources returned', () => {
    expect(buildListResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 7, startIndex: 3 })).toEqual({
      schemas: [SCHEMA],
      totalResults: 7,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('answers an empty result with totalResults 0 and Resources []', () => {
    expect(buildListResponse([], { totalResults: 0, startIndex: 1 })).toEqual({
      schemas: [SCHEMA],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('treats a startIndex below 1 as 1', () => {
    expect(buildListResponse([], { totalResults: 3, startIndex: -4 }).startIndex).toBe(1);
    expect(buildListResponse([], { totalResults: 3, startIndex: 0 }).startIndex).toBe(1);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 11 }, (_, i) => i + 1);

  it('pages like the Entra gallery test expects (count=5: startIndex 1, 6, 11)', () => {
    expect(paginate(items, { startIndex: 1, count: 5 })).toMatchObject({ startIndex: 1, itemsPerPage: 5, totalResults: 11, Resources: [1, 2, 3, 4, 5] });
    expect(paginate(items, { startIndex: 6, count: 5 })).toMatchObject({ startIndex: 6, itemsPerPage: 5, Resources: [6, 7, 8, 9, 10] });
    expect(paginate(items, { startIndex: 11, count: 5 })).toMatchObject({ startIndex: 11, itemsPerPage: 1, Resources: [11] });
  });

  it('returns only totalResults for count=0, and nothing past the end', () => {
    expect(paginate(items, { startIndex: 1, count: 0 })).toMatchObject({ totalResults: 11, itemsPerPage: 0, Resources: [] });
    expect(paginate(items, { startIndex: 50, count: 5 })).toMatchObject({ totalResults: 11, startIndex: 50, Resources: [] });
  });
});
