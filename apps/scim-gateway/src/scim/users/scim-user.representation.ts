import type { DashboardUserResource } from '@scim/contracts';
import {
  CORE_USER_SCHEMA,
  DASHBOARD_USER_SCHEMA,
  formatEtag,
  isPresent,
  projectAttributes,
  type AttributeSelection,
  type ScimResource,
} from '@scim/scim';

/**
 * A dashboard user as a response shows it: `selection` applied (RFC 7644 §3.9), then the product's attributes
 * copied to the top level. Without a selection, which is nearly every response, it is built in one step;
 * the unit spec holds that to the same result as projecting toScimUser.
 */
export function renderScimUser(user: DashboardUserResource, baseUrl: string, selection: AttributeSelection = {}): ScimResource {
  const selecting = (selection.attributes?.length ?? 0) > 0 || (selection.excludedAttributes?.length ?? 0) > 0;
  if (selecting) return withProductAttributesAtTopLevel(projectAttributes(toScimUser(user, baseUrl), selection));
  const name = nameOf(user);
  const product: ScimResource = {};
  if (isPresent(user.department)) product['department'] = user.department;
  if (isPresent(user.permissions)) product['permissions'] = user.permissions;
  product['createdAt'] = user.createdAt;
  product['lastSignInAt'] = user.lastSignInAt ?? 'N/A';
  const resource: ScimResource = { schemas: [CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA], id: user.id };
  if (isPresent(user.externalId)) resource['externalId'] = user.externalId;
  if (isPresent(user.userName)) resource['userName'] = user.userName;
  if (isPresent(name)) resource['name'] = name;
  if (isPresent(user.displayName)) resource['displayName'] = user.displayName;
  if (isPresent(user.emails)) resource['emails'] = user.emails;
  resource['active'] = user.active;
  resource['meta'] = metaOf(user, baseUrl);
  resource[DASHBOARD_USER_SCHEMA] = product;
  return Object.assign(resource, product);
}

/** Where the user lives: `meta.location` and the `Location` of a create. */
export function userLocation(baseUrl: string, id: string): string {
  return `${baseUrl}/Users/${id}`;
}

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
    name: nameOf(user),
    ...(user.displayName !== null ? { displayName: user.displayName } : {}),
    emails: user.emails,
    active: user.active,
    [DASHBOARD_USER_SCHEMA]: {
      ...(user.department !== null ? { department: user.department } : {}),
      permissions: user.permissions,
      createdAt: user.createdAt,
      lastSignInAt: user.lastSignInAt ?? 'N/A',
    },
    meta: metaOf(user, baseUrl),
  };
}

function metaOf(user: DashboardUserResource, baseUrl: string): ScimResource {
  return {
    resourceType: 'User',
    created: user.createdAt,
    lastModified: user.lastModified,
    location: userLocation(baseUrl, user.id),
    version: formatEtag(user.revision),
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

/** The name's parts that are set, in the order /Schemas lists them. */
function nameOf({ name }: DashboardUserResource): ScimResource {
  const parts: ScimResource = {};
  if (name.formatted !== null) parts['formatted'] = name.formatted;
  if (name.familyName !== null) parts['familyName'] = name.familyName;
  if (name.givenName !== null) parts['givenName'] = name.givenName;
  return parts;
}
