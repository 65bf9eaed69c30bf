import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IMPORT_LIMITS,
  IMPORT_TEMPLATE_CSV,
  firstInvalidUtf8,
  parseAddressList,
  parseImportCsv,
  parseImportFile,
  type ParseOutcome,
} from "@/lib/members-import/parse";
import { hostileText } from "../support/hostile-input";

const bytes = (text: string) => new TextEncoder().encode(text);
const rowsOf = (outcome: ParseOutcome) => {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.problem)}`);
  return outcome.value.rows;
};
const problemOf = (outcome: ParseOutcome) => (outcome.ok ? null : outcome.problem);

describe("the text area", () => {
  it.each([
    ["commas", "a@example.com,b@example.com"],
    ["spaces", "a@example.com  b@example.com"],
    ["lines", "a@example.com\r\nb@example.com\n"],
    ["semicolons and tabs", "a@example.com;\tb@example.com"],
    ["a mix, with a mail client's brackets", " <a@example.com>,\n b@example.com ; "],
  ])("splits addresses separated by %s", (_, text) => {
    const rows = rowsOf(parseAddressList(text, { role: "USER" }));
    expect(rows.map((row) => row.email)).toEqual(["a@example.com", "b@example.com"]);
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
    expect(rows.every((row) => row.role === "USER")).toBe(true);
  });

  it("normalises addresses as sign-in does: trimmed, lower case, NFKC", () => {
    const [row] = rowsOf(parseAddressList("Ｊane.Doe@Example.COM", { role: "USER" }));
    expect(row!.email).toBe("jane.doe@example.com");
  });

  it("keeps a line that is not an address, for the preview to refuse", () => {
    const rows = rowsOf(parseAddressList("not-an-address b@example.com", { role: "USER" }));
    expect(rows[0]).toMatchObject({ address: "not-an-address", email: null });
  });

  it("counts a duplicate address once and reports it", () => {
    const outcome = parseAddressList("a@example.com A@Example.com b@example.com", { role: "USER" });
    expect(rowsOf(outcome).map((row) => row.email)).toEqual(["a@example.com", "b@example.com"]);
    expect(outcome.ok && outcome.value.duplicates).toEqual([
      { email: "a@example.com", line: 2, firstLine: 1 },
    ]);
  });

  it("gives every address the dialog's scope and end date", () => {
    const [row] = rowsOf(
      parseAddressList("a@example.com", {
        role: "VIEWER",
        virtualAccounts: ["EMEA/France"],
        includeSubAccounts: true,
        accessEnds: "2030-01-01",
      }),
    );
    expect(row).toMatchObject({
      virtualAccounts: ["EMEA/France"],
      includeSubAccounts: "true",
      accessEnds: "2030-01-01",
    });
  });

  it("refuses nothing to read, more than 1,000 people and more than 1 MB", () => {
    expect(problemOf(parseAddressList(" \n, ", { role: "USER" }))).toEqual({ code: "empty" });
    const many = Array.from({ length: IMPORT_LIMITS.people + 1 }, (_, i) => `p${i}@example.com`);
    expect(problemOf(parseAddressList(many.join("\n"), { role: "USER" }))).toEqual({
      code: "tooMany",
    });
    expect(rowsOf(parseAddressList(many.slice(1).join("\n"), { role: "USER" })).length).toBe(
      IMPORT_LIMITS.people,
    );
    expect(
      problemOf(parseAddressList("x".repeat(IMPORT_LIMITS.bytes + 1), { role: "USER" })),
    ).toEqual({ code: "tooLarge" });
  });
});

describe("the CSV file", () => {
  it("reads every column, with or without a byte-order mark", () => {
    const text =
      "email,role,virtual_accounts,include_sub_accounts,access_ends\r\n" +
      "Jane@Example.com,user,EMEA/France; Americas ,yes,2030-06-30\r\n" +
      "\r\n" +
      '"sam@example.com",ADMIN,,,\r\n';
    for (const file of [bytes(text), bytes(`\ufeff${text}`)]) {
      const rows = rowsOf(parseImportFile(file));
      expect(rows).toEqual([
        {
          line: 2,
          address: "Jane@Example.com",
          email: "jane@example.com",
          role: "user",
          virtualAccounts: ["EMEA/France", "Americas"],
          includeSubAccounts: "yes",
          accessEnds: "2030-06-30",
        },
        {
          line: 4,
          address: "sam@example.com",
          email: "sam@example.com",
          role: "ADMIN",
          virtualAccounts: [],
          includeSubAccounts: "",
          accessEnds: "",
        },
      ]);
    }
  });

  it("takes the columns in any order, the optional ones left out, and lines without their last cells", () => {
    const rows = rowsOf(parseImportCsv("Role,E-mail\nviewer,a@example.com\n"));
    expect(rows[0]).toMatchObject({ email: "a@example.com", role: "viewer" });
    const short = rowsOf(parseImportCsv("email,role,access_ends\na@example.com,USER\n"));
    expect(short[0]).toMatchObject({ email: "a@example.com", accessEnds: "" });
  });

  it("reads a file a French spreadsheet wrote, with semicolons between columns", () => {
    const rows = rowsOf(
      parseImportCsv('email;role;virtual_accounts\na@example.com;USER;"EMEA/France;Americas"\n'),
    );
    expect(rows[0]!.virtualAccounts).toEqual(["EMEA/France", "Americas"]);
  });

  it("counts a duplicate address once and reports its line", () => {
    const outcome = parseImportCsv("email,role\na@example.com,USER\nA@example.com,ADMIN\n");
    expect(rowsOf(outcome)).toHaveLength(1);
    expect(outcome.ok && outcome.value.duplicates).toEqual([
      { email: "a@example.com", line: 3, firstLine: 2 },
    ]);
  });

  it.each([
    ["a missing header", "a@example.com,USER\n", { code: "missingHeader", line: 1, column: 1 }],
    [
      "a header without role",
      "email\na@example.com\n",
      { code: "missingColumn", line: 1, name: "role" },
    ],
    [
      "a duplicate column",
      "email,role,Email\na@example.com,USER,b@example.com\n",
      { code: "duplicateColumn", line: 1, column: 3, name: "Email" },
    ],
    [
      "an unknown column",
      "email,role,name\na@example.com,USER,Jane\n",
      { code: "unknownColumn", line: 1, column: 3, name: "name" },
    ],
    ["a formula (=)", "email,role\na@example.com,=1+1\n", { code: "formula", line: 2, column: 2 }],
    ["a formula (+)", "email,role\n+a@example.com,USER\n", { code: "formula", line: 2, column: 1 }],
    [
      "a formula (-)",
      "email,role\na@example.com,USER\nb@example.com,-2\n",
      { code: "formula", line: 3, column: 2 },
    ],
    ["a formula (@)", 'email,role\n" @SUM(A1)",USER\n', { code: "formula", line: 2, column: 1 }],
    [
      "an unclosed quote",
      'email,role\n"a@example.com,USER\n',
      { code: "malformed", line: 2, column: 1 },
    ],
    [
      "more cells than the header",
      "email,role\na@example.com,USER,extra\n",
      { code: "malformed", line: 2, column: 3 },
    ],
    ["only a header", "email,role\n", { code: "empty" }],
    ["nothing", "", { code: "empty" }],
  ])("refuses %s, naming where", (_, text, problem) => {
    expect(problemOf(parseImportFile(bytes(text)))).toEqual(problem);
  });

  it("refuses a file in another encoding, naming the line and column of the first bad byte", () => {
    const latin1 = Uint8Array.from([
      ...bytes("email,role\nfran"),
      0xe7, // "ç" in ISO-8859-1
      ...bytes("ois@example.com,USER\n"),
    ]);
    expect(problemOf(parseImportFile(latin1))).toEqual({ code: "encoding", line: 2, column: 5 });
    const utf16 = Uint8Array.from([0xff, 0xfe, ...bytes("e")]);
    expect(problemOf(parseImportFile(utf16))).toEqual({ code: "encoding", line: 1, column: 1 });
  });

  it("refuses more than 1,000 people and more than 1 MB before reading on", () => {
    const lines = Array.from(
      { length: IMPORT_LIMITS.people + 1 },
      (_, i) => `p${i}@example.com,USER`,
    );
    expect(problemOf(parseImportCsv(`email,role\n${lines.join("\n")}\n`))).toEqual({
      code: "tooMany",
    });
    expect(rowsOf(parseImportCsv(`email,role\n${lines.slice(1).join("\n")}\n`))).toHaveLength(
      IMPORT_LIMITS.people,
    );
    expect(problemOf(parseImportFile(new Uint8Array(IMPORT_LIMITS.bytes + 1)))).toEqual({
      code: "tooLarge",
    });
  });

  it("offers a template that it reads back, and the downloadable file is that template", () => {
    expect(rowsOf(parseImportCsv(IMPORT_TEMPLATE_CSV))).toHaveLength(2);
    expect(readFileSync("public/members-import-template.csv", "utf8")).toBe(IMPORT_TEMPLATE_CSV);
  });
});

describe("UTF-8 validation", () => {
  it("agrees with TextDecoder's fatal mode on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(input) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("hostile input (fast-check)", () => {
  const cell = fc.oneof(
    hostileText,
    fc.constantFrom('"', '""', ",", ";", "\n", "\r", "=1", "a@example.com"),
  );
  it("a file of any bytes is read or refused with a problem, never thrown", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        const outcome = parseImportFile(input);
        expect(typeof outcome.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });

  it("a CSV of hostile cells is read or refused with a line, never thrown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        fc.boolean(),
        (records, withHeader) => {
          const body = records.map((record) => record.join(",")).join("\n");
          const outcome = parseImportCsv(withHeader ? `email,role\n${body}` : body);
          if (outcome.ok) {
            for (const row of outcome.value.rows) expect(row.line).toBeGreaterThanOrEqual(2);
          } else if ("line" in outcome.problem) {
            expect(outcome.problem.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a hostile text area is split or refused, never thrown", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const outcome = parseAddressList(text, { role: "USER" });
        if (outcome.ok) for (const row of outcome.value.rows) expect(row.address).not.toBe("");
      }),
      { numRuns: 300 },
    );
  });
});
