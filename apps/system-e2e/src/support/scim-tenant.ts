import { AdminClient } from './admin-client';

export interface ScimTenant {
  readonly companyId: string;
  readonly workspaceId: string;
  /** Every workspace of the company, the default (`workspaceId`) first. */
  readonly workspaceIds: string[];
  readonly teamIds: string[];
  readonly roleId: string;
  readonly token: string;
  readonly origin: string;
}

/** A company with SCIM settings (custom method) and a fresh token: what an admin does before an IdP calls. */
export async function provisionTenant(
  admin: AdminClient,
  settings: { serviceOrigin?: string; ipAllowlist?: string; provisioningMethod?: string; extraWorkspaces?: number } = {},
): Promise<ScimTenant> {
  const company = await admin.registerCompany(undefined, settings.extraWorkspaces);
  const workspace = company.workspaces[0];
  if (!workspace) throw new Error('company without workspace');
  const origin = settings.serviceOrigin ?? 'idp.example.com';
  const put = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
    provisioningMethod: settings.provisioningMethod ?? 'custom',
    defaultWorkspaceId: workspace.id,
    serviceOrigin: origin,
    ...(settings.ipAllowlist ? { ipAllowlist: settings.ipAllowlist } : {}),
  });
  if (put.status !== 200) throw new Error(`settings failed: ${put.status} ${put.raw}`);
  const issued = await admin.call('POST', `/admin/v1/companies/${company.id}/scim-token`);
  if (issued.status !== 201) throw new Error(`token failed: ${issued.status} ${issued.raw}`);
  return {
    companyId: company.id,
    workspaceId: workspace.id,
    workspaceIds: company.workspaces.map(({ id }) => id),
    teamIds: workspace.teams.map((team) => team.id),
    roleId: company.roles[0]?.id ?? '',
    token: issued.body?.token as string,
    origin,
  };
}
