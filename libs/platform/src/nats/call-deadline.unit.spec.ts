import { ContextHeader } from '@scim/contracts';
import { headers as natsHeaders } from 'nats';
import { CallDeadline, CallerStoppedWaiting, SERVICE_SHARE_OF_TIMEOUT, timeoutHeaderValue } from './call-deadline';

function withTimeout(value: string) {
  const headers = natsHeaders();
  headers.set(ContextHeader.timeoutMs, value);
  return headers;
}

describe('CallDeadline', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('counts the caller\'s timeout from when the request is read, and expires once it is used up', () => {
    now = 1_000_000;
    const deadline = CallDeadline.fromHeaders(withTimeout('500'), clock);
    expect(deadline.at).toBe(1_000_500);
    now = 1_000_499;
    expect(deadline.expired).toBe(false);
    expect(() => deadline.throwIfExpired()).not.toThrow();
    now = 1_000_500;
    expect(deadline.expired).toBe(true);
    expect(() => deadline.throwIfExpired()).toThrow(CallerStoppedWaiting);
  });

  it('has expired at once for a caller with no time left', () => {
    expect(CallDeadline.fromHeaders(withTimeout('0'), clock).expired).toBe(true);
  });

  it('never expires without a header, or with one that is not a duration', () => {
    for (const value of ['', '-5', '12.5', '1e3', '9'.repeat(10), 'soon']) {
      now = 0;
      const deadline = CallDeadline.fromHeaders(withTimeout(value), clock);
      now = Number.MAX_SAFE_INTEGER;
      expect(deadline.at).toBeUndefined();
      expect(deadline.expired).toBe(false);
    }
    expect(CallDeadline.fromHeaders(undefined, clock).expired).toBe(false);
    expect(CallDeadline.fromHeaders(natsHeaders(), clock).expired).toBe(false);
    expect(CallDeadline.none.expired).toBe(false);
  });

  it('refuses as UNAVAILABLE, the code of the caller\'s own timeout', () => {
    expect(new CallerStoppedWaiting().toEnvelope()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('nothing was changed') });
  });

  it('gives the service its share of the time the caller waits, keeping the rest for the way back', () => {
    expect(SERVICE_SHARE_OF_TIMEOUT).toBeLessThan(1);
    expect(timeoutHeaderValue(5_000)).toBe(String(5_000 * SERVICE_SHARE_OF_TIMEOUT));
    expect(timeoutHeaderValue(1)).toBe('0');
  });
});
