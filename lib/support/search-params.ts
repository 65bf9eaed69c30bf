import { z } from "zod";
import { normalizeDomain } from "@/lib/accounts/domain";
import { calendarDateSchema } from "@/lib/calendar-date-schema";
import { isStorableText } from "@/lib/forms/storable-text";
import { AccessRequestStatus } from "@/lib/generated/prisma/enums";

// Messages are catalog keys under support.errors.

/** A query-string value: the first of repeated values; an empty field is no filter. */
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" && first.trim() === "" ? undefined : first;
  }, schema.optional());

// proxy.ts refuses a URL with a NUL already; checked again for any other caller.
const text = (max: number) =>
  z.string().refine(isStorableText, "invalidCharacters").trim().max(max, "tooLong");

/** The support search, as it travels in the URL (the page, its pagination and the CSV export). */
export const requestSearchSchema = z
  .object({
    email: param(text(320).toLowerCase()),
    emailMatch: param(z.enum(["prefix", "exact"])),
    requestId: param(text(100)),
    domain: param(text(300).refine((value) => normalizeDomain(value).ok, "domainFormat")),
    account: param(text(200)),
    status: param(z.enum(AccessRequestStatus, { error: "status" })),
    escalated: param(z.enum(["yes", "no"], { error: "escalated" })),
    from: param(calendarDateSchema),
    to: param(calendarDateSchema),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "dateRange" });
  })
  .transform((value) => {
    const domain = value.domain ? normalizeDomain(value.domain) : null;
    return {
      ...value,
      domain: domain?.ok ? domain.domain : undefined,
      emailMatch: value.emailMatch ?? "prefix",
    };
  });

export type RequestSearch = z.output<typeof requestSearchSchema>;
export type RequestSearchField = Exclude<keyof RequestSearch, "emailMatch">;

export type ParsedSearch =
  | { ok: true; filters: RequestSearch }
  | { ok: false; fieldErrors: Partial<Record<RequestSearchField, string>> };

export function parseRequestSearch(
  params: Record<string, string | string[] | undefined>,
): ParsedSearch {
  const parsed = requestSearchSchema.safeParse(params);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const fieldErrors: Partial<Record<RequestSearchField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]) as RequestSearchField;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** True when at least one filter narrows the search (emailMatch alone does not). */
export function hasFilters(filters: Partial<RequestSearch>): boolean {
  return Object.entries(filters).some(
    ([key, value]) => key !== "emailMatch" && value !== undefined,
  );
}

/** The filters as a query string, so pages, pagination and the export all describe one search. */
export function searchQuery(
  filters: Partial<RequestSearch>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (key === "emailMatch" && (value === "prefix" || !filters.email)) continue;
    params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const caseStatusFilterSchema = z.enum(["OPEN", "CLOSED", "ALL"]).catch("OPEN");
export type CaseStatusFilter = z.output<typeof caseStatusFilterSchema>;
