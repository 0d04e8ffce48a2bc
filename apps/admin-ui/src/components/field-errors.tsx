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
