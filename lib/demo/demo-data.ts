import type {
  AccessRequestStatus,
  AccountStatus,
  Locale,
  MembershipRole,
  PlatformRole,
} from "@/lib/generated/prisma/enums";

/**
 * Demo data for `npm start` and `npm run db:seed`. Stable ids make the seed idempotent.
 * `role` is also the key of the user's description in the `demo` catalog namespace.
 */
export const demoUsers = [
  {
    id: "demo-user-requester",
    email: "rachel.requester@example.com",
    role: "requester",
    firstName: "Rachel",
    lastName: "Martin",
    company: "Northwind Traders",
    jobTitle: "Licensing manager",
    country: "US",
    phone: "+1 415 555 0100",
    locale: "en",
    platformRole: "NONE",
  },
  {
    id: "demo-user-incomplete",
    email: "ines.incomplete@example.com",
    role: "incompleteRequester",
    firstName: "Inès",
    lastName: null,
    company: null,
    jobTitle: null,
    country: "FR",
    phone: null,
    locale: "fr",
    platformRole: "NONE",
  },
  {
    id: "demo-user-admin",
    email: "alice.admin@example.com",
    role: "admin",
    firstName: "Alice",
    lastName: "Dupont",
    company: "Acme Corporation",
    jobTitle: "IT director",
    country: "US",
    phone: "+1 212 555 0101",
    locale: "en",
    platformRole: "NONE",
  },
  {
    id: "demo-user-admin2",
    email: "bruno.admin@example.com",
    role: "secondAdmin",
    firstName: "Bruno",
    lastName: "Lefèvre",
    company: "Acme Labs",
    jobTitle: "Responsable informatique",
    country: "FR",
    phone: "+33 1 55 55 01 02",
    locale: "fr",
    platformRole: "NONE",
  },
  {
    id: "demo-user-va-admin",
    email: "vera.va-admin@example.com",
    role: "vaAdmin",
    firstName: "Vera",
    lastName: "Novak",
    company: "Acme Corporation",
    jobTitle: "EMEA licensing lead",
    country: "DE",
    phone: "+49 30 5555 0108",
    locale: "en",
    platformRole: "NONE",
  },
  {
    id: "demo-user-support",
    email: "sam.support@example.com",
    role: "support",
    firstName: "Sam",
    lastName: "Okafor",
    company: "Licensing Support",
    jobTitle: "Support engineer",
    country: "GB",
    phone: "+44 20 5555 0103",
    locale: "en",
    platformRole: "SUPPORT",
  },
  {
    id: "demo-user-superadmin",
    email: "sasha.superadmin@example.com",
    role: "superadmin",
    firstName: "Sasha",
    lastName: "Ivanova",
    company: "Licensing Support",
    jobTitle: "Licensing team lead",
    country: "GB",
    phone: "+44 20 5555 0104",
    locale: "en",
    platformRole: "SUPERADMIN",
  },
] as const satisfies readonly {
  id: string;
  email: string;
  role: string;
  firstName: string;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  country: string;
  phone: string | null;
  locale: Locale;
  platformRole: PlatformRole;
}[];

/** Other people, so that queues and timelines are not empty. Not offered on the sign-in page. */
export const demoExtraUsers = [
  {
    id: "demo-user-dana",
    email: "dana.lee@example.com",
    firstName: "Dana",
    lastName: "Lee",
    company: "Contoso",
    jobTitle: "Buyer",
    country: "CA",
    phone: "+1 604 555 0105",
    locale: "en",
  },
  {
    id: "demo-user-eric",
    email: "eric.moreau@example.com",
    firstName: "Éric",
    lastName: "Moreau",
    company: "Fabrikam",
    jobTitle: "Ingénieur réseau",
    country: "FR",
    phone: "+33 4 55 55 01 06",
    locale: "fr",
  },
  {
    id: "demo-user-former-admin",
    email: "former.admin@example.com",
    firstName: "Farid",
    lastName: "Haddad",
    company: "Initech",
    jobTitle: "Former IT lead",
    country: "US",
    phone: "+1 512 555 0107",
    locale: "en",
  },
] as const;

export const demoAccounts: {
  id: string;
  name: string;
  status: AccountStatus;
  domains: string[];
}[] = [
  {
    id: "demo-account-acme-corp",
    name: "Acme Corporation",
    status: "ACTIVE",
    domains: ["acme.com", "acme.example"],
  },
  {
    id: "demo-account-acme-europe",
    name: "Acme Europe",
    status: "ACTIVE",
    domains: ["acme.com", "acme.eu"],
  },
  { id: "demo-account-acme-labs", name: "Acme Labs", status: "ACTIVE", domains: ["acme.com"] },
  { id: "demo-account-globex", name: "Globex", status: "ACTIVE", domains: ["globex.com"] },
  { id: "demo-account-stark", name: "Stark Industries", status: "ACTIVE", domains: ["stark.com"] },
  // Its only administrator's membership is inactive: requests are escalated to support.
  { id: "demo-account-initech", name: "Initech", status: "ACTIVE", domains: ["initech.com"] },
  // Inactive accounts are never offered by the lookup.
  { id: "demo-account-umbrella", name: "Umbrella", status: "INACTIVE", domains: ["umbrella.com"] },
];

/**
 * Virtual accounts below each account's DEFAULT (which every account has from its creation), parents
 * before their children. Ids are stable so that seeding again adds only what is missing.
 */
export const demoVirtualAccounts: {
  id: string;
  accountId: string;
  name: string;
  parentId?: string;
}[] = [
  { id: "demo-va-stark-engineering", accountId: "demo-account-stark", name: "Engineering" },
  {
    id: "demo-va-stark-firmware",
    accountId: "demo-account-stark",
    name: "Firmware",
    parentId: "demo-va-stark-engineering",
  },
  { id: "demo-va-stark-sales", accountId: "demo-account-stark", name: "Sales" },
  { id: "demo-va-acme-americas", accountId: "demo-account-acme-corp", name: "Americas" },
  { id: "demo-va-acme-emea", accountId: "demo-account-acme-corp", name: "EMEA" },
  {
    id: "demo-va-acme-france",
    accountId: "demo-account-acme-corp",
    name: "France",
    parentId: "demo-va-acme-emea",
  },
];

interface DemoMembership {
  userId: string;
  accountId: string;
  /** The Smart Account role; with `grants`, the placeholder of a scope of virtual accounts (VIEWER). */
  role: MembershipRole;
  /** Access to selected virtual accounts (scope VIRTUAL_ACCOUNTS) instead of the whole account. */
  grants?: { virtualAccountId: string; role: MembershipRole; includeSubAccounts?: boolean }[];
  active: boolean;
  /** The approved request that granted it, and how many days ago access began. */
  grantedBy?: { requestId: string; daysAgo: number };
  /** Time-bound access: ends this many days from now (negative: it ended that long ago). */
  endsInDays?: number;
}

export const demoMemberships: DemoMembership[] = [
  { userId: "demo-user-admin", accountId: "demo-account-acme-corp", role: "ADMIN", active: true },
  { userId: "demo-user-admin", accountId: "demo-account-acme-europe", role: "ADMIN", active: true },
  { userId: "demo-user-admin", accountId: "demo-account-stark", role: "ADMIN", active: true },
  { userId: "demo-user-admin2", accountId: "demo-account-acme-labs", role: "ADMIN", active: true },
  { userId: "demo-user-admin2", accountId: "demo-account-globex", role: "ADMIN", active: true },
  { userId: "demo-user-admin2", accountId: "demo-account-acme-corp", role: "USER", active: true },
  {
    userId: "demo-user-former-admin",
    accountId: "demo-account-initech",
    role: "ADMIN",
    active: false,
  },
  { userId: "demo-user-dana", accountId: "demo-account-globex", role: "USER", active: true },
  {
    userId: "demo-user-eric",
    accountId: "demo-account-acme-europe",
    role: "VIEWER",
    active: true,
    grantedBy: { requestId: "demo-request-approved-1", daysAgo: 19 },
  },
  // Time-bound: Rachel's access to Acme Europe ends within a week (Alice may extend it); Dana's to
  // Acme Labs ended two days ago, and she has asked again since.
  {
    userId: "demo-user-requester",
    accountId: "demo-account-acme-europe",
    role: "USER",
    active: true,
    grantedBy: { requestId: "demo-request-approved-3", daysAgo: 84 },
    endsInDays: 6,
  },
  {
    userId: "demo-user-dana",
    accountId: "demo-account-acme-labs",
    role: "USER",
    active: false,
    grantedBy: { requestId: "demo-request-approved-4", daysAgo: 32 },
    endsInDays: -2,
  },
  // Virtual accounts (issue 27): Vera administers Acme Corporation's EMEA and everything below it
  // (she sees Éric, not Farid); Dana works in Stark's Engineering.
  {
    userId: "demo-user-va-admin",
    accountId: "demo-account-acme-corp",
    role: "VIEWER",
    active: true,
    grants: [{ virtualAccountId: "demo-va-acme-emea", role: "ADMIN", includeSubAccounts: true }],
  },
  {
    userId: "demo-user-eric",
    accountId: "demo-account-acme-corp",
    role: "VIEWER",
    active: true,
    grants: [{ virtualAccountId: "demo-va-acme-france", role: "USER" }],
  },
  {
    userId: "demo-user-former-admin",
    accountId: "demo-account-acme-corp",
    role: "VIEWER",
    active: true,
    grants: [{ virtualAccountId: "demo-va-acme-americas", role: "VIEWER" }],
  },
  {
    userId: "demo-user-dana",
    accountId: "demo-account-stark",
    role: "VIEWER",
    active: true,
    grants: [
      { virtualAccountId: "demo-va-stark-engineering", role: "USER", includeSubAccounts: true },
    ],
  },
];

interface DemoRequest {
  id: string;
  requesterId: string;
  accountId: string;
  domain: string;
  reason: string;
  status: AccessRequestStatus;
  daysAgo: number;
  grantedRole?: MembershipRole;
  decidedById?: string;
  decisionNote?: string;
}

export const demoRequests: DemoRequest[] = [
  {
    id: "demo-request-pending-1",
    requesterId: "demo-user-dana",
    accountId: "demo-account-acme-corp",
    domain: "acme.com",
    reason: "I manage Contoso's Acme licences and need to see our entitlements.",
    status: "PENDING",
    daysAgo: 2,
  },
  {
    id: "demo-request-pending-2",
    requesterId: "demo-user-eric",
    accountId: "demo-account-stark",
    domain: "stark.com",
    reason: "Nouveau projet réseau avec Stark : besoin de consulter les licences.",
    status: "PENDING",
    daysAgo: 9,
  },
  {
    id: "demo-request-pending-3",
    requesterId: "demo-user-dana",
    accountId: "demo-account-acme-labs",
    domain: "acme.com",
    reason: "Procurement for the Acme Labs pilot needs licence visibility.",
    status: "PENDING",
    daysAgo: 1,
  },
  {
    id: "demo-request-pending-4",
    requesterId: "demo-user-eric",
    accountId: "demo-account-initech",
    domain: "initech.com",
    reason: "Migration Initech : je dois vérifier les droits existants.",
    status: "PENDING",
    daysAgo: 3,
  },
  {
    id: "demo-request-pending-5",
    requesterId: "demo-user-requester",
    accountId: "demo-account-globex",
    domain: "globex.com",
    reason: "Northwind resells Globex products; I need to manage their licences.",
    status: "PENDING",
    daysAgo: 4,
  },
  {
    id: "demo-request-approved-1",
    requesterId: "demo-user-eric",
    accountId: "demo-account-acme-europe",
    domain: "acme.eu",
    reason: "Équipe support Europe : consultation des licences.",
    status: "APPROVED",
    daysAgo: 20,
    grantedRole: "VIEWER",
    decidedById: "demo-user-admin",
  },
  {
    id: "demo-request-approved-3",
    requesterId: "demo-user-requester",
    accountId: "demo-account-acme-europe",
    domain: "acme.eu",
    reason: "Northwind supports Acme Europe's rollout this quarter.",
    status: "APPROVED",
    daysAgo: 85,
    grantedRole: "USER",
    decidedById: "demo-user-admin",
  },
  {
    id: "demo-request-approved-4",
    requesterId: "demo-user-dana",
    accountId: "demo-account-acme-labs",
    domain: "acme.com",
    reason: "One month of licence reporting for the Acme Labs pilot.",
    status: "APPROVED",
    daysAgo: 33,
    grantedRole: "USER",
    decidedById: "demo-user-admin2",
  },
  {
    id: "demo-request-approved-2",
    requesterId: "demo-user-dana",
    accountId: "demo-account-globex",
    domain: "globex.com",
    reason: "Contoso buys Globex licences through this account.",
    status: "APPROVED",
    daysAgo: 40,
    grantedRole: "USER",
    decidedById: "demo-user-admin2",
  },
  {
    id: "demo-request-denied-1",
    requesterId: "demo-user-requester",
    accountId: "demo-account-acme-corp",
    domain: "acme.com",
    reason: "Need access to check Acme renewals for a customer.",
    status: "DENIED",
    daysAgo: 15,
    decidedById: "demo-user-admin",
    decisionNote: "Customers get access through their reseller, not directly.",
  },
  {
    id: "demo-request-denied-2",
    requesterId: "demo-user-eric",
    accountId: "demo-account-globex",
    domain: "globex.com",
    reason: "Accès demandé pour un audit.",
    status: "DENIED",
    daysAgo: 25,
    decidedById: "demo-user-admin2",
  },
  {
    id: "demo-request-withdrawn-1",
    requesterId: "demo-user-requester",
    accountId: "demo-account-stark",
    domain: "stark.com",
    reason: "Wrong account: I meant Stark's partner account.",
    status: "WITHDRAWN",
    daysAgo: 12,
  },
  {
    id: "demo-request-withdrawn-2",
    requesterId: "demo-user-dana",
    accountId: "demo-account-stark",
    domain: "stark.com",
    reason: "Evaluating Stark products for Contoso.",
    status: "WITHDRAWN",
    daysAgo: 18,
  },
  {
    id: "demo-request-expired-1",
    requesterId: "demo-user-requester",
    accountId: "demo-account-acme-labs",
    domain: "acme.com",
    reason: "Quarterly licence review for the Acme Labs team.",
    status: "EXPIRED",
    daysAgo: 45,
  },
  {
    id: "demo-request-expired-2",
    requesterId: "demo-user-eric",
    accountId: "demo-account-acme-corp",
    domain: "acme.com",
    reason: "Audit des licences Acme Corporation.",
    status: "EXPIRED",
    daysAgo: 60,
  },
];
