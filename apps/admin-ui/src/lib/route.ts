/** The page's place, kept in the URL hash so a reload stays on the company: `#/companies/<id>`. */
export type Route = { readonly page: 'companies' } | { readonly page: 'company'; readonly companyId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/companies\/([0-9a-fA-F-]{36})$/.exec(hash);
  return match?.[1] ? { page: 'company', companyId: match[1].toLowerCase() } : { page: 'companies' };
}

export function hrefOf(route: Route): string {
  return route.page === 'company' ? `#/companies/${route.companyId}` : '#/';
}
