import { virtualAccountUpdateBody } from "@/lib/api/contract";
import { queryOf } from "@/lib/api/input";
import { apiRoute } from "@/lib/api/route";
import {
  deleteVirtualAccountForCaller,
  updateVirtualAccountForCaller,
} from "@/lib/api/virtual-accounts";

type Params = { accountId: string; virtualAccountId: string };

/** PATCH: a new name and/or a new parent (null: the top); answers the virtual account. */
export const PATCH = apiRoute<Params>(
  "virtualAccounts.update",
  { scope: "members:write", limit: "apiDecision", body: virtualAccountUpdateBody },
  async ({ params, caller, body }) => ({
    body: await updateVirtualAccountForCaller(caller, params, body),
  }),
);

/** DELETE ?confirm=…: it and everything below it (the confirmation of GET …/deletion). */
export const DELETE = apiRoute<Params>(
  "virtualAccounts.delete",
  { scope: "members:write", limit: "apiDecision" },
  async ({ url, params, caller }) => ({
    body: await deleteVirtualAccountForCaller(caller, params, queryOf(url)),
  }),
);
