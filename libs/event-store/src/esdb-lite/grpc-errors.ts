import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/**
 * Call-level errors in EventStoreDB's shape: a gRPC status plus the trailing metadata (`exception`,
 * `stream-name`, ...) that the client's `convertToCommandError` turns into its typed errors.
 */

function serviceError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const streamDeletedError = (stream: string): ServiceError =>
  serviceError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });

/** Delete/Tombstone report a wrong expected version as an error (Append answers it in its response). */
export const wrongExpectedVersionError = (
  operation: 'Delete' | 'Tombstone',
  stream: string,
  expectedInt64: number,
  currentRevision: number,
): ServiceError =>
  serviceError(
    status.FAILED_PRECONDITION,
    `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expectedInt64}, ` +
      `Actual version: ${currentRevision}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': String(expectedInt64),
      'actual-version': currentRevision < 0 ? '' : String(currentRevision),
    },
  );

export const maximumAppendSizeExceededError = (maxAppendSize: number): ServiceError =>
  serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const missingMetadataError = (): ServiceError =>
  serviceError(status.INVALID_ARGUMENT, 'Required Metadata Properties Missing: type, content-type', {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const invalidArgumentError = (details: string): ServiceError => serviceError(status.INVALID_ARGUMENT, details);

export const unavailableError = (details = 'Server is shutting down.'): ServiceError =>
  serviceError(status.UNAVAILABLE, details);

export const internalError = (details: string): ServiceError => serviceError(status.INTERNAL, details);
