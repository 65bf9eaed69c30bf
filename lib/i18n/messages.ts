import enAdmin from "./messages/en/admin.json";
import enCommon from "./messages/en/common.json";
import enInsights from "./messages/en/insights.json";
import enIntegrations from "./messages/en/integrations.json";
import enMembersImport from "./messages/en/members-import.json";
import enMemberships from "./messages/en/memberships.json";
import enRequests from "./messages/en/requests.json";
import enSupport from "./messages/en/support.json";
import enVirtualAccounts from "./messages/en/virtual-accounts.json";
import frAdmin from "./messages/fr/admin.json";
import frCommon from "./messages/fr/common.json";
import frInsights from "./messages/fr/insights.json";
import frIntegrations from "./messages/fr/integrations.json";
import frMembersImport from "./messages/fr/members-import.json";
import frMemberships from "./messages/fr/memberships.json";
import frRequests from "./messages/fr/requests.json";
import frSupport from "./messages/fr/support.json";
import frVirtualAccounts from "./messages/fr/virtual-accounts.json";
import type { AppLocale } from "./config";

// One file per feature (each a top-level namespace), so features can change their wording
// without touching each other's files.
const en = {
  ...enCommon,
  ...enRequests,
  ...enAdmin,
  ...enSupport,
  ...enIntegrations,
  ...enMemberships,
  ...enVirtualAccounts,
  ...enMembersImport,
  ...enInsights,
};
const fr = {
  ...frCommon,
  ...frRequests,
  ...frAdmin,
  ...frSupport,
  ...frIntegrations,
  ...frMemberships,
  ...frVirtualAccounts,
  ...frMembersImport,
  ...frInsights,
};

export type Messages = typeof en;

export const catalogs: Record<AppLocale, Messages> = { en, fr };
