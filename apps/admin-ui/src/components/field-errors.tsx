/** The messages the API named for one field, linked to it with aria-describedby. */
export function FieldErrors({ id, messages }: { readonly id: string; readonly messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul class="field-error" id={id}>
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** An error the page announces at once (a failed load, what the API refused about a form as a whole); nothing without one. */
export function ErrorAlert({ message }: { readonly message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

/** A field's aria-describedby: its hint (`<id>-hint`) if it has one, and its errors (`<id>-error`) while there are some. */
export function describedBy(id: string, { hint = false, error = false }: { readonly hint?: boolean; readonly error?: boolean }): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}
