import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GetScimSettingsRpc, ScimSettingsChangedNotice, SYSTEM_ACTOR, type ScimSettingsView } from '@scim/contracts';
import { parseAllowlist, type AllowlistEntry } from '@scim/ip-allowlist';
import { NatsRpcClient } from '@scim/platform';
import { ExpiringCache } from './expiring-cache';
import { SharedReads } from './shared-reads';

/** A company's SCIM settings as the gate needs them, with the allowlist parsed once. */
export interface CompanyGateSettings {
  readonly settings: ScimSettingsView;
  /** Parsed entries (empty allows every address), or 'unusable' when stored entries no longer parse. */
  readonly allowlist: readonly AllowlistEntry[] | 'unusable';
  /** The company's own daily request limit; null: the installation's default. */
  readonly dailyRequestLimit: number | null;
}

const TTL_MS = 5_000;

/**
 * The gate reads a company's SCIM settings and request limit on every request; they are cached a few seconds,
 * and a change notice from settings-service drops the entry on every gateway at once. The next read asks for
 * the company's read model at or past the change, and a read already under way when the notice came is not
 * cached: it may hold what was there before. Requests that miss the cache together share one read, unless a
 * notice came after it started.
 */
@Injectable()
export class CompanyGateSettingsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new ExpiringCache<string, CompanyGateSettings | null>(TTL_MS);
  /** The latest change notice per company not yet read past (compared by identity). */
  private readonly changes = new Map<string, { readonly position: string | undefined }>();
  private readonly reads = new SharedReads<string, CompanyGateSettings | null>();
  /** Change notices heard so far (of any company): a read begun before the latest one is not joined. */
  private noticesHeard = 0;
  private stopListening: () => void = () => undefined;

  constructor(private readonly nats: NatsRpcClient) {}

  async forCompany(companyId: string, correlationId: string): Promise<CompanyGateSettings | null> {
    const cached = this.cache.get(companyId);
    if (cached !== undefined) return cached;
    const change = this.changes.get(companyId);
    return this.reads.read(companyId, this.noticesHeard, () => this.read(companyId, change, correlationId));
  }

  private async read(
    companyId: string,
    change: { readonly position: string | undefined } | undefined,
    correlationId: string,
  ): Promise<CompanyGateSettings | null> {
    const minPosition = change?.position;
    const { settings, dailyRequestLimit } = await this.nats.request(
      GetScimSettingsRpc,
      { companyId, ...(minPosition ? { minPosition } : {}) },
      { correlationId, actor: SYSTEM_ACTOR },
    );
    const gate = settings ? { settings, allowlist: allowlistOf(settings), dailyRequestLimit } : null;
    if (this.changes.get(companyId) === change) {
      this.changes.delete(companyId);
      this.cache.set(companyId, gate);
    }
    return gate;
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.listen(ScimSettingsChangedNotice, (notice) => {
      this.noticesHeard++;
      this.cache.delete(notice.companyId);
      this.changes.set(notice.companyId, { position: notice.position });
    });
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
