import { randomUUID } from 'node:crypto';
import { eventOf, USER_NAME_RESERVATION_EVENT_DEFINITIONS, UserNameReleased, UserNameReserved, userNameSha256 } from '@scim/contracts';
import { deciderSpec } from '@scim/event-store';
import { userNameReservationDecider } from './user-name-reservation.decider';

const spec = deciderSpec(userNameReservationDecider, { events: USER_NAME_RESERVATION_EVENT_DEFINITIONS });
const hash = userNameSha256('jane@example.com');
const companyId = randomUUID();
const jane = randomUUID();
const other = randomUUID();
const at = '2025-01-01T00:00:00.000Z';

const reservedByJane = eventOf(UserNameReserved, { userNameSha256: hash, userId: jane, companyId, occurredAt: at });
const releasedByJane = eventOf(UserNameReleased, { userNameSha256: hash, userId: jane, companyId, occurredAt: at });

describe('userName reservation decider', () => {
  it('reserves a free name', () => {
    const state = spec
      .given([])
      .when({ type: 'ReserveUserName', userNameSha256: hash, userId: jane, companyId, occurredAt: at })
      .then([reservedByJane]);
    expect(state.holder).toEqual({ userId: jane, companyId, reservedAt: at });
  });

  it('lets the holder claim again (a retried create) without a new event', () => {
    spec.given([reservedByJane]).when({ type: 'ReserveUserName', userNameSha256: hash, userId: jane, companyId, occurredAt: at }).thenNothing();
  });

  it('refuses another user with UNIQUENESS, saying nothing about the holder', () => {
    const error = spec
      .given([reservedByJane])
      .when({ type: 'ReserveUserName', userNameSha256: hash, userId: other, companyId: randomUUID(), occurredAt: at })
      .thenThrows({ code: 'UNIQUENESS' });
    expect(JSON.stringify(error)).not.toContain(companyId);
    expect((error as Error).message).not.toContain(companyId);
  });

  it('takes over from a holder the caller found releasable, recording whom it replaced', () => {
    spec
      .given([reservedByJane])
      .when({ type: 'ReserveUserName', userNameSha256: hash, userId: other, companyId, releasableHolder: jane, occurredAt: at })
      .then([eventOf(UserNameReserved, { userNameSha256: hash, userId: other, companyId, takesOverFrom: jane, occurredAt: at })]);
  });

  it('releases only for the holder; a released name is free again', () => {
    spec.given([reservedByJane]).when({ type: 'ReleaseUserName', userNameSha256: hash, userId: other, occurredAt: at }).thenNothing();
    const state = spec.given([reservedByJane]).when({ type: 'ReleaseUserName', userNameSha256: hash, userId: jane, occurredAt: at }).then([releasedByJane]);
    expect(state.holder).toBeNull();
    spec
      .given([reservedByJane, releasedByJane])
      .when({ type: 'ReserveUserName', userNameSha256: hash, userId: other, companyId, occurredAt: at })
      .then([eventOf(UserNameReserved, { userNameSha256: hash, userId: other, companyId, occurredAt: at })]);
  });
});
