import { useState } from 'preact/hooks';
import { describedBy, ErrorAlert, FieldErrors } from '../components/field-errors';
import { Pager } from '../components/pager';
import { useLoaded } from '../components/use-loaded';
import { ApiError, type AdminApi, type CompaniesQuery } from '../lib/api';
import { issuesByField } from '../lib/field-errors';
import { pageRange } from '../lib/page-range';
import { hrefOf } from '../lib/route';

const PAGE_SIZE = 50;

interface CompaniesProps {
  readonly api: AdminApi;
  readonly onOpen: (companyId: string) => void;
}

/**
 * The company picker, paged and searchable by part of the name (an installation may hold thousands), and a way
 * to register a company so a fresh installation is not a dead end.
 */
export function Companies({ api, onOpen }: CompaniesProps) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<CompaniesQuery>({ startIndex: 1, count: PAGE_SIZE });
  const { value: page, error: loadError, loading } = useLoaded(() => api.listCompanies(query), [api, query]);

  function submit(event: Event) {
    event.preventDefault();
    setQuery((current) => ({ ...current, name: search.trim() || undefined, startIndex: 1 }));
  }

  const range = pageRange(page?.startIndex ?? query.startIndex, page && { totalResults: page.totalResults, shown: page.companies.length });
  const searchable = (page !== null && page.totalResults > 0) || query.name !== undefined;

  return (
    <main id="main">
      <h1 tabIndex={-1}>Choose a company</h1>
      <p>SCIM provisioning is configured per company.</p>
      <ErrorAlert message={loadError} />
      {searchable && (
        <form class="toolbar" role="search" onSubmit={submit}>
          <div class="field inline">
            <label for="company-search">Find a company (part of its name)</label>
            <input id="company-search" type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />
          </div>
          <button type="submit" class="secondary">
            Search
          </button>
        </form>
      )}
      <p class="status" role="status" aria-live="polite">
        {loading && page === null
          ? 'Loading companies…'
          : page === null
            ? ''
            : page.totalResults === 0
              ? query.name !== undefined
                ? 'No company name contains this text.'
                : 'No company is registered yet. Register one below.'
              : `Showing ${range.first}–${range.last} of ${page.totalResults}`}
      </p>
      {page && page.companies.length > 0 && (
        <ul class="company-list" aria-label="Companies">
          {page.companies.map((company) => (
            <li key={company.id}>
              <a href={hrefOf({ page: 'company', companyId: company.id })}>{company.name}</a>
            </li>
          ))}
        </ul>
      )}
      {page && (range.hasPrevious || range.hasNext) && (
        <Pager
          label="Companies pages"
          range={range}
          busy={loading}
          onPrevious={() => setQuery((current) => ({ ...current, startIndex: Math.max(1, current.startIndex - current.count) }))}
          onNext={() => setQuery((current) => ({ ...current, startIndex: current.startIndex + current.count }))}
        />
      )}
      <RegisterCompany api={api} onRegistered={onOpen} />
    </main>
  );
}

function RegisterCompany({ api, onRegistered }: { readonly api: AdminApi; readonly onRegistered: (id: string) => void }) {
  const [name, setName] = useState('');
  const [workspaces, setWorkspaces] = useState('Production');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const workspaceNames = workspaces.split(',').map((entry) => entry.trim()).filter(Boolean);
      const company = await api.registerCompany(name, workspaceNames);
      onRegistered(company.id);
    } catch (error) {
      setErrors(error instanceof ApiError && error.issues.length > 0 ? issuesByField(error.issues) : { '(form)': [messageOf(error)] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="register-heading" class="card">
      <h2 id="register-heading">Register a company</h2>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="company-name">Company name</label>
          <input
            id="company-name"
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
            aria-invalid={errors['name'] ? true : undefined}
            aria-describedby={describedBy('company-name', { error: !!errors['name'] })}
          />
          <FieldErrors id="company-name-error" messages={errors['name']} />
        </div>
        <div class="field">
          <label for="company-workspaces">Workspaces</label>
          <p class="hint" id="company-workspaces-hint">
            Comma-separated names, e.g. Production, Staging.
          </p>
          <input
            id="company-workspaces"
            value={workspaces}
            onInput={(event) => setWorkspaces(event.currentTarget.value)}
            aria-invalid={errors['workspaces'] ? true : undefined}
            aria-describedby={describedBy('company-workspaces', { hint: true, error: !!errors['workspaces'] })}
          />
          <FieldErrors id="company-workspaces-error" messages={errors['workspaces']} />
        </div>
        <ErrorAlert message={errors['(form)']?.join(' ')} />
        <button type="submit" disabled={busy}>
          {busy ? 'Registering…' : 'Register company'}
        </button>
      </form>
    </section>
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
