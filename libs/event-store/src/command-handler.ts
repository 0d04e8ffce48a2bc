import type { RequestContext } from '@scim/contracts';
import { eventIdFor } from './deterministic-id';
import { ConcurrencyConflict, StreamNotFound, WrongExpectedVersion } from './errors';
import { hashRecordedEvent, GENESIS_HASH } from './hash-chain';
import type { EventStorePort, LogPosition, ProposedEvent, RecordedEvent } from './port';

/** The `{ type, data }` a decider emits and folds. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Pure domain logic of one stream: decide(command, state) -> events, evolve(state, event) -> state. */
export interface Decider<TState, TCommand, TEvent extends DomainEvent> {
  decide(command: TCommand, state: TState): readonly TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

export interface HandleCommandOptions<TState, TCommand, TEvent extends DomainEvent> {
  readonly store: EventStorePort;
  readonly stream: string;
  readonly decider: Decider<TState, TCommand, TEvent>;
  readonly command: TCommand;
  /** Unique per command (a retry of the same command reuses it): event ids are derived from it. */
  readonly commandId: string;
  readonly context: RequestContext;
  /**
   * Pins the revision the caller saw (an If-Match ETag; `no_stream` for "must not exist yet"). A pinned
   * command is never retried: a mismatch is a ConcurrencyConflict with `pinned: true`. A stream pinned to
   * `no_stream` is not read first: the first attempt decides on the empty stream and its append checks that
   * the stream is new. Only that append is taken on trust: a refusal or "nothing to do" on the assumed empty
   * stream reads the stream and decides again.
   */
  readonly expectedRevision?: bigint | 'no_stream';
  /**
   * The stream at a revision as the caller already has it (a read model's copy). When that revision is the
   * pinned one, the first attempt decides on it without reading the stream, and, as with `no_stream`, only its
   * append is taken on trust: the expected revision and `headHash` go with it, so it cannot land on a stream
   * that moved. A refusal, "nothing to do" or a failed append reads the stream and decides again, so the outcome
   * is the one a read would have given; a retried command id included, since its earlier events put the
   * stream past the pinned revision. What it saves is the stream read and its fold, which grow with the stream.
   * Without a pin it is not used: a command retried after another write would find the copy at the new head, with
   * nothing to show it already ran, and apply again; only the stream holds its earlier events.
   */
  readonly known?: KnownStreamHead<TState>;
  /** Retries after a WrongExpectedVersion when nothing is pinned. Default 3. */
  readonly maxRetries?: number;
  /** Called before each append; what it throws ends the command with nothing appended (a caller that stopped waiting). */
  readonly beforeAppend?: () => void;
}

/** A stream's state at `revision`, and the hash of its event at that revision (hash-chain.ts). */
export interface KnownStreamHead<TState> {
  readonly state: TState;
  readonly revision: bigint;
  readonly headHash: string;
}

export interface HandleCommandResult<TState, TEvent extends DomainEvent> {
  /** The events appended (empty when the decider had nothing to do), with their ids. */
  readonly events: readonly (TEvent & { readonly id: string })[];
  readonly state: TState;
  /** The stream's revision after the command: the next expected revision (its ETag). */
  readonly nextExpectedRevision: bigint | 'no_stream';
  /** Log position of the last appended event; undefined when nothing was appended. */
  readonly position: LogPosition | undefined;
}

/**
 * Reads the stream, folds it with `evolve`, runs `decide` and appends with the revision it read. Event ids
 * come from the command id: when the stream already holds this command's events (a retry after a lost
 * reply), they are returned instead of deciding again.
 * On a concurrent write it starts over (up to maxRetries times) unless the revision was pinned.
 */
export async function handleCommand<TState, TCommand, TEvent extends DomainEvent>(
  options: HandleCommandOptions<TState, TCommand, TEvent>,
): Promise<HandleCommandResult<TState, TEvent>> {
  const { store, stream, decider, command, commandId, context, expectedRevision } = options;
  const maxRetries = options.maxRetries ?? 3;
  const pinned = expectedRevision !== undefined;
  for (let attempt = 1; ; attempt += 1) {
    const assumed = attempt === 1 ? assumedStream(options) : undefined;
    const unverified = assumed !== undefined;
    const current = assumed ?? (await loadStream(store, stream, decider));
    const alreadyApplied = eventsOfCommand(current.events, commandId);
    if (alreadyApplied.length > 0) {
      return {
        events: alreadyApplied.map((event) => ({ id: event.id, type: event.type, data: event.data }) as TEvent & { id: string }),
        state: current.state,
        nextExpectedRevision: current.revision,
        position: alreadyApplied[alreadyApplied.length - 1].position,
      };
    }
    if (pinned && current.revision !== expectedRevision) {
      throw new ConcurrencyConflict(stream, expectedRevision, current.revision, true, attempt);
    }
    let decided: readonly TEvent[];
    try {
      decided = decider.decide(command, current.state);
    } catch (error) {
      // Refused on a state only assumed: the stream as stored may say otherwise.
      if (unverified) continue;
      throw error;
    }
    if (decided.length === 0) {
      if (unverified) continue;
      return { events: [], state: current.state, nextExpectedRevision: current.revision, position: undefined };
    }
    const events = decided.map((event, index) => ({ ...event, id: eventIdFor(commandId, index) }));
    options.beforeAppend?.();
    try {
      const proposed: ProposedEvent[] = events.map(({ id, type, data }) => ({ id, type, data }));
      const result = await store.append(stream, proposed, {
        expectedRevision: current.revision,
        context,
        prevHash: current.headHash,
      });
      const state = decided.reduce((folded, event) => decider.evolve(folded, event), current.state);
      return { events, state, nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      // A known head that is no longer the head: read the stream, which may hold this very command's events.
      if (unverified && expectedRevision !== 'no_stream') continue;
      if (pinned || attempt > maxRetries) {
        throw new ConcurrencyConflict(stream, current.revision, error.actual, pinned, attempt, { cause: error });
      }
    }
  }
}

export interface LoadedStream<TState> {
  readonly events: readonly RecordedEvent[];
  readonly state: TState;
  readonly revision: bigint | 'no_stream';
  readonly headHash: string;
}

/** What the first attempt may decide on without reading: the empty stream for `no_stream`, a known head at the pinned revision. */
function assumedStream<TState, TCommand, TEvent extends DomainEvent>(
  options: HandleCommandOptions<TState, TCommand, TEvent>,
): LoadedStream<TState> | undefined {
  const { expectedRevision, known, decider } = options;
  if (expectedRevision === 'no_stream') return emptyStream(decider);
  if (known && expectedRevision !== undefined && known.revision === expectedRevision) {
    return { events: [], state: known.state, revision: known.revision, headHash: known.headHash };
  }
  return undefined;
}

/** A stream that does not exist (yet), as loadStream returns it. */
function emptyStream<TState>(decider: Pick<Decider<TState, never, DomainEvent>, 'initialState'>): LoadedStream<TState> {
  return { events: [], state: decider.initialState(), revision: 'no_stream', headHash: GENESIS_HASH };
}

/** Folds a stream into state; a missing (or soft-deleted) stream is the initial state at `no_stream`. */
export async function loadStream<TState, TEvent extends DomainEvent>(
  store: EventStorePort,
  stream: string,
  decider: Pick<Decider<TState, never, TEvent>, 'evolve' | 'initialState'>,
): Promise<LoadedStream<TState>> {
  try {
    const recorded = await store.readStream(stream);
    const state = recorded.reduce(
      (folded, event) => decider.evolve(folded, { type: event.type, data: event.data } as TEvent),
      decider.initialState(),
    );
    const last = recorded[recorded.length - 1];
    return { events: recorded, state, revision: last.revision, headHash: hashRecordedEvent(last) };
  } catch (error) {
    if (error instanceof StreamNotFound) return emptyStream(decider);
    throw error;
  }
}

/** The events a command appended earlier, recognised by their derived ids. */
function eventsOfCommand(events: readonly RecordedEvent[], commandId: string): RecordedEvent[] {
  const firstId = eventIdFor(commandId, 0);
  const first = events.findIndex((event) => event.id === firstId);
  if (first < 0) return [];
  const found: RecordedEvent[] = [];
  for (let index = first; index < events.length && events[index].id === eventIdFor(commandId, found.length); index += 1) {
    found.push(events[index]);
  }
  return found;
}
