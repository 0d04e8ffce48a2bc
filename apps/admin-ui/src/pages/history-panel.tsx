import { useState } from 'preact/hooks';
import { ErrorAlert } from '../components/field-errors';
import { useLoaded } from '../components/use-loaded';
import type { AdminApi } from '../lib/api';
import { actorLabel, formatDateTime } from '../lib/format';

const STEP = 20;
const MAX = 200;

interface HistoryPanelProps {
  readonly api: AdminApi;
  readonly companyId: string;
  /** Bumped by the page after each change it made, so the panel shows it. */
  readonly refreshKey: number;
}

/** The company's recent settings and token events, newest first: who, when, from where. */
export function HistoryPanel({ api, companyId, refreshKey }: HistoryPanelProps) {
  const [limit, setLimit] = useState(STEP);
  const { value: events, error } = useLoaded(() => api.history(companyId, limit), [api, companyId, limit, refreshKey]);

  return (
    <section aria-labelledby="history-heading" class="card wide">
      <h2 id="history-heading">History</h2>
      <p class="hint">Settings and token changes of this company, newest first, as recorded in the event log.</p>
      <ErrorAlert message={error} />
      {events === null && !error && <p role="status">Loading history…</p>}
      {events && events.length > 0 && (
        <div class="table-wrap">
          <table class="responsive">
            <caption class="visually-hidden">History of settings and token events</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
                <th scope="col">Request id</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={`${event.stream}@${event.revision}`}>
                  <td data-label="When">
                    <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                  </td>
                  <td data-label="What">
                    <span>
                      {event.summary}
                      <span class="event-type"> {event.type}</span>
                    </span>
                  </td>
                  <td data-label="Who">{actorLabel(event.actor)}</td>
                  <td data-label="From">
                    <span>
                      {event.sourceIp ?? 'unknown'}
                      {event.requestOrigin && <span class="hint"> (origin {event.requestOrigin})</span>}
                    </span>
                  </td>
                  <td data-label="Request id">
                    <span class="mono small">{event.correlationId}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events && events.length >= limit && limit < MAX && (
        <button type="button" class="secondary" onClick={() => setLimit((n) => Math.min(MAX, n + STEP))}>
          Show older events
        </button>
      )}
    </section>
  );
}
