import type {
  CompanySummary,
  CompanyView,
  DashboardUserResource,
  HistoryEntry,
  ProvisioningMethod,
  ScimSettingsView,
} from '@scim/contracts';

/*
 * The admin API as the page uses it (shapes from /admin/v1/openapi.json; only types are imported, so the
 * bundle carries no schema library). Every call sends the admin credential as a bearer token.
 */

export interface ScimTokenInfo {
  readonly hint: string;
  readonly issuedAt: string;
  readonly endpoint: string;
}
export interface IssuedScimToken extends ScimTokenInfo {
  readonly token: string;
}
export type CompanyDetails = CompanyView & {
  readonly scimToken: ScimTokenInfo | null;
  /** What the gateway holds the company to: its own daily SCIM request limit, or the installation's default. */
  readonly scimEffectiveDailyRequestLimit: number;
};
export type UserSummary = Pick<
  DashboardUserResource,
  'id' | 'externalId' | 'userName' | 'name' | 'displayName' | 'department' | 'active' | 'createdAt' | 'lastModified'
>;
export interface UsersPage {
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly users: readonly UserSummary[];
}
export interface CompaniesPage {
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly companies: readonly CompanySummary[];
}
export interface CompaniesQuery {
  /** Contained in the company's name, ignoring case. */
  readonly name?: string;
  readonly startIndex: number;
  readonly count: number;
}
export interface UsersQuery {
  readonly filter?: string;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy: 'userName' | 'lastModified';
  readonly sortOrder: 'ascending' | 'descending';
}
export interface ScimSettingsInput {
  readonly provisioningMethod: ProvisioningMethod;
  readonly defaultWorkspaceId: string;
  readonly serviceOrigin: string | null;
  readonly ipAllowlist: string | null;
}
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export type { CompanySummary, HistoryEntry, ProvisioningMethod, ScimSettingsView };

/** A refused call, as the API's problem+json describes it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface AdminApiOptions {
  readonly fetch?: Fetch;
  /** Called when the gateway refuses the credential (401), before the error is thrown. */
  readonly onUnauthorized?: () => void;
}

export class AdminApi {
  private readonly fetchFn: Fetch;

  constructor(
    private readonly credential: string,
    private readonly options: AdminApiOptions = {},
  ) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  listCompanies(query: CompaniesQuery): Promise<CompaniesPage> {
    const params = new URLSearchParams({ startIndex: String(query.startIndex), count: String(query.count) });
    if (query.name) params.set('name', query.name);
    return this.call('GET', `/admin/v1/companies?${params.toString()}`);
  }

  registerCompany(name: string, workspaceNames: readonly string[]): Promise<{ id: string }> {
    return this.call('POST', '/admin/v1/companies', { name, workspaces: workspaceNames.map((workspace) => ({ name: workspace })) });
  }

  company(companyId: string): Promise<CompanyDetails> {
    return this.call('GET', `/admin/v1/companies/${encodeURIComponent(companyId)}`);
  }

  saveSettings(companyId: string, settings: ScimSettingsInput): Promise<ScimSettingsView> {
    return this.call('PUT', `/admin/v1/companies/${encodeURIComponent(companyId)}/scim-settings`, settings);
  }

  /** Issues the token; when one exists this is the reset (the old one stops working). */
  issueToken(companyId: string): Promise<IssuedScimToken> {
    return this.call('POST', `/admin/v1/companies/${encodeURIComponent(companyId)}/scim-token`);
  }

  users(companyId: string, query: UsersQuery): Promise<UsersPage> {
    const params = new URLSearchParams({
      startIndex: String(query.startIndex),
      count: String(query.count),
      sortBy: query.sortBy,
      sortOrder: query.sortOrder,
    });
    if (query.filter) params.set('filter', query.filter);
    return this.call('GET', `/admin/v1/companies/${encodeURIComponent(companyId)}/users?${params.toString()}`);
  }

  async history(companyId: string, limit: number): Promise<HistoryEntry[]> {
    const path = `/admin/v1/companies/${encodeURIComponent(companyId)}/history?limit=${limit}`;
    return (await this.call<{ events: HistoryEntry[] }>('GET', path)).events;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(path, {
        method,
        headers: {
          authorization: `Bearer ${this.credential}`,
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'The gateway cannot be reached. Check that it is running, then try again.');
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return payload as T;
    if (response.status === 401) this.options.onUnauthorized?.();
    throw problemOf(response.status, payload);
  }
}

function problemOf(status: number, payload: unknown): ApiError {
  const problem = (payload ?? {}) as { detail?: unknown; errors?: unknown };
  const detail = typeof problem.detail === 'string' ? problem.detail : `The request failed (HTTP ${status})`;
  const issues = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (issue): issue is FieldIssue => typeof issue?.path === 'string' && typeof issue?.message === 'string',
      )
    : [];
  return new ApiError(status, detail, issues);
}
