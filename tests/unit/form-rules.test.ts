import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationError } from "@/lib/actions/mutation";
import { denialReasonErrorCode } from "@/lib/admin/rules";
import { denialReasonSchema } from "@/lib/admin/schema";
import { parseSignInAddress } from "@/lib/auth/rules";
import { profileFieldErrors } from "@/lib/profile/rules";
import { profileSchema } from "@/lib/profile/schema";
import { reasonErrorCode } from "@/lib/requests/rules";
import { reasonSchema } from "@/lib/requests/schema";
import { caseNoteErrorCode } from "@/lib/support/rules";
import { caseNoteSchema } from "@/lib/support/schema";

/** The field codes the server answers for an input (what `defineMutation` puts in details). */
function serverFieldErrors(input: unknown): Record<string, string> {
  const parsed = profileSchema.safeParse(input);
  return parsed.success
    ? {}
    : (validationError(parsed.error).details.fieldErrors as Record<string, string>);
}

const valid = {
  firstName: "Rosa",
  lastName: "Park",
  company: "Northwind",
  jobTitle: "Engineer",
  country: "GB",
  phone: "+44 20 5555 0199",
};

describe("the profile form's checks (no zod in the browser)", () => {
  const cases: [string, typeof valid][] = [
    ["a complete profile", valid],
    [
      "an empty form",
      { firstName: "", lastName: "", company: "", jobTitle: "", country: "", phone: "" },
    ],
    ["blanks only", { ...valid, firstName: "   ", company: "\t" }],
    [
      "names at and over their limit",
      {
        ...valid,
        firstName: "a".repeat(100),
        lastName: "b".repeat(101),
        jobTitle: "c".repeat(201),
      },
    ],
    ["a long value with spaces around it", { ...valid, company: ` ${"d".repeat(200)} ` }],
    ["an unknown country", { ...valid, country: "XX" }],
    ["a lower-case country", { ...valid, country: "gb" }],
    ["words as a phone", { ...valid, phone: "not a phone" }],
    ["a short phone", { ...valid, phone: "+44 1" }],
    ["a phone with spaces around it", { ...valid, phone: "  (020) 5555-0199  " }],
    ["a phone too long", { ...valid, phone: `+${"1".repeat(26)}` }],
  ];

  it.each(cases)("finds what the server finds: %s", (_name, input) => {
    expect(profileFieldErrors(input)).toEqual(serverFieldErrors(input));
  });

  it("names each field the server refuses", () => {
    expect(profileFieldErrors({ ...valid, company: "", phone: "not a phone" })).toEqual({
      company: "required",
      phone: "phone",
    });
  });
});

describe("the reason's check (no zod in the browser)", () => {
  it.each([
    "",
    "too short",
    "   ten chars   ",
    "ten chars!",
    "x".repeat(1000),
    ` ${"x".repeat(1000)} `,
    "x".repeat(1001),
  ])("agrees with the server for %j", (reason) => {
    const parsed = reasonSchema.safeParse(reason);
    expect(reasonErrorCode(reason)).toBe(parsed.success ? null : parsed.error.issues[0]!.message);
  });
});

describe("an administrator's denial reason (no zod in the browser)", () => {
  it.each(["", "   ", "x".repeat(1000), ` ${"x".repeat(1000)} `, "x".repeat(1001)])(
    "agrees with the server for %j",
    (reason) => {
      const parsed = denialReasonSchema.safeParse(reason);
      expect(denialReasonErrorCode(reason)).toBe(
        parsed.success ? null : parsed.error.issues[0]!.message,
      );
    },
  );
});

describe("a support case note (no zod in the browser)", () => {
  it.each(["", "   ", "x", "x".repeat(2000), ` ${"x".repeat(2000)} `, "x".repeat(2001)])(
    "agrees with the server for %j",
    (body) => {
      const parsed = caseNoteSchema.shape.body.safeParse(body);
      expect(caseNoteErrorCode(body)).toBe(parsed.success ? null : parsed.error.issues[0]!.message);
    },
  );
});

describe("the sign-in form's address (no zod in the browser)", () => {
  const zodEmail = z.string().trim().toLowerCase().pipe(z.email());
  it.each([
    "rachel.requester@example.com",
    "  Rachel.Requester@Example.COM ",
    "o'brien+tag@sub.example.co.uk",
    "",
    "rachel",
    "rachel@",
    "@example.com",
    "rachel@example",
    "rachel@@example.com",
    "rachel..requester@example.com",
    ".rachel@example.com",
    "rachel@-example.com",
    "rachel@example.c",
    "rachel requester@example.com",
    "ráchel@example.com",
  ])("accepts what z.email() accepts, lower-cased: %j", (input) => {
    const parsed = zodEmail.safeParse(input);
    expect(parseSignInAddress(input)).toBe(parsed.success ? parsed.data : null);
  });
});
