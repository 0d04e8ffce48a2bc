/**
 * The log positions of the last `capacity` event ids written, for recognising a retried append (idempotency).
 * A ring of ids in the order they were remembered, beside a map from id to its place in the ring: remembering
 * one when full forgets the oldest in constant time. (A Map alone, forgetting its first key through
 * `keys().next()`, walks every deleted entry V8 keeps at the front of the table until it rehashes: 54-58 µs per
 * event at 100,000 ids, in a hot loop.)
 */
export class RecentEventIds {
  private readonly sequenceOf = new Map<string, number>();
  private readonly ids: (string | undefined)[];
  private readonly positions: Float64Array;
  private remembered = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a whole number above 0, not ${capacity}`);
    this.ids = new Array<string | undefined>(capacity);
    this.positions = new Float64Array(capacity);
  }

  /** Where the id was written, if it is among the last `capacity` remembered. */
  positionOf(id: string): number | undefined {
    const sequence = this.sequenceOf.get(id);
    return sequence === undefined ? undefined : this.positions[sequence % this.capacity];
  }

  /** Remembers the id (again: its latest position counts), forgetting the oldest beyond the capacity. */
  remember(id: string, position: number): void {
    const sequence = this.remembered++;
    const slot = sequence % this.capacity;
    const oldest = this.ids[slot];
    // An id remembered again since has a later sequence: its newer slot keeps it.
    if (oldest !== undefined && this.sequenceOf.get(oldest) === sequence - this.capacity) this.sequenceOf.delete(oldest);
    this.ids[slot] = id;
    this.positions[slot] = position;
    this.sequenceOf.set(id, sequence);
  }

  get size(): number {
    return this.sequenceOf.size;
  }
}
