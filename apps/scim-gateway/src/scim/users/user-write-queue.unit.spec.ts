import { ScimError } from '@scim/scim';
import { MAX_WAITING_WRITES_PER_USER, UserWriteQueue } from './user-write-queue';

const ACME = '00000000-0000-4000-8000-00000000000a';
const GLOBEX = '00000000-0000-4000-8000-00000000000b';

/** A write that records when it starts and ends, and finishes when `finish` is called. */
function controlledWrite(log: string[], name: string) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return {
    write: async () => {
      log.push(`${name} starts`);
      await finished;
      log.push(`${name} ends`);
      return name;
    },
    finish: () => finish(),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('UserWriteQueue', () => {
  it("runs one user's writes one at a time, in the order they came", async () => {
    const queue = new UserWriteQueue();
    const log: string[] = [];
    const [first, second, third] = ['first', 'second', 'third'].map((name) => controlledWrite(log, name));
    const results = [first, second, third].map(({ write }) => queue.run(ACME, 'user-1', write));
    await turn();
    expect(log).toEqual(['first starts']);
    second.finish();
    third.finish();
    await turn();
    expect(log).toEqual(['first starts']);
    first.finish();
    expect(await Promise.all(results)).toEqual(['first', 'second', 'third']);
    expect(log).toEqual(['first starts', 'first ends', 'second starts', 'second ends', 'third starts', 'third ends']);
  });

  it('queues an id written in another case behind the same user', async () => {
    const queue = new UserWriteQueue();
    const log: string[] = [];
    const held = controlledWrite(log, 'lower');
    const running = queue.run(ACME, '2819c223-7f76-453a-919d-413861904646', held.write);
    const upper = queue.run(ACME, '2819C223-7F76-453A-919D-413861904646', async () => log.push('upper'));
    await turn();
    expect(log).toEqual(['lower starts']);
    held.finish();
    await Promise.all([running, upper]);
    expect(log).toEqual(['lower starts', 'lower ends', 'upper']);
  });

  it('lets writes to other users, and to the same id in another company, run meanwhile', async () => {
    const queue = new UserWriteQueue();
    const log: string[] = [];
    const held = controlledWrite(log, 'acme user-1');
    const running = queue.run(ACME, 'user-1', held.write);
    const others = [queue.run(ACME, 'user-2', async () => 'acme user-2'), queue.run(GLOBEX, 'user-1', async () => 'globex user-1')];
    expect(await Promise.all(others)).toEqual(['acme user-2', 'globex user-1']);
    held.finish();
    await running;
  });

  it('gives the next write its turn when one fails', async () => {
    const queue = new UserWriteQueue();
    const failing = queue.run(ACME, 'user-1', async () => {
      throw new Error('append failed');
    });
    const next = queue.run(ACME, 'user-1', async () => 'next');
    await expect(failing).rejects.toThrow('append failed');
    await expect(next).resolves.toBe('next');
  });

  it('refuses a write with a 503 once too many wait for the same user, and runs the rest', async () => {
    const queue = new UserWriteQueue();
    const held = controlledWrite([], 'held');
    const running = queue.run(ACME, 'user-1', held.write);
    const waiting = Array.from({ length: MAX_WAITING_WRITES_PER_USER + 1 }, (_, index) => queue.run(ACME, 'user-1', async () => index));
    const refused = await waiting[MAX_WAITING_WRITES_PER_USER]?.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ScimError);
    expect(refused).toMatchObject({ status: 503 });
    held.finish();
    await running;
    expect(await Promise.all(waiting.slice(0, MAX_WAITING_WRITES_PER_USER))).toEqual(Array.from({ length: MAX_WAITING_WRITES_PER_USER }, (_, index) => index));
  });
});
