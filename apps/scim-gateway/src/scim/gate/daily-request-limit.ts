import type { GatewayConfig } from '../../config';

/**
 * The daily SCIM request limit a company is held to: its own, set through the admin API, or the installation's
 * default. The gate enforces it; the admin API shows it.
 */
export function dailyRequestLimitOf(companyLimit: number | null, config: Pick<GatewayConfig, 'SCIM_DAILY_REQUEST_LIMIT'>): number {
  return companyLimit ?? config.SCIM_DAILY_REQUEST_LIMIT;
}
