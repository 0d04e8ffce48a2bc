import { randomUUID } from 'node:crypto';
import {
  CompanyRegistered,
  eventOf,
  GENESIS_HASH,
  RoleRenamed,
  ScimDailyRequestLimitSet,
  ScimProvisioningConfigured,
  WorkspaceAdded,
  type EventMetadata,
} from '@scim/contracts';
import { companyHistoryEntry, summariseCompanyEvent } from './company-history';

const companyId = randomUUID();
const metadata: EventMetadata = {
  $correlationId: 'corr-7',
  $causationId: 'corr-7',
  actor: { type: 'admin', id: 'admin' },
  sourceIp: '198.51.100.4',
  requestOrigin: 'admin.example.com',
  occurredAt: '2026-03-01T10:00:00.000Z',
  prevHash: GENESIS_HASH,
  metadataVersion: 1,
};

describe('company history', () => {
  it('summarises each kind of company event in one line', () => {
    expect(summariseCompanyEvent(eventOf(CompanyRegistered, { companyId, name: 'Acme' }))).toBe('Company registered: Acme');
    expect(summariseCompanyEvent(eventOf(WorkspaceAdded, { companyId, workspaceId: randomUUID(), name: 'EU' }))).toBe(
      'Workspace added: EU',
    );
    expect(
      summariseCompanyEvent(eventOf(RoleRenamed, { companyId, roleId: randomUUID(), name: 'Owners', previousName: 'Admins' })),
    ).toBe('Role renamed: Admins → Owners');
  });

  it('summarises SCIM settings with method, origin and the size of the allowlist', () => {
    const configured = (ipAllowlist: string[], serviceOrigin: string | null) =>
      summariseCompanyEvent(
        eventOf(ScimProvisioningConfigured, {
          companyId,
          provisioningMethod: serviceOrigin ? 'custom' : 'okta',
          defaultWorkspaceId: randomUUID(),
          serviceOrigin,
          ipAllowlist,
        }),
      );
    expect(configured([], 'idp.example.com')).toBe('SCIM settings saved: method custom, origin idp.example.com, any IP');
    expect(configured(['203.0.113.0/24'], null)).toBe('SCIM settings saved: method okta, origin (none), 1 IP allowlist entry');
    expect(configured(['203.0.113.0/24', '::1'], 'a.example')).toContain('2 IP allowlist entries');
  });

  it('summarises a daily SCIM request limit with the one before, null as the default', () => {
    const limitSet = (dailyRequestLimit: number | null, previousDailyRequestLimit: number | null) =>
      summariseCompanyEvent(eventOf(ScimDailyRequestLimitSet, { companyId, dailyRequestLimit, previousDailyRequestLimit }));
    expect(limitSet(20_000, null)).toBe('SCIM request limit: the default → 20,000 a day');
    expect(limitSet(null, 3)).toBe('SCIM request limit: 3 a day → the default');
  });

  it('turns a recorded event into an entry carrying its metadata', () => {
    const event = eventOf(CompanyRegistered, { companyId, name: 'Acme' });
    expect(companyHistoryEntry({ ...event, streamName: `company-${companyId}`, revision: 0n, metadata })).toEqual({
      stream: `company-${companyId}`,
      revision: 0,
      type: 'CompanyRegistered.v1',
      occurredAt: metadata.occurredAt,
      actor: metadata.actor,
      sourceIp: '198.51.100.4',
      requestOrigin: 'admin.example.com',
      correlationId: 'corr-7',
      summary: 'Company registered: Acme',
    });
  });
});
