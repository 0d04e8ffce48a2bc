import { useRef, useState } from 'preact/hooks';

interface CopyFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly description?: string;
}

/** A read-only value with a Copy button; the result is announced to screen readers. */
export function CopyField({ id, label, value, description }: CopyFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    const copied = await copyText(value, input.current);
    setStatus(copied ? `${label} copied to the clipboard.` : 'Copying failed: select the text and copy it yourself.');
  }

  return (
    <div class="field">
      <label for={id}>{label}</label>
      {description && (
        <p class="hint" id={`${id}-hint`}>
          {description}
        </p>
      )}
      <div class="copy-row">
        <input
          id={id}
          ref={input}
          class="mono"
          type="text"
          readOnly
          value={value}
          spellcheck={false}
          aria-describedby={description ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="secondary" onClick={copy} aria-label={`Copy ${label}`}>
          Copy
        </button>
      </div>
      <p class="copy-status" role="status">
        {status}
      </p>
    </div>
  );
}

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http on another host): select the text and use the legacy copy command.
    if (!fallbackInput) return false;
    fallbackInput.focus();
    fallbackInput.select();
    return document.execCommand('copy');
  }
}
