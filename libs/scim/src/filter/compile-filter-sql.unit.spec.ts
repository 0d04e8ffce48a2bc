import Database from 'better-sqlite3';
import { ScimError } from '../errors';
import { userColumnMap } from './column-map';
import { compileFilterToSql, foldCase } from './compile-filter-sql';
import { evaluateFilter } from './evaluate-filter';
import { filterCases } from './filter-cases.fixture';
import { parseFilter } from './parse-filter';
import { sampleUsers, toRow, USERS_TABLE_DDL } from './users-read-model.fixture';

// An in-memory SQLite database: no files, no network.
function openDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.function('scim_fold', { deterministic: true }, foldCase);
  db.exec(USERS_TABLE_DDL);
  const insert = db.prepare(
    `INSERT INTO users VALUES (@id, @external_id, @user_name_lower, @display_name, @given_name, @family_name,
       @formatted_name, @active, @department, @emails, @created, @last_modified, @last_sign_in_at)`,
  );
  for (const user of sampleUsers) insert.run(toRow(user));
  return db;
}

describe('compileFilterToSql', () => {
  let db: Database.Database;
  beforeAll(() => (db = openDatabase()));
  afterAll(() => db.close());

  const query = (filter: string) => {
    const { sql, params } = compileFilterToSql(parseFilter(filter), userColumnMap, { foldFunction: 'scim_fold' });
    return db
      .prepare(`SELECT id FROM users WHERE ${sql} ORDER BY id`)
      .all(...params)
      .map((row) => (row as { id: string }).id);
  };

  it.each(filterCases)('%s selects %j, as evaluateFilter does', (filter, ids) => {
    const inMemory = sampleUsers.filter((user) => evaluateFilter(parseFilter(filter), user)).map((user) => user['id']);
    expect(query(filter)).toEqual(ids);
    expect(query(filter)).toEqual(inMemory);
  });

  it('passes values as parameters, never in the SQL text', () => {
    const hostile = `x' OR 1=1; DROP TABLE users; --`;
    const { sql, params } = compileFilterToSql(parseFilter(`userName eq "${hostile}"`), userColumnMap);
    expect(sql).not.toContain('DROP');
    expect(params).toContain(hostile.toLowerCase());
    expect(query(`userName eq "${hostile}" or displayName co "${hostile}"`)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: sampleUsers.length });
  });

  it('compares a folded column directly (index-friendly) and lower-cases the parameter', () => {
    expect(compileFilterToSql(parseFilter('userName eq "A@B.C"'), userColumnMap)).toEqual({
      sql: '(user_name_lower IS NOT NULL AND user_name_lower = ?)',
      params: ['a@b.c'],
    });
  });

  it("uses SQLite's lower() for other case-insensitive columns unless told otherwise", () => {
    expect(compileFilterToSql(parseFilter('name.givenName eq "A"'), userColumnMap).sql).toBe(
      '(given_name IS NOT NULL AND lower(given_name) = ?)',
    );
  });

  it('reads multi-valued attributes from a JSON column with EXISTS over json_each', () => {
    const { sql, params } = compileFilterToSql(parseFilter('emails[type eq "work"]'), userColumnMap);
    expect(sql).toMatch(/^EXISTS \(SELECT 1 FROM json_each\(emails\) AS v1 WHERE .*json_extract\(v1\.value, \?\)/);
    expect(params).toEqual(['$.type', '$.type', 'work']);
  });

  it.each([
    ['name pr', 'name'],
    ['permissions.companyPermissions eq "admin"', 'permissions.companyPermissions'],
    ['userName eq "a" and name.formatted pr and permissions.roles pr', 'permissions.roles'],
  ])('rejects %s with 400 invalidFilter naming the attribute', (filter, name) => {
    let error: unknown;
    try {
      compileFilterToSql(parseFilter(filter), userColumnMap);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect((error as ScimError).detail).toContain(`${name}" is not supported`);
  });
});
