import { resolve } from 'node:path';
import { parseCliArgs } from './cli';

describe('esdb-lite command arguments', () => {
  it('defaults to 127.0.0.1:2113 with ./data/events.db, synchronous=normal and BatchAppend on', () => {
    expect(parseCliArgs([])).toEqual({
      port: 2113,
      host: '127.0.0.1',
      dataFile: resolve('./data/events.db'),
      synchronous: 'normal',
      batchAppend: true,
      logLevel: 'info',
    });
  });

  it('takes a port, host, data file, sync mode, log level and the BatchAppend switch', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--data',
        '/var/lib/esdb/events.db',
        '--sync',
        'full',
        '--no-batch-append',
        '--log-level',
        'debug',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataFile: '/var/lib/esdb/events.db',
      synchronous: 'full',
      batchAppend: false,
      logLevel: 'debug',
    });
  });

  it('keeps events in memory with --memory', () => {
    expect(parseCliArgs(['--memory', '--data', 'ignored.db'])).toMatchObject({ dataFile: ':memory:' });
  });

  it('answers --help with help', () => {
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--sync', 'sometimes'], /--sync/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
