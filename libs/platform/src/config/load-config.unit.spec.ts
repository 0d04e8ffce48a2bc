import { z } from 'zod';
import { booleanField, eventStoreUrlField, natsUrlField, portField } from './env-fields';
import { ConfigError, configVariables, loadConfig } from './load-config';

const Schema = z.object({
  NATS_URL: natsUrlField,
  EVENT_STORE_URL: eventStoreUrlField,
  PORT: portField.default(3000),
  VERBOSE: booleanField.default(false),
});

describe('loadConfig', () => {
  const valid = { NATS_URL: 'nats://127.0.0.1:4222', EVENT_STORE_URL: 'esdb://127.0.0.1:2113?tls=false' };

  it('parses and applies defaults', () => {
    expect(loadConfig(Schema, valid)).toEqual({
      NATS_URL: ['nats://127.0.0.1:4222'],
      EVENT_STORE_URL: 'esdb://127.0.0.1:2113?tls=false',
      PORT: 3000,
      VERBOSE: false,
    });
  });

  it('splits several NATS servers and coerces numbers and booleans', () => {
    const config = loadConfig(Schema, { ...valid, NATS_URL: 'nats://a:4222, nats://b:4222', PORT: '8080', VERBOSE: 'yes' });
    expect(config.NATS_URL).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(config.PORT).toBe(8080);
    expect(config.VERBOSE).toBe(true);
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig(Schema, { EVENT_STORE_URL: valid.EVENT_STORE_URL })).toThrow(
      new ConfigError('Invalid configuration: NATS_URL is required (e.g. nats://127.0.0.1:4222)'),
    );
  });

  it('names every bad variable, each with the reason', () => {
    let message = '';
    try {
      loadConfig(Schema, { NATS_URL: 'http://x', EVENT_STORE_URL: 'postgres://x', PORT: '70000' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toMatch(/NATS_URL must be a comma-separated list of nats:\/\/ URLs/);
    expect(message).toMatch(/EVENT_STORE_URL must start with esdb:\/\//);
    expect(message).toMatch(/PORT /);
  });

  it('accepts kurrentdb:// event store URLs', () => {
    expect(loadConfig(Schema, { ...valid, EVENT_STORE_URL: 'kurrentdb://h:2113?tls=false' }).EVENT_STORE_URL).toBe(
      'kurrentdb://h:2113?tls=false',
    );
  });

  it('lists the variables a schema knows and which are required', () => {
    expect(configVariables(Schema)).toEqual([
      { name: 'NATS_URL', required: true },
      { name: 'EVENT_STORE_URL', required: true },
      { name: 'PORT', required: false },
      { name: 'VERBOSE', required: false },
    ]);
  });
});
