import { virtualAccountCreateBody } from "@/lib/api/contract";
import { queryOf } from "@/lib/api/input";
import { apiRoute, jsonRead } from "@/lib/api/route";
import {
  createVirtualAccountForCaller,
  listVirtualAccountsForCaller,
} from "@/lib/api/virtual-accounts";

type Params = { accountId: string };

/** GET /api/v1/accounts/{accountId}/virtual-accounts: the tree, flat, keyset-paginated. */
export const GET = apiRoute<Params>(
  "virtualAccounts.list",
  { scope: "members:read", limit: "apiRead" },
  async ({ request, url, params, caller }) =>
    jsonRead(request, await listVirtualAccountsForCaller(caller, params, queryOf(url))),
);

/** POST: a new virtual account below a parent, or at the top; answers it (201). */
export const POST = apiRoute<Params>(
  "virtualAccounts.create",
  { scope: "members:write", limit: "apiDecision", body: virtualAccountCreateBody },
  async ({ params, caller, body }) => ({
    status: 201,
    body: await createVirtualAccountForCaller(caller, params, body),
  }),
);
