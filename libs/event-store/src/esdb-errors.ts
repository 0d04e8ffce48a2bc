import {
  CancelledError,
  DeadlineExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import { EventStoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from './errors';
import type { ExpectedRevision } from './port';

const GRPC_UNAVAILABLE = 14;
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Translates @eventstore/db-client errors into ours; anything else is returned unchanged. */
export function mapEsdbError(error: unknown, stream?: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = typeof error.actualVersion === 'bigint' && error.actualVersion < 0n ? 'no_stream' : error.actualVersion;
    return new WrongExpectedVersion(error.streamName || (stream ?? ''), normaliseExpected(error.expectedVersion), actual, {
      cause: error,
    });
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(stream ?? error.streamName, { cause: error });
  if (error instanceof StreamDeletedError) return new StreamDeleted(error.streamName || (stream ?? ''), { cause: error });
  if (isUnavailable(error)) {
    return new EventStoreUnavailable(`Event store unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

/** Connection-level failures: the call may be repeated once the server is back. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailable) return true;
  if (error instanceof UnavailableError || error instanceof CancelledError || error instanceof DeadlineExceededError) return true;
  if (error instanceof Error && !isCommandError(error) && 'code' in error) {
    const { code } = error as { code: unknown };
    return code === GRPC_UNAVAILABLE || code === GRPC_CANCELLED || code === GRPC_DEADLINE_EXCEEDED;
  }
  return false;
}

/** Deletes report expectations as EventStoreDB's int64 codes (-1 no stream, -2 any, -4 stream exists). */
function normaliseExpected(expected: ExpectedRevision): ExpectedRevision {
  if (typeof expected !== 'bigint' || expected >= 0n) return expected;
  if (expected === -1n) return 'no_stream';
  if (expected === -4n) return 'stream_exists';
  return 'any';
}
