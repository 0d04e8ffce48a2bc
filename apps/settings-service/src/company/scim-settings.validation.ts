import { normaliseServiceOrigin, type CompanyView, type RpcErrorIssue, type ScimSettingsView } from '@scim/contracts';
import { formatAllowlist, parseAllowlist } from '@scim/ip-allowlist';
import type { ConfigureScimProvisioning } from './company.commands';
import { invalid } from './company.errors';

/**
 * Turns the settings an admin submitted into the normalised settings to store, or throws VALIDATION_FAILED
 * listing every bad field and every bad allowlist entry at once (so the page can mark them all).
 */
export function validateScimSettings(command: ConfigureScimProvisioning, company: CompanyView): ScimSettingsView {
  const issues: RpcErrorIssue[] = [];

  if (!company.workspaces.some((workspace) => workspace.id === command.defaultWorkspaceId)) {
    issues.push({ path: 'defaultWorkspaceId', message: `workspace ${command.defaultWorkspaceId} is not one of this company's workspaces` });
  }

  let serviceOrigin: string | null = null;
  const typedOrigin = command.serviceOrigin?.trim() ?? '';
  if (typedOrigin.length > 0) {
    const origin = normaliseServiceOrigin(typedOrigin);
    if (origin.ok) serviceOrigin = origin.value;
    else issues.push({ path: 'serviceOrigin', message: origin.message });
  } else if (command.provisioningMethod === 'custom') {
    issues.push({ path: 'serviceOrigin', message: 'a service origin is required for the custom provisioning method' });
  }

  let ipAllowlist: string[] = [];
  const allowlist = parseAllowlist(command.ipAllowlist ?? []);
  if (allowlist.ok) ipAllowlist = formatAllowlist(allowlist.entries);
  else issues.push(...allowlist.errors.map((error) => ({ path: `ipAllowlist[${error.index}]`, message: error.message })));

  if (issues.length > 0) {
    const fields = [...new Set(issues.map((issue) => issue.path.replace(/\[\d+\]$/, '')))].join(', ');
    throw invalid(`Invalid SCIM provisioning settings: ${fields}`, issues);
  }
  return { provisioningMethod: command.provisioningMethod, defaultWorkspaceId: command.defaultWorkspaceId, serviceOrigin, ipAllowlist };
}

export function sameSettings(a: ScimSettingsView | null, b: ScimSettingsView): boolean {
  return (
    a !== null &&
    a.provisioningMethod === b.provisioningMethod &&
    a.defaultWorkspaceId === b.defaultWorkspaceId &&
    a.serviceOrigin === b.serviceOrigin &&
    a.ipAllowlist.length === b.ipAllowlist.length &&
    a.ipAllowlist.every((entry, index) => entry === b.ipAllowlist[index])
  );
}
