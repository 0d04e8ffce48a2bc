import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { StreamDeletedError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from './errors';
import { isUnavailable, mapEsdbError } from './esdb-errors';

function serviceError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

describe('mapEsdbError', () => {
  it('maps an append WrongExpectedVersionError with its fields', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 'no_stream', current: 3n });
    const mapped = mapEsdbError(error, 's-1');
    expect(mapped).toBeInstanceOf(WrongExpectedVersion);
    expect(mapped).toMatchObject({ stream: 's-1', expected: 'no_stream', actual: 3n });
  });

  it('maps a delete WrongExpectedVersionError, whose expectations come as int64 codes', () => {
    const raw = serviceError(status.FAILED_PRECONDITION, 'Delete failed due to WrongExpectedVersion.', {
      exception: 'wrong-expected-version',
      'stream-name': 's-2',
      'expected-version': '-2',
      'actual-version': '',
    });
    const mapped = mapEsdbError(new WrongExpectedVersionError(raw), 's-2');
    expect(mapped).toMatchObject({ stream: 's-2', expected: 'any', actual: 'no_stream' });
    const noStream = new WrongExpectedVersionError({ ...raw, metadata: withTrailer(raw.metadata, 'expected-version', '-1') });
    expect(mapEsdbError(noStream)).toMatchObject({ expected: 'no_stream' });
  });

  it('maps stream not found, stream deleted and unavailable', () => {
    expect(mapEsdbError(new StreamNotFoundError(undefined, 's-3'), 's-3')).toEqual(new StreamNotFound('s-3'));
    expect(mapEsdbError(StreamDeletedError.fromStreamName('s-4'))).toBeInstanceOf(StreamDeleted);
    expect(mapEsdbError(StreamDeletedError.fromStreamName('s-4'))).toMatchObject({ stream: 's-4' });
    expect(mapEsdbError(new UnavailableError(serviceError(status.UNAVAILABLE, 'No connection established')))).toBeInstanceOf(
      EventStoreUnavailable,
    );
    expect(mapEsdbError(serviceError(status.UNAVAILABLE, 'connect ECONNREFUSED'))).toBeInstanceOf(EventStoreUnavailable);
  });

  it('leaves other errors alone', () => {
    const error = new TypeError('bug');
    expect(mapEsdbError(error)).toBe(error);
    expect(isUnavailable(error)).toBe(false);
    expect(isUnavailable(serviceError(status.INVALID_ARGUMENT, 'bad'))).toBe(false);
  });
});

function withTrailer(metadata: Metadata, key: string, value: string): Metadata {
  const copy = metadata.clone();
  copy.set(key, value);
  return copy;
}
