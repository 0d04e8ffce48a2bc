import Database from 'better-sqlite3';
import { ScimError } from '../errors';
import { userColumnMap } from '../filter/column-map';
import { foldCase } from '../filter/compile-filter-sql';
import { sampleUsers, toRow, USERS_TABLE_DDL } from '../filter/users-read-model.fixture';
import type { SortOrder } from '../list-query';
import { parseListQuery } from '../list-query';
import { compileSortToSql } from './compile-sort-sql';
import { sortResources } from './sort-resources';

const users = [
  ...sampleUsers,
  { id: 'u0', userName: 'anna@acme.com', name: { givenName: 'anna' }, emails: [{ value: 'b@x.com' }, { value: 'a@x.com' }] },
];

describe('sorting', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    db.function('scim_fold', { deterministic: true }, foldCase);
    db.exec(USERS_TABLE_DDL);
    const columns = Object.keys(toRow(users[0]));
    const insert = db.prepare(`INSERT INTO users (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const user of users) insert.run(toRow(user));
  });
  afterAll(() => db.close());

  const inMemory = (sortBy: string | undefined, sortOrder: SortOrder) =>
    sortResources(users, parseListQuery({ sortBy }).sortBy, sortOrder).map((user) => user['id']);
  const inSql = (sortBy: string | undefined, sortOrder: SortOrder) => {
    const { sql, params } = compileSortToSql(parseListQuery({ sortBy }).sortBy, sortOrder, userColumnMap, { foldFunction: 'scim_fold' });
    return db.prepare(`SELECT id FROM users ${sql}`).all(...params).map((row) => (row as { id: string }).id);
  };

  it.each([
    [undefined, 'ascending', ['u0', 'u1', 'u2', 'u3', 'u4']],
    ['userName', 'ascending', ['u4', 'u0', 'u1', 'u2', 'u3']],
    ['userName', 'descending', ['u3', 'u2', 'u1', 'u0', 'u4']],
    ['name.givenName', 'ascending', ['u0', 'u1', 'u2', 'u3', 'u4']],
    ['name.givenName', 'descending', ['u4', 'u3', 'u2', 'u1', 'u0']],
    ['displayName', 'ascending', ['u1', 'u0', 'u2', 'u3', 'u4']],
    ['externalId', 'ascending', ['u1', 'u4', 'u2', 'u0', 'u3']],
    ['active', 'descending', ['u0', 'u4', 'u1', 'u3', 'u2']],
    ['meta.created', 'ascending', ['u3', 'u1', 'u2', 'u4', 'u0']],
    ['emails', 'ascending', ['u0', 'u1', 'u2', 'u4', 'u3']],
    ['emails.type', 'ascending', ['u4', 'u1', 'u2', 'u0', 'u3']],
    ['department', 'ascending', ['u2', 'u1', 'u0', 'u3', 'u4']],
  ] as const)('by %s %s gives %j in memory and in SQL', (sortBy, sortOrder, ids) => {
    expect(inMemory(sortBy, sortOrder)).toEqual(ids);
    expect(inSql(sortBy, sortOrder)).toEqual(ids);
  });

  it('rejects sorting by an attribute without a column with 400 invalidValue', () => {
    const sortBy = parseListQuery({ sortBy: 'permissions.companyPermissions' }).sortBy;
    expect(() => compileSortToSql(sortBy, 'ascending', userColumnMap)).toThrow(ScimError);
    expect(() => compileSortToSql(sortBy, 'ascending', userColumnMap)).toThrow(/not supported/);
  });
});
