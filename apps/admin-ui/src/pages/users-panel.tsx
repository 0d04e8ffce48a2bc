import { useState } from 'preact/hooks';
import { ErrorAlert } from '../components/field-errors';
import { Pager } from '../components/pager';
import { useLoaded } from '../components/use-loaded';
import type { AdminApi, UsersQuery } from '../lib/api';
import { formatDateTime, personName } from '../lib/format';
import { pageRange } from '../lib/page-range';
import { userNameStartsWith } from '../lib/user-filter';

const PAGE_SIZE = 10;

interface UsersPanelProps {
  readonly api: AdminApi;
  readonly companyId: string;
  /** Bumped by the page when something may have changed the users (e.g. a new token). */
  readonly refreshKey: number;
}

/** Read-only: the users identity providers provisioned, paged, searchable by the start of userName. */
export function UsersPanel({ api, companyId, refreshKey }: UsersPanelProps) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<UsersQuery>({ startIndex: 1, count: PAGE_SIZE, sortBy: 'userName', sortOrder: 'ascending' });
  const [reloads, setReloads] = useState(0);
  const { value: page, error, loading } = useLoaded(() => api.users(companyId, query), [api, companyId, query, refreshKey, reloads]);

  function submit(event: Event) {
    event.preventDefault();
    setQuery((current) => ({ ...current, filter: userNameStartsWith(search), startIndex: 1 }));
  }

  const range = pageRange(page?.startIndex ?? query.startIndex, page && { totalResults: page.totalResults, shown: page.users.length });

  return (
    <section aria-labelledby="users-heading" class="card wide">
      <h2 id="users-heading">Provisioned users</h2>
      <p class="hint">What your identity provider created through the SCIM API. Read-only.</p>
      <form class="toolbar" role="search" onSubmit={submit}>
        <div class="field inline">
          <label for="user-search">Search by userName (starts with)</label>
          <input id="user-search" type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />
        </div>
        <div class="field inline">
          <label for="user-sort">Sort by</label>
          <select
            id="user-sort"
            value={`${query.sortBy}:${query.sortOrder}`}
            onChange={(event) => {
              const [sortBy, sortOrder] = event.currentTarget.value.split(':') as [UsersQuery['sortBy'], UsersQuery['sortOrder']];
              setQuery((current) => ({ ...current, sortBy, sortOrder, startIndex: 1 }));
            }}
          >
            <option value="userName:ascending">userName (A–Z)</option>
            <option value="lastModified:descending">Last modified (newest first)</option>
          </select>
        </div>
        <button type="submit">Search</button>
        <button type="button" class="secondary" onClick={() => setReloads((n) => n + 1)}>
          Refresh
        </button>
      </form>

      <ErrorAlert message={error} />
      <p class="status" role="status" aria-live="polite">
        {loading
          ? 'Loading users…'
          : page
            ? page.totalResults === 0
              ? query.filter
                ? 'No user matches this search.'
                : 'No users have been provisioned yet.'
              : `Showing ${range.first}–${range.last} of ${page.totalResults}`
            : ''}
      </p>
      {page && page.users.length > 0 && (
        <div class="table-wrap">
          <table class="responsive">
            <caption class="visually-hidden">Provisioned users</caption>
            <thead>
              <tr>
                <th scope="col">userName</th>
                <th scope="col">Name</th>
                <th scope="col">Department</th>
                <th scope="col">Active</th>
                <th scope="col">Last modified</th>
              </tr>
            </thead>
            <tbody>
              {page.users.map((user) => (
                <tr key={user.id}>
                  <td data-label="userName">
                    <span class="mono">{user.userName}</span>
                  </td>
                  <td data-label="Name">{personName(user.name)}</td>
                  <td data-label="Department">{user.department ?? '—'}</td>
                  <td data-label="Active">{user.active ? 'Yes' : 'No (deactivated)'}</td>
                  <td data-label="Last modified">
                    <time dateTime={user.lastModified}>{formatDateTime(user.lastModified)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Users pages"
        range={range}
        busy={loading}
        onPrevious={() => setQuery((current) => ({ ...current, startIndex: Math.max(1, current.startIndex - current.count) }))}
        onNext={() => setQuery((current) => ({ ...current, startIndex: current.startIndex + current.count }))}
      />
    </section>
  );
}
