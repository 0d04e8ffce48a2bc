import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GetScimSettingsRpc, ScimSettingsChangedNotice, SYSTEM_ACTOR, type ScimSettingsView } from '@scim/contracts';
import { parseAllowlist, type AllowlistEntry } from '@scim/ip-allowlist';
import { NatsRpcClient } from '@scim/platform';
import { ExpiringCache } from './expiring-cache';

/** A company's SCIM settings as the gate needs them, with the allowlist parsed once. */
export interface CompanyGateSettings {
  readonly settings: ScimSettingsView;
  /** Parsed entries (empty allows every address), or 'unusable' when stored entries no longer parse. */
  readonly allowlist: readonly AllowlistEntry[] | 'unusable';
}

const TTL_MS = 5_000;

/**
 * The gate reads a company's SCIM settings on every request; they are cached a few seconds, and a change
 * notice from settings-service drops the entry on every gateway at once.
 */
@Injectable()
export class CompanyGateSettingsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new ExpiringCache<string, CompanyGateSettings | null>(TTL_MS);
  private stopListening: () => void = () => undefined;

  constructor(private readonly nats: NatsRpcClient) {}

  async forCompany(companyId: string, correlationId: string): Promise<CompanyGateSettings | null> {
    const cached = this.cache.get(companyId);
    if (cached !== undefined) return cached;
    const { settings } = await this.nats.request(GetScimSettingsRpc, { companyId }, { correlationId, actor: SYSTEM_ACTOR });
    const gate = settings ? { settings, allowlist: allowlistOf(settings) } : null;
    this.cache.set(companyId, gate);
    return gate;
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.listen(ScimSettingsChangedNotice, (notice) => this.cache.delete(notice.companyId));
  }

  onApplicationShutdown(): void {
    this.stopListening();
  }
}

function allowlistOf(settings: ScimSettingsView): AllowlistEntry[] | 'unusable' {
  const parsed = parseAllowlist(settings.ipAllowlist);
  // Stored entries were validated when saved; if one no longer parses, refuse rather than allow everyone.
  return parsed.ok ? parsed.entries : 'unusable';
}
