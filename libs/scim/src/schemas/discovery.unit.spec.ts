import { resourceTypeDocuments, schemaDocuments, serviceProviderConfigDocument } from './discovery';
import { CORE_USER_SCHEMA, DASHBOARD_USER_SCHEMA } from './urns';

const options = { baseUrl: 'https://scim.example.com/scim/v2/' };
type Attr = { name: string; subAttributes?: Attr[] } & Record<string, unknown>;

describe('discovery documents', () => {
  const [core, extension] = schemaDocuments(options) as Array<{ id: string; attributes: Attr[]; meta: unknown }>;
  const byName = (attributes: Attr[], name: string) => attributes.find((a) => a.name === name) as Attr;

  it('lists the core User schema and the dashboard extension, with locations', () => {
    expect(core.id).toBe(CORE_USER_SCHEMA);
    expect(extension.id).toBe(DASHBOARD_USER_SCHEMA);
    expect(core.meta).toEqual({ resourceType: 'Schema', location: `https://scim.example.com/scim/v2/Schemas/${CORE_USER_SCHEMA}` });
  });

  it('describes exactly the supported core attributes', () => {
    expect(core.attributes.map((a) => a.name)).toEqual(['id', 'externalId', 'userName', 'name', 'displayName', 'emails', 'active', 'meta']);
    expect(byName(core.attributes, 'name').subAttributes?.map((a) => a.name)).toEqual(['formatted', 'familyName', 'givenName']);
    expect(byName(core.attributes, 'emails').subAttributes?.map((a) => a.name)).toEqual(['value', 'type', 'primary']);
  });

  it('gives every attribute all RFC 7643 §7 characteristics', () => {
    const userName = byName(core.attributes, 'userName');
    expect(userName).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.any(String),
      required: true,
      caseExact: false,
      mutability: 'immutable',
      returned: 'default',
      uniqueness: 'server',
    });
    expect(byName(core.attributes, 'id')).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
  });

  it('describes the product attributes with canonical departments and read-only timestamps', () => {
    expect(byName(extension.attributes, 'department').canonicalValues).toEqual([
      'agency', 'bi', 'c_suite', 'engineering', 'finance', 'marketing', 'pm',
    ]);
    expect(byName(extension.attributes, 'lastSignInAt')).toMatchObject({ type: 'dateTime', mutability: 'readOnly' });
    const permissions = byName(extension.attributes, 'permissions');
    const appGroup = byName(permissions.subAttributes ?? [], 'appGroup');
    expect(appGroup.subAttributes?.map((a) => a.name)).toEqual([
      'appGroupId', 'appGroupName', 'appGroupPermissions', 'appGroupPermissionSets', 'team',
    ]);
    expect(byName(appGroup.subAttributes ?? [], 'team').subAttributes?.map((a) => a.name)).toEqual(['teamId', 'teamName', 'teamPermissions']);
  });

  it('describes the User resource type with its optional extension', () => {
    expect(resourceTypeDocuments(options)).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: expect.any(String),
        schema: CORE_USER_SCHEMA,
        schemaExtensions: [{ schema: DASHBOARD_USER_SCHEMA, required: false }],
        meta: { resourceType: 'ResourceType', location: 'https://scim.example.com/scim/v2/ResourceTypes/User' },
      },
    ]);
  });

  it('advertises what the server supports, and only that', () => {
    expect(serviceProviderConfigDocument(options)).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: expect.any(String), description: expect.any(String), primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://scim.example.com/scim/v2/ServiceProviderConfig' },
    });
  });
});
