import type { ScimSettingsView } from './api';

/**
 * What still has to be saved before a token can be generated, as token-service decides it: a default workspace
 * always, and a service origin with the custom method (the gateway checks X-Request-Origin against it).
 */
export function missingForToken(saved: ScimSettingsView | null): string[] {
  const missing: string[] = [];
  if (!saved?.defaultWorkspaceId) missing.push('default workspace');
  if ((saved?.provisioningMethod ?? 'custom') === 'custom' && !saved?.serviceOrigin) missing.push('service origin');
  return missing;
}
