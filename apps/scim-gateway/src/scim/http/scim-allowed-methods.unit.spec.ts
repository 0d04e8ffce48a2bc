import { allowedScimMethods } from './scim-allowed-methods.hook';

describe('allowedScimMethods', () => {
  it.each([
    ['/scim/v2/Users', ['GET', 'POST']],
    ['/scim/v2/users?filter=userName%20eq%20%22a%22', ['GET', 'POST']],
    ['/scim/v2/Users/.search', ['POST']],
    ['/scim/v2/Users/2819c223-7f76-453a-919d-413861904646', ['GET', 'PUT', 'PATCH', 'DELETE']],
    ['/scim/v2/Users/anything?attributes=userName', ['GET', 'PUT', 'PATCH', 'DELETE']],
    ['/scim/v2/ServiceProviderConfig', ['GET']],
    ['/scim/v2/schemas/urn:ietf:params:scim:schemas:core:2.0:User', ['GET']],
    ['/scim/v2/ResourceTypes/User', ['GET']],
  ])('%s answers %j', (url, methods) => {
    expect(allowedScimMethods(url)).toEqual(methods);
  });

  it.each(['/scim/v2/Groups', '/scim/v2/Users/a/b', '/scim/v2/Bulk', '/admin/v1/companies', '/scim/v1/Users', '/readyz'])(
    'knows no endpoint at %s (a 404 there)',
    (url) => {
      expect(allowedScimMethods(url)).toBeUndefined();
    },
  );
});
