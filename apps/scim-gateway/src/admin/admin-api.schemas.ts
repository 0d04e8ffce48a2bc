import {
  AddWorkspaceRpc,
  CompanySummary,
  CompanyView,
  ConfigureScimSettingsRpc,
  DashboardUserResource,
  DEFAULT_HISTORY_LIMIT,
  HistoryEntry,
  MAX_COMPANIES_PAGE,
  MAX_HISTORY_LIMIT,
  RegisterCompanyRpc,
  ScimSettingsView,
  SetScimDailyRequestLimitRpc,
  TokenHint,
} from '@scim/contracts';
import { z } from 'zod';

/*
 * The admin API's HTTP shapes, derived from the NATS contracts they forward to: one source of truth, also
 * rendered into /admin/v1/openapi.json.
 */

export const RegisterCompanyBody = RegisterCompanyRpc.request;
export const AddWorkspaceBody = AddWorkspaceRpc.request.omit({ companyId: true });
export const ScimSettingsBody = ConfigureScimSettingsRpc.request.omit({ companyId: true });
export const ScimRequestLimitBody = SetScimDailyRequestLimitRpc.request.omit({ companyId: true });
export const ScimRequestLimitView = SetScimDailyRequestLimitRpc.reply.omit({ position: true });
export type ScimRequestLimitView = z.infer<typeof ScimRequestLimitView>;

export const ScimTokenInfo = z.object({
  hint: TokenHint,
  issuedAt: z.iso.datetime(),
  /** The SCIM base URL identity providers are configured with. */
  endpoint: z.url(),
});
export type ScimTokenInfo = z.infer<typeof ScimTokenInfo>;

export const IssuedScimToken = ScimTokenInfo.extend({
  /** Shown once: it is kept only as a SHA-256 hash from now on. */
  token: z.string(),
});
export type IssuedScimToken = z.infer<typeof IssuedScimToken>;

export const RegisteredCompany = z.object({
  id: z.uuid(),
  name: z.string(),
  workspaces: z.array(z.object({ id: z.uuid(), name: z.string(), teams: z.array(z.object({ id: z.uuid(), name: z.string() })) })),
  roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type RegisteredCompany = z.infer<typeof RegisteredCompany>;

export const CompanyDetails = CompanyView.extend({
  scimToken: ScimTokenInfo.nullable(),
  /** What the gate holds the company to: its own daily request limit, or the installation's default. */
  scimEffectiveDailyRequestLimit: z.number().int().positive(),
});
export type CompanyDetails = z.infer<typeof CompanyDetails>;

export const CompanyList = z.object({
  totalResults: z.number().int().nonnegative(),
  startIndex: z.number().int().positive(),
  itemsPerPage: z.number().int().nonnegative(),
  companies: z.array(CompanySummary),
});
export type CompanyList = z.infer<typeof CompanyList>;

/** A query-string integer: absent means the default, anything but digits is a 400 naming the parameter. */
const queryInt = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback);

export const DEFAULT_COMPANIES_PAGE = 100;

/** The company picker: `?name=acme&startIndex=1&count=100` (`name`: contained in the company's name, ignoring case). */
export const CompaniesQuery = z.object({
  name: z
    .string()
    .max(200)
    .optional()
    .transform((value) => value?.trim() || undefined),
  startIndex: queryInt(1, 1, 1_000_000_000),
  count: queryInt(DEFAULT_COMPANIES_PAGE, 0, MAX_COMPANIES_PAGE),
});
export type CompaniesQuery = z.infer<typeof CompaniesQuery>;

export const MAX_ADMIN_USERS_PAGE = 200;

/** The admin's read-only view of provisioned users: `?filter=userName sw "ann"&startIndex=1&count=20`. */
export const UsersQuery = z.object({
  /** An RFC 7644 filter, as the SCIM API takes it. */
  filter: z.string().max(10_000).optional(),
  startIndex: queryInt(1, 1, 1_000_000_000),
  count: queryInt(20, 0, MAX_ADMIN_USERS_PAGE),
  sortBy: z.enum(['userName', 'lastModified']).default('userName'),
  sortOrder: z.enum(['ascending', 'descending']).default('ascending'),
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UserSummary = DashboardUserResource.pick({
  id: true,
  externalId: true,
  userName: true,
  name: true,
  displayName: true,
  department: true,
  active: true,
  createdAt: true,
  lastModified: true,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UsersPage = z.object({
  totalResults: z.number().int().nonnegative(),
  startIndex: z.number().int().positive(),
  itemsPerPage: z.number().int().nonnegative(),
  users: z.array(UserSummary),
});
export type UsersPage = z.infer<typeof UsersPage>;

export const HistoryQuery = z.object({ limit: queryInt(DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT) });

/** Settings and token events of one company, newest first. */
export const CompanyHistory = z.object({ events: z.array(HistoryEntry) });
export type CompanyHistory = z.infer<typeof CompanyHistory>;

export { CompanyView, ScimSettingsView };
