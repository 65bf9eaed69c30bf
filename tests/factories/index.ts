/**
 * The test data factories: every suite creates its rows through these, with the same defaults (a
 * user with a complete profile, an active account with one unique identifier, a pending request a
 * day old). Each writes with the app's database client unless given another (the last argument):
 * e2e and resilience pass the client of the database their app servers use.
 */
export { createAccount, type NewAccount } from "./accounts";
export type { FactoryClient } from "./client";
export { createApiTokenRow, createWebhookEndpoint } from "./integrations";
export { createMembership } from "./memberships";
export { createPendingRequests, createRequest, type NewRequest } from "./requests";
export { createSession } from "./sessions";
export { unique, uniqueDomain } from "./unique";
export { actorOf, createAdmin, createUser, createUsers } from "./users";
export { createGrant, createVirtualAccount, defaultVirtualAccountOf } from "./virtual-accounts";
