import { CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA } from '../schemas/urns';
import type { JsonObject } from '../resource';

/** Test support: a users read-model table that fits `userColumnMap`, and sample users. */
export const USERS_TABLE_DDL = `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    external_id TEXT,
    user_name_lower TEXT NOT NULL UNIQUE,
    display_name TEXT,
    given_name TEXT,
    family_name TEXT,
    formatted_name TEXT,
    active INTEGER,
    department TEXT,
    emails TEXT,
    created TEXT,
    last_modified TEXT,
    last_sign_in_at TEXT
  )`;

export function toRow(user: JsonObject): Record<string, unknown> {
  const name = (user['name'] ?? {}) as JsonObject;
  const meta = (user['meta'] ?? {}) as JsonObject;
  const extension = (user[DASHBOARD_USER_SCHEMA] ?? {}) as JsonObject;
  const iso = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : null);
  return {
    id: user['id'],
    external_id: user['externalId'] ?? null,
    user_name_lower: String(user['userName']).toLowerCase(),
    display_name: user['displayName'] ?? null,
    given_name: name['givenName'] ?? null,
    family_name: name['familyName'] ?? null,
    formatted_name: name['formatted'] ?? null,
    active: typeof user['active'] === 'boolean' ? (user['active'] ? 1 : 0) : null,
    department: extension['department'] ?? null,
    emails: user['emails'] ? JSON.stringify(user['emails']) : null,
    created: iso(meta['created']),
    last_modified: iso(meta['lastModified']),
    last_sign_in_at: iso(extension['lastSignInAt']),
  };
}

const user = (id: string, fields: JsonObject, extension?: JsonObject): JsonObject => ({
  schemas: extension ? [CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA] : [CORE_USER_SCHEMA],
  id,
  ...fields,
  ...(extension ? { [DASHBOARD_USER_SCHEMA]: extension } : {}),
});

export const sampleUsers: JsonObject[] = [
  user(
    'u1',
    {
      externalId: 'EXT-1',
      userName: 'jane.doe@acme.com',
      displayName: 'Jane Doe',
      name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' },
      emails: [
        { value: 'Jane.Doe@Acme.com', type: 'work', primary: true },
        { value: 'jane@home.example', type: 'home' },
      ],
      active: true,
      meta: { resourceType: 'User', created: '2024-01-10T09:00:00Z', lastModified: '2024-03-01T12:00:00.000Z' },
    },
    { department: 'engineering', lastSignInAt: '2024-03-02T08:00:00Z' },
  ),
  user(
    'u2',
    {
      externalId: 'ext-2',
      userName: 'JOHN@Example.org',
      name: { givenName: 'John', familyName: 'Smith' },
      emails: [{ value: 'john@example.org', type: 'Work' }],
      active: false,
      meta: { resourceType: 'User', created: '2024-02-01T00:00:00Z', lastModified: '2024-02-01T00:00:00Z' },
    },
    { department: 'bi' },
  ),
  user('u3', {
    userName: 'zoe@acme.com',
    displayName: '',
    name: { givenName: 'Zoë', familyName: 'Åberg' },
    active: true,
    meta: { resourceType: 'User', created: '2023-12-31T23:59:59.999Z', lastModified: '2024-04-01T00:00:00Z' },
  }),
  user('u4', {
    userName: 'admin@acme.com',
    externalId: 'EXT-4',
    emails: [
      { value: 'ops@acme.com', type: 'other' },
      { value: 'admin@acme.com', type: 'work', primary: false },
    ],
    meta: { resourceType: 'User', created: '2024-05-05T05:05:05Z', lastModified: '2024-05-05T05:05:05Z' },
  }),
];
