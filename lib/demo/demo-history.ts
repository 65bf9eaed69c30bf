import type { AccessRequestStatus, Locale, MembershipRole } from "@/lib/generated/prisma/enums";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { demoAccounts, demoMemberships, demoUsers } from "./demo-data";

/*
 * Months of decided requests for the insights page (issue 29), so that its charts show a shape: a
 * volume that grows, decisions that get faster, reminders and escalations while a request waits,
 * and a few requests still pending at every age. Generated from a fixed seed, so the same people,
 * requests and outcomes every time; only the dates follow `now`. The requesters are not demo users:
 * the sign-in page lists `demoUsers` only.
 */

/** ACCESS_REQUEST_TTL_DAYS's default (lib/env.ts): a request not decided by then expires. */
export const DEMO_REQUEST_TTL_DAYS = 30;
/** ESCALATE_AFTER_DAYS's default (lib/env.ts): support steps in on a request waiting this long. */
export const DEMO_ESCALATE_AFTER_DAYS = 7;
/** How far back the history goes: about eight months. */
export const DEMO_HISTORY_DAYS = 240;
const DECIDED_REQUESTS = 250;
/** Days since sent of the requests still pending: a few in each of the page's age buckets. */
const PENDING_AGES_DAYS = [0.1, 0.4, 0.8, 1.3, 2.1, 2.8, 3.6, 5.2, 6.4, 8.5, 11.7, 16.2, 22.4];

// Word lists rather than arrays, so that they stay a few lines each.
const FIRST_NAMES = {
  en: "Aiko Carla Diego Felix Grace Ingrid Jamal Katarzyna Marcus Nadia Priya Rosa Stefan Tomás Ulla Wen Yasmin Amara Dmitri Hannah".split(
    " ",
  ),
  fr: "Benoît Élodie Hugo Léa Olivier Quentin Victor Xavier Zoé Bastien Chloé Margaux".split(" "),
};
const LAST_NAMES =
  "Abbott Bernard Castillo Dubois Eriksen Fischer Garnier Hoffman Ito Jensen Kowalski Laurent Mendes Nakamura Okonkwo Petit Quinn Roux Silva Tanaka Urquhart Vidal Walsh Xu Yilmaz Zimmermann Anand Blanc Chen Duarte".split(
    " ",
  );
const COMPANIES =
  "Tailspin Toys, Wide World Importers, Litware, Proseware, Adventure Works, Coho Winery, Lucerne Publishing, Trey Research, Woodgrove Bank, Alpine Ski House, Fourth Coffee, Humongous Insurance, Relecloud, VanArsdel".split(
    ", ",
  );
const JOB_TITLES = {
  en: ["Licensing analyst", "IT manager", "Procurement lead", "Systems engineer", "Buyer"],
  fr: ["Analyste licences", "Responsable achats", "Ingénieure système", "Chef de projet IT"],
};
const REASONS = {
  en: [
    "I manage our company's licences for this account and need to see the entitlements.",
    "Renewal planning for next quarter: I need the licence usage.",
    "We are rolling out new seats and need to assign them.",
    "Our team took over licence administration from a colleague who left.",
    "Audit preparation: I need read access to the licence history.",
    "We resell these products and support the customer's licences.",
  ],
  fr: [
    "Je gère les licences de notre société pour ce compte.",
    "Préparation du renouvellement : besoin de consulter l'utilisation des licences.",
    "Déploiement de nouveaux postes : je dois attribuer les licences.",
    "Audit interne : accès en lecture à l'historique des licences.",
  ],
};
const DENIAL_NOTES = {
  en: [
    "Please ask through your company's licensing contact.",
    "This account is for Acme staff only.",
    "Access is limited to the team running the rollout.",
  ],
  fr: [
    "Merci de passer par le contact licences de votre société.",
    "Ce compte est réservé à l'équipe du projet.",
  ],
};
const GRANTED_ROLES: MembershipRole[] = ["USER", "USER", "USER", "VIEWER", "VIEWER"];

export interface DemoHistoryUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  jobTitle: string;
  country: string;
  locale: Locale;
}

export interface DemoHistoryRequest {
  id: string;
  requesterId: string;
  accountId: string;
  domain: string;
  reason: string;
  status: AccessRequestStatus;
  createdAt: Date;
  /** Approved, denied or withdrawn at; for an expired one, when the sweep expired it. */
  decidedAt: Date | null;
  decidedById: string | null;
  decisionNote: string | null;
  grantedRole: MembershipRole | null;
  /** When each reminder was sent, oldest first. */
  remindedAt: Date[];
  escalatedAt: Date | null;
}

/** The accounts whose demo administrators decide the history's requests, with those administrators. */
export function historyAccounts() {
  return demoAccounts
    .filter((account) => account.status === "ACTIVE")
    .map((account) => ({
      ...account,
      admins: demoMemberships
        .filter((m) => m.accountId === account.id && m.role === "ADMIN" && m.active && !m.grants)
        .flatMap((m) => demoUsers.filter((user) => user.id === m.userId)),
    }))
    .filter((account) => account.admins.length > 0);
}

/** Mulberry32: a small deterministic generator, so the history is the same at every seed. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** A standard normal deviate (Box–Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, pick, normal };
}

const ascii = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export const demoHistoryUsers: DemoHistoryUser[] = Array.from({ length: 60 }, (_, i) => {
  // One in three speaks French; each first name comes back with another last name.
  const locale: Locale = i % 3 === 1 ? "fr" : "en";
  const names = FIRST_NAMES[locale];
  const nth = locale === "fr" ? Math.floor(i / 3) : i - Math.floor((i + 1) / 3);
  const firstName = names[nth % names.length]!;
  const lastName = LAST_NAMES[(i * 7 + Math.floor(nth / names.length) * 3) % LAST_NAMES.length]!;
  const number = String(i + 1).padStart(2, "0");
  return {
    id: `demo-history-user-${number}`,
    email: `${ascii(firstName)}.${ascii(lastName)}@example.${i % 2 === 0 ? "com" : "org"}`,
    firstName,
    lastName,
    company: COMPANIES[(i * 5) % COMPANIES.length]!,
    jobTitle: JOB_TITLES[locale][i % JOB_TITLES[locale].length]!,
    country: locale === "fr" ? "FR" : (["US", "GB", "CA", "DE", "JP", "AU"] as const)[i % 6]!,
    locale,
  };
});

/** Hours from sending to decision, about 60 h eight months ago down to about 4 h now. */
function decisionHours(ageDays: number, normal: number): number {
  const median = 4 + 56 * Math.min(1, ageDays / DEMO_HISTORY_DAYS);
  return Math.min(14 * 24, Math.max(0.25, median * Math.exp(0.8 * normal)));
}

/** Reminders while a request waited `waitMs` (at most one a day, at most three), and its escalation. */
function followUps(createdAt: Date, waitMs: number, random: () => number) {
  const possible = Math.min(3, Math.floor((waitMs - HOUR_MS) / DAY_MS));
  const count = possible > 0 && random() < 0.5 ? 1 + Math.floor(random() * possible) : 0;
  const remindedAt = Array.from(
    { length: count },
    (_, k) => new Date(createdAt.getTime() + (k + 1) * DAY_MS + HOUR_MS * random()),
  );
  const escalateAt = createdAt.getTime() + DEMO_ESCALATE_AFTER_DAYS * DAY_MS;
  return {
    remindedAt,
    escalatedAt: waitMs >= escalateAt - createdAt.getTime() ? new Date(escalateAt) : null,
  };
}

/**
 * The history's requests at `now`: DECIDED_REQUESTS decided ones over DEMO_HISTORY_DAYS, oldest
 * first (more each month), then the pending ones. A requester asks an account again only
 * after a denial, withdrawal or expiry, never while pending or after an approval.
 */
export function demoHistoryRequests(now: Date): DemoHistoryRequest[] {
  const random = generator(29);
  const accounts = historyAccounts();
  // Acme Corporation gets the most requests; the weights are the order of the demo accounts.
  const weighted = accounts.flatMap((account, index) =>
    Array.from({ length: Math.max(1, 3 - Math.floor(index / 2)) }, () => account),
  );
  // When each requester may ask each account again: after the last request was denied, withdrawn
  // or expired (one pending request at a time), never after an approval (they are a member then).
  const freeAt = new Map<string, number>();
  const requesterFor = (accountId: string, at: number) => {
    const start = Math.floor(random.next() * demoHistoryUsers.length);
    for (let step = 0; step < demoHistoryUsers.length; step++) {
      const user = demoHistoryUsers[(start + step) % demoHistoryUsers.length]!;
      if ((freeAt.get(`${user.id} ${accountId}`) ?? 0) <= at) return user;
    }
    return null;
  };
  const requests: DemoHistoryRequest[] = [];
  const add = (ageDays: number, pending: boolean) => {
    const account = random.pick(weighted);
    const createdAt = new Date(now.getTime() - ageDays * DAY_MS);
    const requester = requesterFor(account.id, createdAt.getTime());
    if (!requester) return;
    const decider = account.admins[0]!;
    const base = {
      id: `demo-history-request-${String(requests.length + 1).padStart(3, "0")}`,
      requesterId: requester.id,
      accountId: account.id,
      domain: random.pick(account.domains),
      reason: random.pick(REASONS[requester.locale]),
      createdAt,
    };
    const roll = random.next();
    const status: AccessRequestStatus = pending
      ? "PENDING"
      : ageDays > DEMO_REQUEST_TTL_DAYS + 1 && roll < 0.08
        ? "EXPIRED"
        : roll < 0.17
          ? "WITHDRAWN"
          : roll < 0.37
            ? "DENIED"
            : "APPROVED";
    // How long it waited: until now, its expiry, a withdrawal within three days, or a decision
    // (a recent request is decided before now).
    const waitMs =
      status === "PENDING"
        ? now.getTime() - createdAt.getTime()
        : status === "EXPIRED"
          ? DEMO_REQUEST_TTL_DAYS * DAY_MS
          : Math.min(
              HOUR_MS *
                (status === "WITHDRAWN"
                  ? 2 + 70 * random.next()
                  : decisionHours(ageDays, random.normal())),
              (ageDays * DAY_MS) / 2,
            );
    const decided = status === "APPROVED" || status === "DENIED";
    const deniedWithNote = status === "DENIED" && random.next() < 0.5;
    const request: DemoHistoryRequest = {
      ...base,
      status,
      decidedAt: pending ? null : new Date(createdAt.getTime() + waitMs),
      decidedById: decided ? decider.id : null,
      decisionNote: deniedWithNote ? random.pick(DENIAL_NOTES[decider.locale]) : null,
      grantedRole: status === "APPROVED" ? random.pick(GRANTED_ROLES) : null,
      ...followUps(createdAt, waitMs, random.next),
    };
    const open = request.status === "PENDING" || request.status === "APPROVED";
    freeAt.set(`${requester.id} ${account.id}`, open ? Infinity : request.decidedAt!.getTime());
    requests.push(request);
  };
  for (let i = 0; i < DECIDED_REQUESTS; i++) {
    // Stratified and skewed towards now: the portal is used more every month.
    const ageDays = DEMO_HISTORY_DAYS * (1 - Math.sqrt((i + random.next()) / DECIDED_REQUESTS));
    add(Math.max(ageDays, 0.05), false);
  }
  for (const ageDays of [...PENDING_AGES_DAYS].reverse()) add(ageDays, true);
  return requests;
}
