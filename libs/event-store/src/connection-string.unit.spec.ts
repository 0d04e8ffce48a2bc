import { EventStoreDBClient } from '@eventstore/db-client';
import { DEFAULT_EVENT_STORE_URL, InvalidEventStoreUrl, toEsdbConnectionString } from './connection-string';

describe('toEsdbConnectionString', () => {
  it.each([
    ['esdb://127.0.0.1:2113?tls=false', 'esdb://127.0.0.1:2113?tls=false'],
    ['esdb+discover://cluster.example.com:2113', 'esdb+discover://cluster.example.com:2113'],
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['KurrentDB://admin:changeit@localhost:2113?tls=true', 'esdb://admin:changeit@localhost:2113?tls=true'],
    ['kurrentdb+discover://a:2113,b:2113,c:2113?nodePreference=leader', 'esdb+discover://a:2113,b:2113,c:2113?nodePreference=leader'],
    ['  esdb://host  ', 'esdb://host'],
  ])('given %s, it gives %s', (input, expected) => {
    expect(toEsdbConnectionString(input)).toBe(expected);
  });

  it('gives strings the client itself accepts', () => {
    const client = EventStoreDBClient.connectionString(toEsdbConnectionString('kurrentdb://localhost:2113?tls=false'));
    expect(client).toBeInstanceOf(EventStoreDBClient);
    expect(() => EventStoreDBClient.connectionString('kurrentdb://localhost:2113?tls=false')).toThrow();
    expect(EventStoreDBClient.connectionString(DEFAULT_EVENT_STORE_URL)).toBeInstanceOf(EventStoreDBClient);
  });

  it.each(['http://localhost:2113', 'localhost:2113', 'kurrent://localhost:2113', 'esdb://', 'esdb://?tls=false', 'esdb://a,,b'])(
    'refuses %s',
    (input) => {
      expect(() => toEsdbConnectionString(input)).toThrow(InvalidEventStoreUrl);
    },
  );

  it('does not repeat credentials in its error message', () => {
    expect(() => toEsdbConnectionString('https://admin:secret@host:2113')).toThrow(/\*\*\*@host/);
    expect(() => toEsdbConnectionString('https://admin:secret@host:2113')).not.toThrow(/secret/);
  });
});
