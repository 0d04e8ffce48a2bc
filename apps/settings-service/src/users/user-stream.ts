import { dashboardUserStreamName, formatLogPosition, type LogPositionText } from '@scim/contracts';
import { loadStream, type EventStorePort, type LoadedStream } from '@scim/event-store';
import type { UserKeyStore } from './crypto/user-key-store';
import { sealingDecider } from './dashboard-user-event-codec';
import type { DashboardUser, DashboardUserState } from './dashboard-user.model';

/** The user's stream as stored now, opened with the user's key (its personal data is null once the key is gone). */
export async function loadUserStream(store: EventStorePort, keys: UserKeyStore, userId: string): Promise<LoadedStream<DashboardUserState>> {
  return loadStream(store, dashboardUserStreamName(userId), sealingDecider(await keys.findForUser(userId)));
}

export interface LiveUser {
  readonly user: DashboardUser;
  readonly revision: number;
  /** Log position of the stream's last event. */
  readonly position: LogPositionText | null;
}

/** The live user of `companyId` in a loaded stream; undefined when absent, ended, abandoned or another company's. */
export function liveUserIn(loaded: LoadedStream<DashboardUserState>, companyId: string): LiveUser | undefined {
  const { state, revision } = loaded;
  if (state.status !== 'live' || state.user.companyId !== companyId || revision === 'no_stream') return undefined;
  const last = loaded.events.at(-1);
  return { user: state.user, revision: Number(revision), position: last ? formatLogPosition(last.position) : null };
}
