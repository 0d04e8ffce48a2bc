import { DomainError, type RpcErrorIssue } from '@scim/contracts';
import type { ScimSettingsSnapshot } from './token.commands';

/**
 * What must be set before a token can be issued: a default workspace always; a service origin with the
 * custom method (the default), since the gateway checks `X-Request-Origin` against it. Okta and Entra ID
 * cannot send custom headers, so they need no origin.
 */
export function missingSettings(settings: ScimSettingsSnapshot | null): RpcErrorIssue[] {
  const method = settings?.provisioningMethod ?? 'custom';
  const missing: RpcErrorIssue[] = [];
  if (!settings?.defaultWorkspaceId) missing.push({ path: 'defaultWorkspaceId', message: 'a default workspace is required' });
  if (method === 'custom' && !settings?.serviceOrigin) {
    missing.push({ path: 'serviceOrigin', message: 'a service origin is required for the custom provisioning method' });
  }
  return missing;
}

export function assertSettingsComplete(settings: ScimSettingsSnapshot | null): void {
  const missing = missingSettings(settings);
  if (missing.length === 0) return;
  throw new DomainError(
    'SETTINGS_INCOMPLETE',
    `Set ${missing.map((issue) => issue.path).join(' and ')} in the SCIM provisioning settings before generating a token`,
    missing,
  );
}
