import { DEFAULT_EVENT_STORE_URL } from '@scim/event-store';
import { UsageError, parseAuditArgs } from './cli-args';

describe('parseAuditArgs', () => {
  it('reads stream and verify, with the URL from EVENT_STORE_URL or the default', () => {
    expect(parseAuditArgs(['stream', 'company-1'], {})).toEqual({ command: 'stream', stream: 'company-1', url: DEFAULT_EVENT_STORE_URL, format: 'table' });
    expect(parseAuditArgs(['stream', 'company-1', '--json'], { EVENT_STORE_URL: 'kurrentdb://db:2113' })).toEqual({
      command: 'stream',
      stream: 'company-1',
      url: 'kurrentdb://db:2113',
      format: 'jsonl',
    });
    expect(parseAuditArgs(['verify', '--url', 'esdb://x:1?tls=false', 'company-1'], { EVENT_STORE_URL: 'esdb://y' })).toEqual({
      command: 'verify',
      stream: 'company-1',
      url: 'esdb://x:1?tls=false',
    });
    expect(parseAuditArgs(['verify', 'company-1', '--url=esdb://z'], {})).toMatchObject({ url: 'esdb://z' });
  });

  it('answers help for no arguments or -h', () => {
    expect(parseAuditArgs([], {})).toEqual({ command: 'help' });
    expect(parseAuditArgs(['stream', 'x', '--help'], {})).toEqual({ command: 'help' });
  });

  it.each([
    [['export', 'x']],
    [['stream']],
    [['stream', 'a', 'b']],
    [['stream', 'a', '--colour']],
    [['verify', 'a', '--json']],
    [['verify', 'a', '--url']],
  ])('refuses %j', (argv) => {
    expect(() => parseAuditArgs(argv, {})).toThrow(UsageError);
  });
});
