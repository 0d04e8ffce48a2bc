import { SearchDashboardUsersRpc, type RequestContext, type RpcReply, type RpcRequestInput } from '@scim/contracts';
import type { NatsRpcClient } from '@scim/platform';
import { countThatFits, isReplyTooLarge } from './reply-too-large';

type SearchRequest = RpcRequestInput<typeof SearchDashboardUsersRpc> & { readonly startIndex: number; readonly count: number };
type SearchReply = RpcReply<typeof SearchDashboardUsersRpc>;

/**
 * The page asked for, however large its users. A page that would not fit in one NATS message is fetched in
 * parts, each as large as fits, and put together: clients page by `count` (Okta asks for startIndex=101 after
 * count=100), so a page cut short would make them skip users.
 */
export async function searchUsersPage(nats: NatsRpcClient, request: SearchRequest, context: RequestContext): Promise<SearchReply> {
  const first = await searchWhatFits(nats, request, context);
  const users = [...first.reply.users];
  let part = first;
  // A full part that leaves the page short was cut to fit; a part with fewer users than asked for ends the results.
  while (users.length < request.count && part.reply.users.length === part.count) {
    part = await searchWhatFits(nats, { ...request, startIndex: first.reply.startIndex + users.length, count: request.count - users.length }, context);
    users.push(...part.reply.users);
  }
  return { ...first.reply, itemsPerPage: users.length, users };
}

/** One call, asking for fewer users for as long as settings-service answers REPLY_TOO_LARGE. */
async function searchWhatFits(nats: NatsRpcClient, request: SearchRequest, context: RequestContext): Promise<{ reply: SearchReply; count: number }> {
  let count = request.count;
  for (;;) {
    try {
      return { reply: await nats.request(SearchDashboardUsersRpc, { ...request, count }, context), count };
    } catch (error) {
      if (!isReplyTooLarge(error) || count <= 1) throw error;
      count = countThatFits(count, error);
    }
  }
}
