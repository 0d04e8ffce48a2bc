import { DASHBOARD_USER_SCHEMA } from '../schemas/urns';

/** A single-valued attribute stored in its own column. */
export interface ScalarColumn {
  readonly kind: 'scalar';
  readonly column: string;
  /**
   * The column holds the value lower-cased with `String#toLowerCase()` (e.g. `user_name_lower`), so a
   * case-insensitive comparison can use its index: the parameter is lower-cased instead of the column.
   */
  readonly folded?: boolean;
}

/** A multi-valued complex attribute stored as a JSON array of objects keyed by canonical sub-attribute names. */
export interface JsonArrayColumn {
  readonly kind: 'jsonArray';
  readonly column: string;
}

export type ColumnSpec = ScalarColumn | JsonArrayColumn;

/**
 * Attribute path (as `formatAttributePath` writes it: core attributes unqualified, extension attributes
 * URN-qualified) -> column. Storage conventions the compiler relies on: booleans as 1/0, dateTimes as
 * `Date#toISOString()` text (so text order is time order), absent values as NULL.
 * Only column names from this map reach the SQL text; they are never taken from the request.
 */
export type ColumnMap = Readonly<Record<string, ColumnSpec>>;

/** The columns of the users read model (see `users-read-model.fixture.ts` for a table that fits). */
export const userColumnMap: ColumnMap = {
  id: { kind: 'scalar', column: 'id' },
  externalId: { kind: 'scalar', column: 'external_id' },
  userName: { kind: 'scalar', column: 'user_name_lower', folded: true },
  displayName: { kind: 'scalar', column: 'display_name' },
  'name.givenName': { kind: 'scalar', column: 'given_name' },
  'name.familyName': { kind: 'scalar', column: 'family_name' },
  'name.formatted': { kind: 'scalar', column: 'formatted_name' },
  active: { kind: 'scalar', column: 'active' },
  emails: { kind: 'jsonArray', column: 'emails' },
  'meta.created': { kind: 'scalar', column: 'created' },
  'meta.lastModified': { kind: 'scalar', column: 'last_modified' },
  [`${DASHBOARD_USER_SCHEMA}:department`]: { kind: 'scalar', column: 'department' },
  [`${DASHBOARD_USER_SCHEMA}:createdAt`]: { kind: 'scalar', column: 'created' },
  [`${DASHBOARD_USER_SCHEMA}:lastSignInAt`]: { kind: 'scalar', column: 'last_sign_in_at' },
};
