/** The parts of a Postman collection (v2.1) that the email rewrite reads and changes. */
interface PostmanItem {
  readonly name: string;
  readonly item?: PostmanItem[];
  readonly request?: { readonly body?: { raw?: string } };
  readonly event?: { readonly script?: { exec?: string[] } }[];
}

export interface PostmanCollection {
  readonly item: PostmanItem[];
}

const USER_NAME_IN_BODY = /("userName"\s*:\s*")([^"@]*)(")/gi;
const USER_NAME_EXPECTATION = /(userName\)\.to\.eql\(")([^"@]*)("\))/g;

/**
 * Microsoft's collection with every userName it creates or replaces (`UserName123`, `OMalley`, `emp1`, ...)
 * turned into an email address (`UserName123@example.com`), in the request bodies and in the test scripts that
 * expect those names back: this product's userName is the user's email. Nothing else changes; in particular
 * the names its PATCHes rename users to (`ryan3`, `newusername`) stay, since renaming is refused here anyway.
 */
export function withEmailUserNames<T extends PostmanCollection>(collection: T): T {
  const copy = structuredClone(collection);
  const requests = leaves(copy.item);
  const created = new Set(requests.flatMap((item) => [...(item.request?.body?.raw ?? '').matchAll(USER_NAME_IN_BODY)].map((match) => match[2])));
  for (const item of requests) {
    const body = item.request?.body;
    if (body?.raw) body.raw = body.raw.replace(USER_NAME_IN_BODY, (_text, before: string, name: string, after: string) => before + asEmail(name) + after);
    for (const event of item.event ?? []) {
      const script = event.script;
      if (!script?.exec) continue;
      script.exec = script.exec.map((line) =>
        line.replace(USER_NAME_EXPECTATION, (text, before: string, name: string, after: string) =>
          created.has(name) ? before + asEmail(name) + after : text,
        ),
      );
    }
  }
  return copy;
}

function asEmail(userName: string): string {
  return `${userName}@example.com`;
}

function leaves(items: readonly PostmanItem[]): PostmanItem[] {
  return items.flatMap((item) => (item.item ? leaves(item.item) : [item]));
}
