import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/field-errors';
import type { AdminApi, CompanyDetails } from '../lib/api';
import { HistoryPanel } from './history-panel';
import { SettingsForm } from './settings-form';
import { TokenPanel } from './token-panel';
import { UsersPanel } from './users-panel';

interface ScimProvisioningProps {
  readonly api: AdminApi;
  readonly companyId: string;
}

/** Settings > Admin Settings > SCIM Provisioning for one company. */
export function ScimProvisioning({ api, companyId }: ScimProvisioningProps) {
  const [company, setCompany] = useState<CompanyDetails | null>(null);
  const [error, setError] = useState('');
  const [changes, setChanges] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setCompany(null);
    setError('');
    api.company(companyId).then(
      (details) => {
        setCompany(details);
        document.title = `SCIM Provisioning · ${details.name}`;
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [api, companyId]);

  useEffect(() => {
    if (company) heading.current?.focus();
  }, [company?.id]);

  if (error) {
    return (
      <main id="main">
        <h1>SCIM Provisioning</h1>
        <ErrorAlert message={error} />
        <p>
          <a href="#/">Choose another company</a>
        </p>
      </main>
    );
  }
  if (!company) {
    return (
      <main id="main">
        <p role="status">Loading…</p>
      </main>
    );
  }

  return (
    <main id="main">
      <h1 ref={heading} tabIndex={-1}>
        SCIM Provisioning <span class="company-name">· {company.name}</span>
      </h1>
      <p class="lead">
        Let your identity provider create, update, deactivate and delete this company's dashboard users through the SCIM API:
        save the settings, generate a token, and give both the token and the endpoint to the identity provider.
      </p>
      <div class="grid">
        <SettingsForm
          api={api}
          company={company}
          onSaved={(scimSettings) => {
            setCompany({ ...company, scimSettings });
            setChanges((n) => n + 1);
          }}
        />
        <TokenPanel
          api={api}
          company={company}
          onIssued={(issued) => {
            setCompany({ ...company, scimToken: { hint: issued.hint, issuedAt: issued.issuedAt, endpoint: issued.endpoint } });
            setChanges((n) => n + 1);
          }}
        />
      </div>
      <UsersPanel api={api} companyId={company.id} refreshKey={changes} />
      <HistoryPanel api={api} companyId={company.id} refreshKey={changes} />
    </main>
  );
}
