import { loggableUrl } from './loggable-url';

describe('loggableUrl', () => {
  it('keeps a URL without a query string as it is', () => {
    expect(loggableUrl('/scim/v2/Users/2819c223-7f76-453a-919d-413861904646')).toBe('/scim/v2/Users/2819c223-7f76-453a-919d-413861904646');
  });

  it('keeps paging, sorting and attribute selection, whatever their case', () => {
    const url = '/scim/v2/Users?startIndex=11&count=10&sortBy=userName&SORTORDER=descending&attributes=userName,emails&excludedAttributes=meta';
    expect(loggableUrl(url)).toBe(url);
  });

  it('replaces the values of filters, tokens and anything else', () => {
    expect(loggableUrl('/scim/v2/Users?filter=userName%20eq%20%22jane%40example.com%22&count=1')).toBe('/scim/v2/Users?filter=[redacted]&count=1');
    expect(loggableUrl('/admin/v1/companies?access_token=adm_secret')).toBe('/admin/v1/companies?access_token=[redacted]');
    expect(loggableUrl('/x?Filter=a&%66ilter=b&other=c&flag')).toBe('/x?Filter=[redacted]&%66ilter=[redacted]&other=[redacted]&flag');
  });

  it('redacts a parameter whose name cannot be decoded', () => {
    expect(loggableUrl('/x?%E0%A4%A=secret')).toBe('/x?%E0%A4%A=[redacted]');
  });
});
