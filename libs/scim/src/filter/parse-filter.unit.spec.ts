import { ScimError } from '../errors';
import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT } from '../schemas/urns';
import { parseFilter } from './parse-filter';

const path = (attribute: string, subAttribute?: string, schema = CORE) =>
  subAttribute ? { schema, attribute, subAttribute } : { schema, attribute };
const str = { type: 'string', caseExact: false } as const;

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseFilter', () => {
  it('parses an equality on userName into a canonical path', () => {
    expect(parseFilter('userName eq "jane@acme.com"')).toEqual({
      op: 'eq',
      path: path('userName'),
      value: 'jane@acme.com',
      ...str,
    });
  });

  it('treats operators, logical keywords and attribute names case-insensitively', () => {
    expect(parseFilter('USERNAME EQ "x" AND Name.GivenName SW "J"')).toEqual({
      op: 'and',
      filters: [
        { op: 'eq', path: path('userName'), value: 'x', ...str },
        { op: 'sw', path: path('name', 'givenName'), value: 'J', ...str },
      ],
    });
  });

  it('records caseExact of the compared attribute', () => {
    expect(parseFilter('externalId eq "A"')).toMatchObject({ caseExact: true, type: 'string' });
  });

  it('accepts URN-qualified names for the core schema and the extension', () => {
    expect(parseFilter(`${CORE}:userName eq "a"`)).toMatchObject({ path: path('userName') });
    expect(parseFilter(`${EXT.toUpperCase()}:Department eq "bi"`)).toMatchObject({ path: path('department', undefined, EXT) });
  });

  it('finds extension attributes by their unqualified name', () => {
    expect(parseFilter('department eq "bi"')).toMatchObject({ path: path('department', undefined, EXT) });
  });

  it('parses value filters on multi-valued attributes', () => {
    expect(parseFilter('emails[type eq "work" and value co "@x"]')).toEqual({
      op: 'valuePath',
      path: path('emails'),
      filter: {
        op: 'and',
        filters: [
          { op: 'eq', path: path('emails', 'type'), value: 'work', ...str },
          { op: 'co', path: path('emails', 'value'), value: '@x', ...str },
        ],
      },
    });
  });

  it('reads Entra\'s emails[type eq "work"].value eq "x" as one value matching both', () => {
    expect(parseFilter('emails[type eq "work"].value eq "x@y.com"')).toEqual({
      op: 'valuePath',
      path: path('emails'),
      filter: {
        op: 'and',
        filters: [
          { op: 'eq', path: path('emails', 'type'), value: 'work', ...str },
          { op: 'eq', path: path('emails', 'value'), value: 'x@y.com', ...str },
        ],
      },
    });
  });

  it('supports a presence test after a value filter and combines it with what follows', () => {
    expect(parseFilter('emails[type eq "work"].value pr and active eq true')).toEqual({
      op: 'and',
      filters: [
        {
          op: 'valuePath',
          path: path('emails'),
          filter: {
            op: 'and',
            filters: [
              { op: 'eq', path: path('emails', 'type'), value: 'work', ...str },
              { op: 'pr', path: path('emails', 'value') },
            ],
          },
        },
        { op: 'eq', path: path('active'), value: true, type: 'boolean', caseExact: false },
      ],
    });
  });

  it('compares the implicit value sub-attribute of a multi-valued attribute (RFC 7644 example)', () => {
    expect(parseFilter('emails co "example.com"')).toMatchObject({ op: 'co', path: path('emails', 'value') });
  });

  it('parses not, parentheses and and-over-or precedence', () => {
    expect(parseFilter('userName eq "a" or not (active eq false) and displayName pr')).toEqual({
      op: 'or',
      filters: [
        { op: 'eq', path: path('userName'), value: 'a', ...str },
        {
          op: 'and',
          filters: [
            { op: 'not', filter: { op: 'eq', path: path('active'), value: false, type: 'boolean', caseExact: false } },
            { op: 'pr', path: path('displayName') },
          ],
        },
      ],
    });
    expect(parseFilter('(userName eq "a" or userName eq "b") and active eq true')).toMatchObject({
      op: 'and',
      filters: [{ op: 'or' }, { op: 'eq' }],
    });
  });

  it('reads JSON string escapes exactly', () => {
    expect(parseFilter('displayName eq "a\\"b"')).toMatchObject({ value: 'a"b' });
    expect(parseFilter('displayName eq "back\\\\"')).toMatchObject({ value: 'back\\' });
    expect(parseFilter('displayName eq "tab\\tx"')).toMatchObject({ value: 'tab\tx' });
  });

  it('accepts unquoted string values (Entra docs, Microsoft collection) and unquoted numbers as strings', () => {
    expect(parseFilter('externalId eq jyoung')).toMatchObject({ value: 'jyoung' });
    expect(parseFilter('userName sw O')).toMatchObject({ op: 'sw', value: 'O' });
    expect(parseFilter('externalId eq 12345')).toMatchObject({ value: '12345' });
  });

  it('accepts "True"/"False" strings for booleans', () => {
    expect(parseFilter('active eq "False"')).toMatchObject({ value: false });
  });

  it('normalises dateTime values to ISO instants', () => {
    expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34+02:00"')).toMatchObject({
      op: 'gt',
      value: '2011-05-13T02:42:34.000Z',
      type: 'dateTime',
    });
  });

  it('parses a filter inside a PATCH value path relative to the attribute', () => {
    expect(parseFilter('Type eq "work"', { within: path('emails') })).toEqual({
      op: 'eq',
      path: path('emails', 'type'),
      value: 'work',
      ...str,
    });
  });

  it('bounds nesting depth and the number of comparisons', () => {
    const deep = `${'not ('.repeat(40)}userName eq "a"${')'.repeat(40)}`;
    expect(errorOf(() => parseFilter(deep))).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('nested') });
    const wide = Array.from({ length: 201 }, (_, i) => `userName eq "u${i}@x.com"`).join(' or ');
    expect(errorOf(() => parseFilter(wide))).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('comparisons') });
    expect(parseFilter(Array.from({ length: 200 }, (_, i) => `userName eq "u${i}@x.com"`).join(' or '))).toMatchObject({ op: 'or' });
  });

  it.each([
    ['parentheses', `${'('.repeat(10_000)}userName eq "a"${')'.repeat(10_000)}`, 'nested more than 32 levels deep'],
    ['not ( ... )', `${'not ('.repeat(5_000)}userName pr${')'.repeat(5_000)}`, 'nested more than 32 levels deep'],
    ['bare nots', `${'not '.repeat(20_000)}(userName pr)`, 'more than 200 "not" operators'],
    ['value filters', `emails[${'('.repeat(10_000)}value eq "a"${')'.repeat(10_000)}]`, 'nested more than 32 levels deep'],
  ])('refuses %s nested thousands of levels deep before parsing them (no stack overflow)', (_case, filter, detail) => {
    expect(errorOf(() => parseFilter(filter))).toMatchObject({ status: 400, scimType: 'invalidFilter', detail: `Invalid filter: ${detail}` });
  });

  it.each([
    ['userName eq', 'a value is missing at the end'],
    ['userName eq (', 'expected a value (a quoted string, a number, true, false or null), found "("'],
    ['(userName eq "a"', 'a "(" is not closed'],
    ['emails[type eq "work"', 'a "[" is not closed'],
    ['userName', 'expected an operator after "userName"'],
    ['userName is "a"', 'expected an operator after "userName", found "is"'],
    ['userName eq "a" and', 'the filter ends too early'],
    ['()', 'unexpected ")"'],
  ])('says what is wrong with %p in the terms of the filter', (filter, detail) => {
    expect(errorOf(() => parseFilter(filter))).toMatchObject({ status: 400, scimType: 'invalidFilter', detail: `Invalid filter: ${detail}` });
  });

  it('still parses 32 levels of parentheses and 200 negations', () => {
    expect(parseFilter(`${'('.repeat(32)}userName pr${')'.repeat(32)}`)).toMatchObject({ op: 'pr' });
    expect(parseFilter(Array.from({ length: 200 }, (_, i) => `not (userName eq "u${i}@x.com")`).join(' and '))).toMatchObject({ op: 'and' });
  });

  it.each([
    ['unknown attribute', 'nickName eq "x"', 'nickName'],
    ['unknown sub-attribute', 'name.middleName eq "x"', 'name.middleName'],
    ['unknown sub-attribute in a value filter', 'emails[display eq "x"]', 'display'],
    ['unknown extension', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"', 'enterprise'],
    ['missing value', 'userName eq', ''],
    ['unbalanced parenthesis', '(userName eq "a"', ''],
    ['trailing tokens', 'userName eq "a" "b"', ''],
    ['unknown operator', 'userName is "a"', ''],
    ['illegal character', 'userName = "a"', ''],
    ['empty filter', '  ', ''],
    ['bad escape', 'userName eq "\\x"', ''],
    ['ordering on a boolean', 'active gt true', 'active'],
    ['substring on a dateTime', 'meta.created co "2024"', 'meta.created'],
    ['invalid date', 'meta.created gt "yesterday"', 'meta.created'],
    ['string for a boolean', 'active eq "yes"', 'active'],
    ['value filter on a single-valued attribute', 'name[givenName eq "x"]', 'name'],
    ['nested value filter', 'emails[type[value eq "x"]]', ''],
    ['comparison on a complex attribute', 'name eq "x"', 'name'],
    ['path deeper than attribute.subAttribute', 'permissions.appGroup.appGroupName eq "x"', 'permissions.appGroup'],
  ])('rejects %s with 400 invalidFilter', (_case, filter, named) => {
    const error = errorOf(() => parseFilter(filter));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect(error.detail).toContain(named);
  });
});
