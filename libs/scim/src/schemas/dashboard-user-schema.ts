import { attribute, type AttributeDefinition, type SchemaDefinition } from './attribute-definition';
import { DASHBOARD_USER_SCHEMA } from './urns';

/** The seven department strings of the modelled product (reference: braze-scim-api.md §4.4). */
export const DEPARTMENTS = ['agency', 'bi', 'c_suite', 'engineering', 'finance', 'marketing', 'pm'] as const;
export type Department = (typeof DEPARTMENTS)[number];

const identifier = (name: string, description: string) => attribute(name, 'string', description, { caseExact: true });
const permissionStrings = (name: string, description: string, options: Partial<AttributeDefinition> = {}) =>
  attribute(name, 'string', description, { multiValued: true, caseExact: true, ...options });

const permissionSet = attribute('appGroupPermissionSets', 'complex', 'The workspace permission set (one).', {
  multiValued: true,
  subAttributes: [
    attribute('appGroupPermissionSetName', 'string', 'Permission set name.'),
    identifier('appGroupPermissionSetId', 'Permission set id.'),
    permissionStrings('permissions', 'The permissions the set grants (in responses).', { mutability: 'readOnly' }),
  ],
});

const team = attribute('team', 'complex', 'Teams in the workspace with their permissions.', {
  multiValued: true,
  subAttributes: [
    identifier('teamId', 'Team id.'),
    attribute('teamName', 'string', 'Team name.'),
    permissionStrings('teamPermissions', 'Team permission strings.'),
  ],
});

const workspaceSubAttributes = [
  identifier('appGroupId', 'Workspace id (required when appGroupName is missing).'),
  attribute('appGroupName', 'string', 'Workspace name.'),
  permissionStrings('appGroupPermissions', 'Workspace permission strings.'),
  permissionSet,
  team,
];

/**
 * Note: `permissions` nests complex attributes (appGroup[].team[]), which RFC 7643 §2.4 does not allow
 * for complex attributes. The shape is fixed by the modelled product, so /Schemas describes it as it is.
 * Filters and PATCH paths reach at most `permissions.<sub-attribute>` (the RFC path grammar's depth).
 */
export const dashboardUserSchema: SchemaDefinition = {
  id: DASHBOARD_USER_SCHEMA,
  name: 'DashboardUser',
  description: 'Dashboard user attributes: department and company, workspace, team and role permissions.',
  attributes: [
    attribute('department', 'string', "The user's department.", {
      canonicalValues: DEPARTMENTS,
      restrictToCanonicalValues: true,
    }),
    attribute('permissions', 'complex', 'Company, workspace, team and role permissions.', {
      subAttributes: [
        permissionStrings('companyPermissions', 'Company permission strings.'),
        attribute('roles', 'complex', 'Roles; responses expand each role to what it grants.', {
          multiValued: true,
          subAttributes: [
            attribute('roleName', 'string', 'Role name.'),
            identifier('roleId', 'Role id.'),
            attribute('appGroup', 'complex', 'What the role grants (in responses).', {
              multiValued: true,
              mutability: 'readOnly',
              subAttributes: workspaceSubAttributes,
            }),
          ],
        }),
        attribute('appGroup', 'complex', 'Workspaces with their permissions.', {
          multiValued: true,
          subAttributes: workspaceSubAttributes,
        }),
      ],
    }),
    attribute('createdAt', 'dateTime', 'When the dashboard user was created.', { mutability: 'readOnly' }),
    attribute('lastSignInAt', 'dateTime', 'Last successful sign-in (UTC); absent if never.', { mutability: 'readOnly' }),
  ],
};
