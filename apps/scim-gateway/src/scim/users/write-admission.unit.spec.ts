import { ScimError } from '@scim/scim';
import { WriteAdmission } from './write-admission';

function held() {
  let release: () => void = () => undefined;
  const done = new Promise<string>((resolve) => (release = () => resolve('done')));
  return { done, release };
}

describe('WriteAdmission', () => {
  it('runs at most SCIM_WRITES_IN_FLIGHT writes at once; the next one runs as soon as one finishes', async () => {
    const admission = new WriteAdmission({ SCIM_WRITES_IN_FLIGHT: 2, SCIM_WRITE_WAIT_MS: 60_000, NATS_REQUEST_TIMEOUT_MS: 120_000 });
    const writes = [held(), held(), held()];
    const started: number[] = [];
    const outcomes = writes.map((write, index) =>
      admission.admit(() => {
        started.push(index);
        return write.done;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    writes[1]?.release();
    await outcomes[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    writes[0]?.release();
    writes[2]?.release();
    expect(await Promise.all(outcomes)).toEqual(['done', 'done', 'done']);
  });

  it('refuses a write that gets no turn in time with 503 and never sends it', async () => {
    const admission = new WriteAdmission({ SCIM_WRITES_IN_FLIGHT: 1, SCIM_WRITE_WAIT_MS: 20, NATS_REQUEST_TIMEOUT_MS: 5_000 });
    const holding = held();
    const first = admission.admit(() => holding.done);
    const waiting = jest.fn(async () => 'sent');
    const refused = await admission.admit(waiting).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ScimError);
    expect(refused).toMatchObject({ status: 503, detail: expect.stringContaining('nothing was changed') });
    expect(waiting).not.toHaveBeenCalled();
    holding.release();
    expect(await first).toBe('done');
    // The refused write's place was given back: the next one runs.
    expect(await admission.admit(async () => 'next')).toBe('next');
  });

  it("passes a write's own failure on and frees its turn", async () => {
    const admission = new WriteAdmission({ SCIM_WRITES_IN_FLIGHT: 1, SCIM_WRITE_WAIT_MS: 60_000, NATS_REQUEST_TIMEOUT_MS: 120_000 });
    const failure = new Error('conflict');
    await expect(admission.admit(async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await admission.admit(async () => 'after')).toBe('after');
  });
});
