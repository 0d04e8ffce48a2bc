import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/field-errors';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyField } from '../components/copy-field';
import type { AdminApi, CompanyDetails, IssuedScimToken } from '../lib/api';
import { formatDateTime, maskedToken, requestLimitText } from '../lib/format';
import { missingForToken } from '../lib/token-readiness';

interface TokenPanelProps {
  readonly api: AdminApi;
  readonly company: CompanyDetails;
  readonly onIssued: (issued: IssuedScimToken) => void;
}

/**
 * Generate / reset the SCIM token. A new token lives only in this component's memory: shown in full once,
 * then (after a reload or on another page) only its hint and issue time, as the API keeps nothing else.
 */
export function TokenPanel({ api, company, onIssued }: TokenPanelProps) {
  const [issued, setIssued] = useState<IssuedScimToken | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const missing = missingForToken(company.scimSettings);
  const active = company.scimToken;

  useEffect(() => setIssued(null), [company.id]);

  async function issue() {
    setConfirming(false);
    setBusy(true);
    setError('');
    try {
      const token = await api.issueToken(company.id);
      setIssued(token);
      onIssued(token);
      heading.current?.focus();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="token-heading" class="card">
      <h2 id="token-heading" ref={heading} tabIndex={-1}>
        SCIM token
      </h2>
      {issued ? (
        <div>
          <div class="warning" role="alert">
            <strong>Copy this token now: it is shown only once.</strong> It is not stored anywhere; after you leave or reload
            this page only its last four characters are shown. Give it to your identity provider as the bearer token.
          </div>
          <CopyField id="scim-token" label="SCIM token" value={issued.token} />
          <CopyField
            id="scim-endpoint"
            label="SCIM API endpoint"
            value={issued.endpoint}
            description="The SCIM base URL: users are at /Users below it."
          />
        </div>
      ) : active ? (
        <div>
          <dl class="facts">
            <dt>SCIM token</dt>
            <dd>
              <code aria-label={`token ending in ${active.hint}`}>{maskedToken(active.hint)}</code>
            </dd>
            <dt>Issued</dt>
            <dd>
              <time dateTime={active.issuedAt}>{formatDateTime(active.issuedAt)}</time>
            </dd>
          </dl>
          <CopyField
            id="scim-endpoint"
            label="SCIM API endpoint"
            value={active.endpoint}
            description="The SCIM base URL: users are at /Users below it."
          />
        </div>
      ) : (
        <p>No SCIM token has been generated for this company yet.</p>
      )}
      <p class="hint" id="request-limit">
        {requestLimitText(company)}
      </p>

      <ErrorAlert message={error} />
      <div class="actions">
        {active || issued ? (
          <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
            {busy ? 'Resetting…' : 'Reset token'}
          </button>
        ) : (
          <button type="button" disabled={busy || missing.length > 0} aria-describedby="generate-hint" onClick={issue}>
            {busy ? 'Generating…' : 'Generate SCIM token'}
          </button>
        )}
        {!active && !issued && (
          <p class="hint" id="generate-hint">
            {missing.length > 0 ? `Save the ${missing.join(' and ')} first.` : 'The token is shown once, right after you generate it.'}
          </p>
        )}
      </div>

      <ConfirmDialog
        open={confirming}
        title="Reset the SCIM token?"
        confirmLabel="Reset token"
        onConfirm={issue}
        onCancel={() => setConfirming(false)}
      >
        <p>
          A new token is generated and shown once. The current token stops working at once: your identity provider fails
          until you give it the new one.
        </p>
      </ConfirmDialog>
    </section>
  );
}
