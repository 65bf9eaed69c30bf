import { apiRoute } from "@/lib/api/route";
import { previewDeletionForCaller } from "@/lib/api/virtual-accounts";

type Params = { accountId: string; virtualAccountId: string };

/** GET: what deleting the virtual account does, and the `confirm` its DELETE takes. */
export const GET = apiRoute<Params>(
  "virtualAccounts.deletionPreview",
  { scope: "members:write", limit: "apiRead" },
  async ({ params, caller }) => ({ body: await previewDeletionForCaller(caller, params) }),
);
