import { useEffect, useState } from 'preact/hooks';
import { describedBy, ErrorAlert, FieldErrors } from '../components/field-errors';
import { ApiError, type AdminApi, type CompanyDetails, type ProvisioningMethod, type ScimSettingsView } from '../lib/api';
import { issuesByField } from '../lib/field-errors';
import { allowlistText } from '../lib/format';

const METHODS: readonly { value: ProvisioningMethod; label: string }[] = [
  { value: 'custom', label: 'Custom (your own SCIM client, with a service origin)' },
  { value: 'okta', label: 'Okta' },
  { value: 'entra_id', label: 'Microsoft Entra ID' },
];

interface SettingsFormProps {
  readonly api: AdminApi;
  readonly company: CompanyDetails;
  readonly onSaved: (settings: ScimSettingsView) => void;
}

interface Draft {
  provisioningMethod: ProvisioningMethod;
  defaultWorkspaceId: string;
  serviceOrigin: string;
  ipAllowlist: string;
}

function draftOf(saved: ScimSettingsView | null): Draft {
  return {
    provisioningMethod: saved?.provisioningMethod ?? 'custom',
    defaultWorkspaceId: saved?.defaultWorkspaceId ?? '',
    serviceOrigin: saved?.serviceOrigin ?? '',
    ipAllowlist: allowlistText(saved?.ipAllowlist ?? []),
  };
}

/** Provisioning method, default workspace, service origin and IP allowlist; every refused entry is named. */
export function SettingsForm({ api, company, onSaved }: SettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(company.scimSettings));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const saved = draftOf(company.scimSettings);
  const dirty = JSON.stringify(saved) !== JSON.stringify(draft);
  const originRequired = draft.provisioningMethod === 'custom';

  useEffect(() => setDraft(draftOf(company.scimSettings)), [company.id]);

  const update = (field: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [field]: value }));
    setStatus('');
  };

  async function submit(event: Event) {
    event.preventDefault();
    setStatus('');
    if (!draft.defaultWorkspaceId) {
      setErrors({ defaultWorkspaceId: ['Choose the workspace new users land in.'] });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const settings = await api.saveSettings(company.id, {
        provisioningMethod: draft.provisioningMethod,
        defaultWorkspaceId: draft.defaultWorkspaceId,
        serviceOrigin: draft.serviceOrigin.trim() || null,
        ipAllowlist: draft.ipAllowlist.trim() || null,
      });
      setDraft(draftOf(settings));
      setStatus('Settings saved.');
      onSaved(settings);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(issuesByField(error.issues));
        setStatus('Not saved: correct the fields marked above.');
      } else setErrors({ '(form)': [error instanceof Error ? error.message : String(error)] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="settings-heading" class="card">
      <h2 id="settings-heading">Provisioning settings</h2>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="provisioningMethod">Provisioning method</label>
          <select id="provisioningMethod" value={draft.provisioningMethod} onChange={update('provisioningMethod')}>
            {METHODS.map((method) => (
              <option key={method.value} value={method.value}>
                {method.label}
              </option>
            ))}
          </select>
          <FieldErrors id="provisioningMethod-error" messages={errors['provisioningMethod']} />
        </div>

        <div class="field">
          <label for="defaultWorkspaceId">
            Default workspace <span class="required">(required)</span>
          </label>
          <p class="hint" id="defaultWorkspaceId-hint">
            New users land here when the create request names no workspace.
          </p>
          <select
            id="defaultWorkspaceId"
            value={draft.defaultWorkspaceId}
            onChange={update('defaultWorkspaceId')}
            aria-required="true"
            aria-invalid={errors['defaultWorkspaceId'] ? true : undefined}
            aria-describedby={describedBy('defaultWorkspaceId', { hint: true, error: !!errors['defaultWorkspaceId'] })}
          >
            <option value="">Choose a workspace</option>
            {company.workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
          <FieldErrors id="defaultWorkspaceId-error" messages={errors['defaultWorkspaceId']} />
        </div>

        <div class="field">
          <label for="serviceOrigin">
            Service origin {originRequired ? <span class="required">(required)</span> : <span class="optional">(optional)</span>}
          </label>
          <p class="hint" id="serviceOrigin-hint">
            The origin domain of your SCIM requests, e.g. <code>scim.example.com</code>. Every request must carry it in the{' '}
            <code>X-Request-Origin</code> header.
          </p>
          <input
            id="serviceOrigin"
            value={draft.serviceOrigin}
            onInput={update('serviceOrigin')}
            autoComplete="off"
            spellcheck={false}
            aria-required={originRequired ? 'true' : undefined}
            aria-invalid={errors['serviceOrigin'] ? true : undefined}
            aria-describedby={describedBy('serviceOrigin', { hint: true, error: !!errors['serviceOrigin'] })}
          />
          <FieldErrors id="serviceOrigin-error" messages={errors['serviceOrigin']} />
        </div>

        <div class="field">
          <label for="ipAllowlist">
            IP allowlist <span class="optional">(optional)</span>
          </label>
          <p class="hint" id="ipAllowlist-hint">
            Comma-separated addresses, CIDR blocks or ranges, e.g. <code>203.0.113.7, 198.51.100.0/24, 2001:db8::/32</code>. Empty
            allows every address.
          </p>
          <textarea
            id="ipAllowlist"
            rows={2}
            value={draft.ipAllowlist}
            onInput={update('ipAllowlist')}
            spellcheck={false}
            aria-invalid={errors['ipAllowlist'] ? true : undefined}
            aria-describedby={describedBy('ipAllowlist', { hint: true, error: !!errors['ipAllowlist'] })}
          />
          <FieldErrors id="ipAllowlist-error" messages={errors['ipAllowlist']} />
        </div>

        <ErrorAlert message={errors['(form)']?.join(' ')} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <p class={Object.keys(errors).length > 0 ? 'status error' : 'status'} role="status">
            {status || (dirty ? 'You have unsaved changes.' : '')}
          </p>
        </div>
      </form>
    </section>
  );
}
