import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The server version esdb-lite claims: the client gates some features on it. */
export const ESDB_LITE_SERVER_VERSION = '24.10.0';

const STREAMS = 'event_store.client.streams.streams';

/**
 * `ServerFeatures.GetSupportedMethods`. The client asks once per channel (from appendToStream) and uses
 * BatchAppend only when it is listed, so switching it off here runs the plain Append path.
 */
export function serverFeaturesHandler(options: { batchAppend: boolean }) {
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    const methods: Array<[service: string, method: string, features: string[]]> = [
      [STREAMS, 'read', ['position', 'events']],
      [STREAMS, 'append', []],
      [STREAMS, 'delete', []],
      [STREAMS, 'tombstone', []],
      ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
    ];
    if (options.batchAppend) methods.push([STREAMS, 'batchappend', ['deadline_duration']]);
    const response = new SupportedMethods();
    response.setEventStoreServerVersion(ESDB_LITE_SERVER_VERSION);
    for (const [service, method, features] of methods) {
      const supported = new SupportedMethod();
      supported.setServiceName(service);
      supported.setMethodName(method);
      supported.setFeaturesList(features);
      response.addMethods(supported);
    }
    callback(null, response);
  };
}
