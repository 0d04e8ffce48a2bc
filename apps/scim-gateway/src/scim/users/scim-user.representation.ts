import type { DashboardUserResource } from '@scim/contracts';
import { CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA, formatEtag, type ScimResource } from '@scim/scim';

/**
 * A dashboard user as a SCIM User (RFC 7643 §4.1): the product's attributes live under its extension
 * schema, which is what /Schemas describes and what attribute selection and PATCH paths work on.
 */
export function toScimUser(user: DashboardUserResource, baseUrl: string): ScimResource {
  return {
    schemas: [CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA],
    id: user.id,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    userName: user.userName,
    name: withoutNulls(user.name),
    ...(user.displayName !== null ? { displayName: user.displayName } : {}),
    emails: user.emails,
    active: user.active,
    [DASHBOARD_USER_SCHEMA]: {
      ...(user.department !== null ? { department: user.department } : {}),
      permissions: user.permissions,
      createdAt: user.createdAt,
      lastSignInAt: user.lastSignInAt ?? 'N/A',
    },
    meta: {
      resourceType: 'User',
      created: user.createdAt,
      lastModified: user.lastModified,
      location: `${baseUrl}/Users/${user.id}`,
      version: formatEtag(user.revision),
    },
  };
}

/**
 * The modelled product's clients read `department`, `permissions`, `createdAt` and `lastSignInAt` at the
 * top level: after attribute selection, whatever of the extension is left is shown there too.
 */
export function withProductAttributesAtTopLevel(resource: ScimResource): ScimResource {
  const extension = resource[DASHBOARD_USER_SCHEMA];
  if (typeof extension !== 'object' || extension === null) return resource;
  return { ...resource, ...(extension as Record<string, unknown>) };
}

function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as Partial<T>;
}
