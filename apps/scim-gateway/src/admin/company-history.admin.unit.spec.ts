import type { HistoryEntry } from '@scim/contracts';
import { newestFirst } from './company-history.admin.controller';

const entry = (stream: string, revision: number, occurredAt: string): HistoryEntry => ({
  stream,
  revision,
  type: 'X.v1',
  occurredAt,
  actor: { type: 'admin', id: 'admin' },
  sourceIp: null,
  requestOrigin: null,
  correlationId: 'c',
  summary: '',
});

describe('newestFirst', () => {
  it('orders both streams by time, newest first, and events of one append by revision', () => {
    const merged = newestFirst([
      entry('company-1', 0, '2026-01-01T00:00:00.000Z'),
      entry('company-1', 1, '2026-01-01T00:00:02Z'),
      entry('scim-token-1', 0, '2026-01-01T00:00:01.500Z'),
      entry('scim-token-1', 1, '2026-01-01T00:00:03.000Z'),
      entry('scim-token-1', 2, '2026-01-01T00:00:03.000Z'),
    ]);
    expect(merged.map((e) => `${e.stream}@${e.revision}`)).toEqual([
      'scim-token-1@2',
      'scim-token-1@1',
      'company-1@1',
      'scim-token-1@0',
      'company-1@0',
    ]);
  });
});
