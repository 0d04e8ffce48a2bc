import { useEffect, useState } from 'preact/hooks';
import { describedBy, ErrorAlert, FieldErrors } from '../components/field-errors';
import { ApiError, type AdminApi, type CompanySummary } from '../lib/api';
import { issuesByField } from '../lib/field-errors';
import { hrefOf } from '../lib/route';

interface CompaniesProps {
  readonly api: AdminApi;
  readonly onOpen: (companyId: string) => void;
}

/** The company picker, and a way to register a company so a fresh installation is not a dead end. */
export function Companies({ api, onOpen }: CompaniesProps) {
  const [companies, setCompanies] = useState<CompanySummary[] | null>(null);
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    api.listCompanies().then(setCompanies, (error: unknown) => setLoadError(messageOf(error)));
  }, [api]);

  return (
    <main id="main">
      <h1 tabIndex={-1}>Choose a company</h1>
      <p>SCIM provisioning is configured per company.</p>
      <ErrorAlert message={loadError} />
      {companies === null && !loadError && <p role="status">Loading companies…</p>}
      {companies?.length === 0 && <p>No company is registered yet. Register one below.</p>}
      {companies && companies.length > 0 && (
        <ul class="company-list" aria-label="Companies">
          {companies.map((company) => (
            <li key={company.id}>
              <a href={hrefOf({ page: 'company', companyId: company.id })}>{company.name}</a>
            </li>
          ))}
        </ul>
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
