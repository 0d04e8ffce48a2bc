export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/**
 * Our extension for the dashboard-user attributes of the modelled product (department, permissions, ...).
 * The `urn:ietf:params:scim:schemas:extension:{company}:2.0:User` shape is the convention Entra ID and
 * Okta expect for custom attributes typed into their attribute-mapping screens
 * (`urn:...:extension:{company}:2.0:User:{attribute}`), so admins can map to it without surprises.
 */
export const DASHBOARD_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:braze:2.0:User';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
