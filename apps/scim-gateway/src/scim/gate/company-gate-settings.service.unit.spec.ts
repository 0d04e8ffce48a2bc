import { randomUUID } from 'node:crypto';
import { ScimSettingsChangedNotice, type ScimSettingsView } from '@scim/contracts';
import type { NatsRpcClient } from '@scim/platform';
import { CompanyGateSettingsService } from './company-gate-settings.service';

const companyId = randomUUID();
const settings: ScimSettingsView = { provisioningMethod: 'okta', defaultWorkspaceId: randomUUID(), serviceOrigin: null, ipAllowlist: [] };

/** A settings-service stand-in: answers GetScimSettings with the current limit, each call held until released. */
function fakeSettingsService() {
  let limit: number | null = null;
  let onNotice: (notice: ScimSettingsChangedNotice) => void = () => undefined;
  const calls: { request: { companyId: string; minPosition?: string }; release: () => void }[] = [];
  const nats = {
    request: (_rpc: unknown, request: { companyId: string; minPosition?: string }) => {
      const answer = { settings, dailyRequestLimit: limit };
      return new Promise((resolve) => calls.push({ request, release: () => resolve(answer) }));
    },
    listen: (_notice: unknown, listener: (notice: ScimSettingsChangedNotice) => void) => {
      onNotice = listener;
      return () => undefined;
    },
  } as unknown as NatsRpcClient;
  return {
    nats,
    calls,
    setLimit: (value: number | null) => (limit = value),
    notify: (position?: string) => onNotice({ companyId, position }),
  };
}

async function read(service: CompanyGateSettingsService, settingsService: ReturnType<typeof fakeSettingsService>) {
  const pending = service.forCompany(companyId, 'corr');
  await Promise.resolve();
  settingsService.calls.at(-1)?.release();
  return pending;
}

describe('CompanyGateSettingsService', () => {
  it('asks once, then answers from its cache, the request limit included', async () => {
    const settingsService = fakeSettingsService();
    settingsService.setLimit(3);
    const service = new CompanyGateSettingsService(settingsService.nats);
    service.onApplicationBootstrap();
    expect(await read(service, settingsService)).toMatchObject({ settings, dailyRequestLimit: 3 });
    expect(await service.forCompany(companyId, 'corr')).toMatchObject({ dailyRequestLimit: 3 });
    expect(settingsService.calls).toHaveLength(1);
    expect(settingsService.calls[0].request).toEqual({ companyId });
  });

  it('asks once for requests that miss the cache together', async () => {
    const settingsService = fakeSettingsService();
    settingsService.setLimit(4);
    const service = new CompanyGateSettingsService(settingsService.nats);
    service.onApplicationBootstrap();
    const together = Array.from({ length: 20 }, () => service.forCompany(companyId, 'corr'));
    expect(settingsService.calls).toHaveLength(1);
    settingsService.calls[0].release();
    for (const gate of await Promise.all(together)) expect(gate).toMatchObject({ dailyRequestLimit: 4 });
  });

  it('after a change notice, asks again no older than the change', async () => {
    const settingsService = fakeSettingsService();
    const service = new CompanyGateSettingsService(settingsService.nats);
    service.onApplicationBootstrap();
    await read(service, settingsService);
    settingsService.setLimit(10);
    settingsService.notify('42/42');
    expect(await read(service, settingsService)).toMatchObject({ dailyRequestLimit: 10 });
    expect(settingsService.calls[1].request).toEqual({ companyId, minPosition: '42/42' });
    // Read past the change: cached again, and later reads no longer wait for it.
    await service.forCompany(companyId, 'corr');
    expect(settingsService.calls).toHaveLength(2);
  });

  it('does not cache a read that was under way when a change notice came', async () => {
    const settingsService = fakeSettingsService();
    const service = new CompanyGateSettingsService(settingsService.nats);
    service.onApplicationBootstrap();
    const stale = service.forCompany(companyId, 'corr');
    settingsService.notify('7/7');
    settingsService.setLimit(5);
    // Asked after the notice: not joined to the read under way, which may predate the change.
    const afterNotice = service.forCompany(companyId, 'corr');
    expect(settingsService.calls).toHaveLength(2);
    settingsService.calls[0].release();
    settingsService.calls[1].release();
    expect(await stale).toMatchObject({ dailyRequestLimit: null });
    expect(await afterNotice).toMatchObject({ dailyRequestLimit: 5 });
    expect(await service.forCompany(companyId, 'corr')).toMatchObject({ dailyRequestLimit: 5 });
    expect(settingsService.calls.map((call) => call.request.minPosition)).toEqual([undefined, '7/7']);
  });
});
