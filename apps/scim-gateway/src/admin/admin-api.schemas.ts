import {
  AddWorkspaceRpc,
  CompanyView,
  ConfigureScimSettingsRpc,
  RegisterCompanyRpc,
  ScimSettingsView,
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

export const CompanyDetails = CompanyView.extend({ scimToken: ScimTokenInfo.nullable() });
export type CompanyDetails = z.infer<typeof CompanyDetails>;

export { CompanyView, ScimSettingsView };
