import { withoutScimTrailingSlash } from './scim-url';

describe('withoutScimTrailingSlash', () => {
  it.each([
    ['/scim/v2/Users/?filter=a', '/scim/v2/Users?filter=a'],
    ['/scim/v2/Users/', '/scim/v2/Users'],
    ['/scim/v2/Users', '/scim/v2/Users'],
    ['/scim/v2/Users?x=/', '/scim/v2/Users?x=/'],
    ['/admin/', '/admin/'],
  ])('%s -> %s', (input, expected) => {
    expect(withoutScimTrailingSlash(input)).toBe(expected);
  });
});
