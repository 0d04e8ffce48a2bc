import { randomUUID } from 'node:crypto';
import { CompanyHistoryRpc, ListCompaniesRpc } from '../company/company.contracts';
import { GENESIS_HASH } from '../events/event-metadata';
import { ScimTokenHistoryRpc } from '../tokens/token.contracts';
import { DEFAULT_HISTORY_LIMIT, historyEntryOf, HistoryEntry, MAX_HISTORY_LIMIT } from './stream-history';

describe('stream history', () => {
  it('use the <service>.<resource>.<verb> subjects', () => {
    expect([ListCompaniesRpc, CompanyHistoryRpc, ScimTokenHistoryRpc].map((contract) => contract.subject)).toEqual([
      'settings.companies.list',
      'settings.companies.history',
      'tokens.history',
    ]);
  });

  it('requests default to the newest 50 events and refuse more than the maximum', () => {
    const companyId = randomUUID();
    expect(CompanyHistoryRpc.request.parse({ companyId })).toEqual({ companyId, limit: DEFAULT_HISTORY_LIMIT });
    expect(ScimTokenHistoryRpc.request.safeParse({ companyId, limit: MAX_HISTORY_LIMIT + 1 }).success).toBe(false);
    expect(ScimTokenHistoryRpc.request.safeParse({ companyId, limit: 0 }).success).toBe(false);
  });

  it('builds an entry from the event metadata: who, when, from where, in which request', () => {
    const entry = historyEntryOf(
      {
        streamName: 'scim-token-x',
        revision: 3n,
        type: 'ScimTokenIssued.v1',
        metadata: {
          $correlationId: 'req-1',
          $causationId: 'req-1',
          actor: { type: 'admin', id: 'admin' },
          sourceIp: '203.0.113.9',
          occurredAt: '2026-01-02T03:04:05.678Z',
          prevHash: GENESIS_HASH,
          metadataVersion: 1,
        },
      },
      'SCIM token issued (…abcd)',
    );
    expect(entry).toEqual({
      stream: 'scim-token-x',
      revision: 3,
      type: 'ScimTokenIssued.v1',
      occurredAt: '2026-01-02T03:04:05.678Z',
      actor: { type: 'admin', id: 'admin' },
      sourceIp: '203.0.113.9',
      requestOrigin: null,
      correlationId: 'req-1',
      summary: 'SCIM token issued (…abcd)',
    });
    expect(HistoryEntry.parse(entry)).toEqual(entry);
  });
});
