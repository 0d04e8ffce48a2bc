import {
  DomainError,
  parseLogPosition,
  type CompanyView,
  type GetCompanyRpc,
  type GetScimSettingsRpc,
  type RpcReply,
  type RpcRequest,
  type ScimSettingsView,
} from '@scim/contracts';
import type { LogPosition } from '@scim/event-store';

/** What the queries read: the company read model. */
export interface CompanyReader {
  get(companyId: string): CompanyView | undefined;
}

export interface CompanyQueryServiceOptions {
  readonly reader: CompanyReader;
  /** Resolves true once the read model has reached the position (ProjectionRunner.waitUntil). */
  readonly waitUntil: (position: LogPosition, timeoutMs: number) => Promise<boolean>;
  /** How long a query with `minPosition` waits for its own write. Default 2000 ms. */
  readonly readYourWritesTimeoutMs?: number;
}

/**
 * Company queries from the read model. With `minPosition` they first wait (bounded) for the read model to
 * reach it; if it does not in time, a company that is not there yet is UNAVAILABLE (retry), not NOT_FOUND,
 * because it may well exist.
 */
export class CompanyQueryService {
  constructor(private readonly options: CompanyQueryServiceOptions) {}

  async getCompany(request: RpcRequest<typeof GetCompanyRpc>): Promise<RpcReply<typeof GetCompanyRpc>> {
    return { company: await this.company(request.companyId, request.minPosition) };
  }

  /** Null settings: the company exists but SCIM provisioning was never configured. */
  async getScimSettings(request: RpcRequest<typeof GetScimSettingsRpc>): Promise<RpcReply<typeof GetScimSettingsRpc>> {
    const company = await this.company(request.companyId, request.minPosition);
    const settings: ScimSettingsView | null = company.scimSettings;
    return { settings, dailyRequestLimit: company.scimDailyRequestLimit };
  }

  private async company(companyId: string, minPosition: string | undefined): Promise<CompanyView> {
    const caughtUp = minPosition === undefined || (await this.options.waitUntil(parseLogPosition(minPosition), this.timeoutMs));
    const company = this.options.reader.get(companyId);
    if (company) return company;
    if (!caughtUp) throw new DomainError('UNAVAILABLE', 'The company read model is catching up; try again');
    throw new DomainError('NOT_FOUND', `Company ${companyId} not found`, [{ path: 'companyId', message: 'no such company' }]);
  }

  private get timeoutMs(): number {
    return this.options.readYourWritesTimeoutMs ?? 2000;
  }
}
