import type { ResourceTypeDefinition } from './attribute-definition';
import { coreUserSchema } from './core-user-schema';
import { dashboardUserSchema } from './dashboard-user-schema';

export const userResourceType: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'Dashboard user account',
  schema: coreUserSchema,
  // Not required: identity providers such as Okta send no extension attributes unless an admin maps them.
  schemaExtensions: [{ schema: dashboardUserSchema, required: false }],
};
