import { allowedScimMethods, refusedScimMethod } from './scim-allowed-methods.hook';

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

  describe('refusedScimMethod', () => {
    const urls = [
      '/scim/v2/Users',
      '/scim/v2/Users?filter=x',
      '/scim/v2/Users/.search',
      '/scim/v2/users/.SEARCH?x=1',
      '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646',
      '/scim/v2/Schemas',
      '/scim/v2/ResourceTypes/User',
      '/scim/v2/Groups',
      '/readyz',
    ];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

    it.each(urls.flatMap((url) => methods.map((method) => [method, url])))('%s %s is refused exactly when the table says so', (method, url) => {
      const allow = allowedScimMethods(url);
      const asked = method === 'HEAD' ? 'GET' : method;
      expect(refusedScimMethod(method, url)).toEqual(allow && !allow.includes(asked) ? allow : undefined);
    });

    it('refuses a GET or HEAD only where GET is not answered', () => {
      expect(refusedScimMethod('GET', '/scim/v2/Users/.search')).toEqual(['POST']);
      expect(refusedScimMethod('HEAD', '/scim/v2/Users/.search')).toEqual(['POST']);
      expect(refusedScimMethod('GET', '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646')).toBeUndefined();
      expect(refusedScimMethod('PUT', '/scim/v2/Users')).toEqual(['GET', 'POST']);
    });
  });
});
