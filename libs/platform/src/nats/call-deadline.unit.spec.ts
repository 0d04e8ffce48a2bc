import { ContextHeader } from '@scim/contracts';
import { headers as natsHeaders } from 'nats';
import { CallDeadline, CallerStoppedWaiting, deadlineHeaderValue, SERVICE_SHARE_OF_TIMEOUT } from './call-deadline';

function withDeadline(value: string) {
  const headers = natsHeaders();
  headers.set(ContextHeader.deadline, value);
  return headers;
}

describe('CallDeadline', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('is read from the header as the caller sent it, and expires once the clock passes it', () => {
    const deadline = CallDeadline.fromHeaders(withDeadline('1000500'), clock);
    expect(deadline.at).toBe(1_000_500);
    expect(deadline.expired).toBe(false);
    expect(() => deadline.throwIfExpired()).not.toThrow();
    now = 1_000_500;
    expect(deadline.expired).toBe(false);
    now = 1_000_501;
    expect(deadline.expired).toBe(true);
    expect(() => deadline.throwIfExpired()).toThrow(CallerStoppedWaiting);
  });

  it('never expires without a header, or with one that is not a time', () => {
    now = Number.MAX_SAFE_INTEGER;
    for (const deadline of [
      CallDeadline.fromHeaders(undefined, clock),
      CallDeadline.fromHeaders(natsHeaders(), clock),
      CallDeadline.fromHeaders(withDeadline(''), clock),
      CallDeadline.fromHeaders(withDeadline('-5'), clock),
      CallDeadline.fromHeaders(withDeadline('12.5'), clock),
      CallDeadline.fromHeaders(withDeadline('1e3'), clock),
      CallDeadline.fromHeaders(withDeadline('9'.repeat(16)), clock),
    ]) {
      expect(deadline.at).toBeUndefined();
      expect(deadline.expired).toBe(false);
    }
  });

  it('refuses as UNAVAILABLE, the code of the caller\'s own timeout', () => {
    expect(new CallerStoppedWaiting().toEnvelope()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('nothing was changed') });
  });

  it('gives the service its share of the time the caller waits', () => {
    expect(SERVICE_SHARE_OF_TIMEOUT).toBeLessThan(1);
    expect(deadlineHeaderValue(5_000, 1_000_000)).toBe(String(1_000_000 + 5_000 * SERVICE_SHARE_OF_TIMEOUT));
    expect(Number(deadlineHeaderValue(5_000, 1_000_000))).toBeLessThan(1_005_000);
  });
});
